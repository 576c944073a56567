package obp.loadtest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --search-v7, --search-max-workers and --search-step-duration: defaults and checks. */
class SearchSettingsTest {

    private static Settings flags(Map<String, String> flags) {
        return Settings.load(new Settings.Layers(Map.of(), Map.of(), flags));
    }

    private static List<String> problems(Map<String, String> flags) {
        return assertThrows(SettingsException.class, () -> flags(flags)).problems();
    }

    @Test
    void offByDefaultWith32WorkersAndTenSecondSteps() {
        Settings s = flags(Map.of());
        assertFalse(s.searchV7());
        assertEquals(32, s.searchMaxWorkers());
        assertEquals(Duration.ofSeconds(10), s.searchStepDuration());
        Settings on = flags(
                Map.of("obp.search-v7", "true", "obp.search-max-workers", "20", "obp.search-step-duration", "3s"));
        assertTrue(on.searchV7());
        assertEquals(20, on.searchMaxWorkers());
        assertEquals(Duration.ofSeconds(3), on.searchStepDuration());
    }

    @Test
    void aSearchNeedsWorkersAStepAndTheClosedModel() {
        List<String> p = problems(
                Map.of("obp.search-v7", "true", "obp.search-max-workers", "0", "obp.search-step-duration", "0s"));
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).contains("--search-max-workers") && p.get(0).contains("at least 1"), p.toString());
        assertTrue(p.get(1).contains("--search-step-duration") && p.get(1).contains("more than 0"), p.toString());
        assertEquals(
                List.of("--search-v7 steps concurrent workers (closed model): leave --rate-v7 at 0"),
                problems(Map.of("obp.search-v7", "true", "obp.rate-v7", "5", "obp.duration-v7", "1m")));
    }
}
