package obp.loadtest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --live, --live-digest-rate and --rate-v7: defaults, checks, and what the summary records. */
class LiveAndRateSettingsTest {

    private static Settings flags(Map<String, String> flags) {
        return Settings.load(new Settings.Layers(Map.of(), Map.of(), flags));
    }

    private static List<String> problems(Map<String, String> flags) {
        return assertThrows(SettingsException.class, () -> flags(flags)).problems();
    }

    @Test
    void defaultsAreAutoAt20LinesASecondAndTheClosedModel() {
        Settings s = flags(Map.of());
        assertEquals("auto", s.live());
        assertEquals(20, s.liveDigestRate());
        assertEquals(0, s.rateV7());
        assertEquals("closed", s.masked().get("model-v7"));
    }

    @Test
    void liveTakesFourModesAndSaysWhichOnAnythingElse() {
        assertEquals("flags", flags(Map.of("obp.live", "FLAGS")).live());
        assertEquals(
                List.of("--live must be all, auto, flags or off, got 'loud'"), problems(Map.of("obp.live", "loud")));
    }

    @Test
    void openModelNeedsADurationAndMayUseMoreUsersThanWorkers() {
        assertEquals(
                List.of("--rate-v7 starts sweeps for a time: give --duration-v7 too"),
                problems(Map.of("obp.rate-v7", "5")));
        Settings s = flags(Map.of("obp.rate-v7", "5", "obp.duration-v7", "1m", "obp.users-v7", "4"));
        assertEquals(5, s.rateV7());
        assertEquals("open", s.masked().get("model-v7"));
        assertEquals(5, s.masked().get("rate-v7"));
    }
}
