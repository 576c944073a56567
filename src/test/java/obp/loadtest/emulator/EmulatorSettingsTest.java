package obp.loadtest.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import obp.loadtest.config.Settings.Layers;
import obp.loadtest.config.SettingsException;
import org.junit.jupiter.api.Test;

/** The emulator reads its own section: a bad load-test setting cannot stop it; a bad emulator setting is one line. */
class EmulatorSettingsTest {

    private static EmulatorSettings load(Map<String, String> env, Map<String, String> properties) {
        return EmulatorSettings.load(new Layers(Map.of(), env, properties));
    }

    @Test
    void aBadLoadTestSettingIsNotTheEmulatorsConcern() {
        EmulatorSettings s = load(
                Map.of("OBP_API_HOST", "not a url", "OBP_EMULATOR_POOL_SIZE", "3"),
                Map.of("obp.workers-v7", "abc", "obp.threshold", "nonsense", "obp.emulator.acquire-timeout", "2s"));
        assertEquals(3, s.plan().poolSize());
        assertEquals(Duration.ofSeconds(2), s.plan().acquireTimeout());
        assertFalse(s.portGiven());
        assertEquals(EmulatorSettings.STANDALONE_PORT, s.standalone().port());
        assertEquals(
                9090,
                load(Map.of(), Map.of("obp.emulator.port", "9090")).standalone().port());
    }

    @Test
    void aBadEmulatorSettingIsOneLine() {
        assertEquals(
                List.of("--emulator-pool-size must be a whole number, got 'abc'"),
                assertThrows(SettingsException.class, () -> load(Map.of(), Map.of("obp.emulator.pool-size", "abc")))
                        .problems());
        assertEquals(
                List.of("--emulator-connection-scope must be request or writes, not 'x'"),
                assertThrows(
                                SettingsException.class,
                                () -> load(Map.of("OBP_EMULATOR_CONNECTION_SCOPE", "x"), Map.of()))
                        .problems());
        assertEquals(
                List.of("unknown setting -Dobp.emulator.pool-sise (see the obp.emulator keys of"
                        + " src/test/resources/application.conf)"),
                assertThrows(SettingsException.class, () -> load(Map.of(), Map.of("obp.emulator.pool-sise", "2")))
                        .problems());
    }

    /** The standalone emulator itself, as ./emulator.sh starts it: a bad load-test flag is ignored, a bad emulator flag is one line and exit 2. */
    @Test
    void theStandaloneEmulatorStartsWhateverTheLoadTestFlagsSay() throws Exception {
        Process ok = standalone("-Dobp.workers-v7=abc", "-Dobp.emulator.port=0");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(ok.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("OBP emulator listening on http://"), String.valueOf(first));
        } finally {
            ok.destroy();
            if (!ok.waitFor(10, TimeUnit.SECONDS)) ok.destroyForcibly();
        }
        Process bad = standalone("-Dobp.workers-v7=abc", "-Dobp.emulator.pool-size=abc");
        assertTrue(bad.waitFor(60, TimeUnit.SECONDS), "the emulator stops on a bad emulator flag");
        String printed = new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, bad.exitValue());
        assertEquals("OBP emulator: --emulator-pool-size must be a whole number, got 'abc'", printed.strip());
    }

    private static Process standalone(String... properties) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(properties));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EmulatorMain.class.getName()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
    }
}
