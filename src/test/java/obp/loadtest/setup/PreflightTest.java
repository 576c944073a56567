package obp.loadtest.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import obp.loadtest.emulator.FaultPlan;
import obp.loadtest.emulator.ObpEmulator;
import org.junit.jupiter.api.Test;

class PreflightTest {

    @Test
    void aListedVersionWhoseRootFailsIsKeptOnlyA404DropsIt() {
        // Every v7.0.0 answer is a 500, the root's too: a passing failure, not a switched-off version.
        try (ObpEmulator failing = ObpEmulator.start(FaultPlan.defaults().errorRate(1.0))) {
            List<String> versions =
                    new Preflight(new ObpClient(failing.baseUrl(), "none", Duration.ofSeconds(5))).versions();
            assertEquals("v7.0.0", versions.get(versions.size() - 1));
        }
        // A server that stops at v5.1.0 serves nothing above it.
        try (ObpEmulator older = ObpEmulator.start(FaultPlan.defaults().maxVersion("v5.1.0"))) {
            List<String> versions =
                    new Preflight(new ObpClient(older.baseUrl(), "none", Duration.ofSeconds(5))).versions();
            assertEquals("v5.1.0", versions.get(versions.size() - 1));
        }
    }
}
