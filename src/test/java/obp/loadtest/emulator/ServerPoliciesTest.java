package obp.loadtest.emulator;

import static obp.loadtest.emulator.WireClient.auth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a server does beside its pool, on the wire as OBP answers it: leaks, limits, shedding, an absent endpoint. */
class ServerPoliciesTest {

    @Test
    void aLeakingHandlerKeepsItsConnectionAfterItHasAnswered() {
        try (ObpEmulator obp = ObpEmulator.start(
                FaultPlan.defaults().sandbox(true).poolEndpointUsesPool(false).leak("/system/cache/info", 2))) {
            WireClient wire = new WireClient(obp);
            String token = wire.admin("leakuser")[1];
            for (int i = 0; i < 4; i++)
                assertEquals(
                        200,
                        wire.get("/obp/v7.0.0/system/cache/info", auth(token)).status());
            var pool = wire.get("/obp/v7.0.0/system/database/pool", auth(token));
            assertEquals(
                    2, pool.json().path("active_connections").asInt(), "every 2nd call left one held: " + pool.body());
        }
    }

    @Test
    void theConsumerLimitAnswers429WithOBPsWordsAndHeaders() {
        try (ObpEmulator limited =
                ObpEmulator.start(FaultPlan.defaults().sandbox(true).consumerRateLimit(3))) {
            WireClient w = new WireClient(limited);
            String t = w.user("limituser")[1];
            WireClient.Answer last = null;
            for (int i = 0; i < 10 && (last == null || last.status() != 429); i++)
                last = w.get("/obp/v7.0.0/users/current", auth(t));
            assertEquals(429, last.status(), last.body());
            assertEquals(
                    "OBP-10018: Too Many Requests. We only allow 3 requests per second for this Consumer.",
                    last.message());
            assertEquals("3", last.headers().firstValue("X-Rate-Limit-Limit").orElse(""));
            assertEquals(
                    "0", last.headers().firstValue("X-Rate-Limit-Remaining").orElse(""));
            assertEquals("1", last.headers().firstValue("X-Rate-Limit-Reset").orElse(""));
        }
    }

    @Test
    void theLoginLimitRefusesTheThirdLoginInItsWindow() {
        try (ObpEmulator obp =
                ObpEmulator.start(FaultPlan.defaults().sandbox(true).loginRateLimit(2, Duration.ofSeconds(30)))) {
            WireClient wire = new WireClient(obp);
            wire.createUser("loginuser");
            assertEquals(201, wire.login("loginuser").status());
            assertEquals(201, wire.login("loginuser").status());
            var third = wire.login("loginuser");
            assertEquals(429, third.status(), third.body());
            assertTrue(third.message().startsWith("OBP-10061: "), third.message());
            long reset = Long.parseLong(
                    third.headers().firstValue("X-Rate-Limit-Reset").orElse("0"));
            assertTrue(reset > 0 && reset <= 30, "seconds until the window turns: " + reset);
        }
    }

    @Test
    void requestsAboveTheSheddingLevelAreTooBusyAndThePoolEndpointIsAbsent() throws Exception {
        try (ObpEmulator obp = ObpEmulator.start(FaultPlan.defaults()
                .sandbox(true)
                .shedAbove(1)
                .poolEndpointAbsent(true)
                .latency("/obp/v7.0.0/root", Duration.ofMillis(500), Duration.ZERO))) {
            WireClient wire = new WireClient(obp);
            String token = wire.admin("sheduser1")[1];
            var slow = java.util.concurrent.CompletableFuture.supplyAsync(() -> wire.get("/obp/v7.0.0/root"));
            Thread.sleep(150);
            var shed = wire.get("/obp/v7.0.0/banks", auth(token));
            assertEquals(503, shed.status(), shed.body());
            assertTrue(
                    shed.message().startsWith("OBP-10040: The Service is too busy, please try it later."),
                    shed.message());
            assertEquals(200, slow.get().status());
            var pool = wire.get("/obp/v7.0.0/system/database/pool", auth(token));
            assertEquals(404, pool.status());
            assertTrue(pool.message().startsWith("OBP-10404: "), pool.message());
        }
    }
}
