package obp.loadtest.emulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static obp.loadtest.emulator.WireClient.auth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool is real: held stall probes starve the next v7 request, which fails with HikariCP's own message. */
class PoolStarvationTest {

    @Test
    void twoHeldStallProbesStarveAThirdV7CallAfterTheAcquireTimeout() throws Exception {
        FaultPlan plan = FaultPlan.defaults().sandbox(true).poolSize(2).acquireTimeout(Duration.ofSeconds(1))
                .connectorDialTimeout(Duration.ofSeconds(20));
        ObpEmulator obp = ObpEmulator.start(plan);
        try {
            WireClient wire = new WireClient(obp);
            String token = wire.user("pooluser1")[1];
            for (int i = 0; i < 2; i++)
                CompletableFuture.runAsync(() -> wire.get("/obp/v7.0.0" + V7Endpoints.STALL_PROBE, auth(token)));
            waitFor(() -> obp.pool().activeConnections() == 2);

            CompletableFuture<WireClient.Answer> third = CompletableFuture.supplyAsync(() -> wire.get("/obp/v7.0.0/root"));
            waitFor(() -> obp.pool().threadsAwaitingConnection() >= 1);
            var pool = wire.get("/obp/v7.0.0/system/database/pool", auth(token));   // answers outside the pool
            assertEquals(200, pool.status());
            assertEquals(2, pool.json().path("active_connections").asInt());
            assertTrue(pool.json().path("threads_awaiting_connection").asInt() >= 1, pool.body());

            var starved = third.get();
            assertEquals(500, starved.status());
            // HikariCP 6 appends the pool state: "... timed out after 1000ms (total=2, active=2, idle=0, waiting=0)"
            assertTrue(starved.message().matches("OBP-50000: Unknown Error\\.: HikariPool-\\d+ - Connection is not available, request timed out after 1\\d{3}ms.*"),
                    starved.message());
            assertTrue(starved.millis() >= 900 && starved.millis() < 5000, "took " + starved.millis() + "ms");
        } finally {
            obp.kill();
        }
    }

    @Test
    void stallProbeAnswersAfterReallyDiallingTheSilentConnector() {
        try (ObpEmulator obp = ObpEmulator.start(FaultPlan.defaults().sandbox(true).connectorDialTimeout(Duration.ofMillis(400)))) {
            WireClient wire = new WireClient(obp);
            var a = wire.get("/obp/v7.0.0" + V7Endpoints.STALL_PROBE, auth(wire.user("pooluser2")[1]));
            assertEquals(200, a.status());
            assertEquals("error", a.json().path("status").asText());
            assertTrue(a.json().path("error_message").asText().contains("did not answer within 400ms"));
            assertTrue(a.millis() >= 380, "took " + a.millis() + "ms");
            assertEquals("v6.0.0", a.header("X-OBP-Version-Served"));
        }
    }

    @Test
    void writesScopeLetsGetsBorrowBriefly() throws Exception {
        // One connection, held by a stall probe: in WRITES scope a plain GET needs none until it touches the DB.
        FaultPlan plan = FaultPlan.defaults().sandbox(true).poolSize(1).acquireTimeout(Duration.ofMillis(500))
                .connectionScope(ConnectionScope.WRITES).connectorDialTimeout(Duration.ofSeconds(20));
        ObpEmulator obp = ObpEmulator.start(plan);
        try {
            WireClient wire = new WireClient(obp);
            String token = wire.user("pooluser3")[1];
            CompletableFuture.runAsync(() -> wire.get("/obp/v7.0.0" + V7Endpoints.STALL_PROBE, auth(token)));
            waitFor(() -> obp.pool().activeConnections() == 1);
            assertEquals(200, wire.get("/obp/v7.0.0/root").status());
            assertEquals(500, wire.get("/obp/v7.0.0/users/current", auth(token)).status());
        } finally {
            obp.kill();
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 5 s");
            Thread.sleep(10);
        }
    }
}
