package obp.loadtest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import obp.loadtest.config.Settings;
import obp.loadtest.config.SettingsException;
import org.junit.jupiter.api.Test;

/** A run's settings: the embedded emulator's section is checked by the emulator, before anything starts. */
class SettingsCheckTest {

    @Test
    void aBadEmulatorSettingStopsARunWithTheEmbeddedEmulator() {
        var e = assertThrows(
                SettingsException.class,
                () -> ObpRun.loadSettings(
                        new Settings.Layers(Map.of(), Map.of("OBP_EMULATOR_DATABASE", "db2"), Map.of())));
        assertEquals(
                List.of("--emulator-database must be postgresql, mysql, h2, sqlserver or oracle, not 'db2'"),
                e.problems());
    }

    @Test
    void aRunAgainstAServerLeavesTheEmulatorSectionAlone() {
        Settings s = ObpRun.loadSettings(new Settings.Layers(
                Map.of(),
                Map.of("OBP_EMULATOR_DATABASE", "db2", "OBP_CONSUMER_KEY", "k"),
                Map.of("obp.host", "http://10.0.0.5:8080")));
        assertEquals("http://10.0.0.5:8080", s.host());
    }
}
