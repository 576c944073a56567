package obp.loadtest.emulator;

import static obp.loadtest.emulator.WireClient.auth;
import static obp.loadtest.emulator.WireClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** OBP's long_endpoint_timeout on the wire: a 504 with a code-less body, while the handler runs on and keeps its connection. */
class EndpointTimeoutTest {

    @Test
    void slowEndpointIsAnswered504AndKeepsItsConnectionUntilItsHandlerEnds() throws Exception {
        FaultPlan plan = FaultPlan.defaults()
                .longEndpointTimeout(Duration.ofMillis(500))
                .latency("/features", Duration.ofMillis(2000), Duration.ZERO);
        try (ObpEmulator obp = ObpEmulator.start(plan)) {
            WireClient wire = new WireClient(obp);
            var a = wire.get("/obp/v7.0.0/features");
            assertEquals(504, a.status());
            assertEquals("{\"message\":\"Request timeout: backend service did not respond within 500ms.\"}", a.body());
            assertTrue(a.json().path("code").isMissingNode(), "no code field, unlike every other OBP error");
            assertEquals("application/json", a.header("Content-Type"));
            assertTrue(a.millis() >= 450 && a.millis() < 1800, "answered after " + a.millis() + "ms");

            assertEquals(1, obp.pool().activeConnections(), "the timed-out handler still holds its connection");
            assertEquals(200, wire.get("/obp/v7.0.0/root").status(), "the server answers other requests meanwhile");
            Thread.sleep(800);
            assertEquals(1, obp.pool().activeConnections(), "still held while the handler runs");
            PoolStarvationTest.waitFor(() -> obp.pool().activeConnections() == 0);
        }
    }

    @Test
    void timedOutWriteIsRolledBackWhenItsHandlerEnds() throws Exception {
        FaultPlan plan = FaultPlan.defaults()
                .sandbox(true)
                .longEndpointTimeout(Duration.ofMillis(500))
                .latency("/entitlements", Duration.ofMillis(1200), Duration.ZERO);
        try (ObpEmulator obp = ObpEmulator.start(plan)) {
            WireClient wire = new WireClient(obp);
            String[] u = wire.user("timeoutuser1");
            var a = wire.post(
                    "/obp/v7.0.0/users/" + u[0] + "/entitlements",
                    json("bank_id", "", "role_name", "CanGetCacheInfo"),
                    auth(u[1]));
            assertEquals(504, a.status(), a.body());
            PoolStarvationTest.waitFor(() -> obp.pool().activeConnections() == 0);
            assertFalse(
                    EmulatorState.of(obp).roles(u[0]).contains("CanGetCacheInfo"),
                    "the handler's insert was rolled back: "
                            + EmulatorState.of(obp).roles(u[0]));
        }
    }

    @Test
    void fastEndpointsNeverSeeTheTimeoutAndZeroTurnsItOff() {
        try (ObpEmulator obp = ObpEmulator.start(FaultPlan.defaults().longEndpointTimeout(Duration.ofMillis(300)))) {
            WireClient wire = new WireClient(obp);
            for (int i = 0; i < 20; i++)
                assertEquals(200, wire.get("/obp/v7.0.0/root").status());
        }
        FaultPlan off = FaultPlan.defaults()
                .longEndpointTimeout(Duration.ZERO)
                .latency("/features", Duration.ofMillis(400), Duration.ZERO);
        try (ObpEmulator obp = ObpEmulator.start(off)) {
            assertEquals(200, new WireClient(obp).get("/obp/v7.0.0/features").status());
        }
    }
}
