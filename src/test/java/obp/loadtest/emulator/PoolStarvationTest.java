package obp.loadtest.emulator;

import static obp.loadtest.emulator.WireClient.auth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The pool is real: held stall probes starve the next v7 request, which fails with HikariCP's own message. */
class PoolStarvationTest {

    @Test
    void twoHeldStallProbesStarveAThirdV7CallAfterTheAcquireTimeout() throws Exception {
        FaultPlan plan = FaultPlan.defaults()
                .sandbox(true)
                .poolSize(2)
                .acquireTimeout(Duration.ofSeconds(1))
                .connectorDialTimeout(Duration.ofSeconds(20))
                .poolEndpointUsesPool(false);
        ObpEmulator obp = ObpEmulator.start(plan);
        try {
            WireClient wire = new WireClient(obp);
            String token = wire.admin("pooluser1")[1];
            for (int i = 0; i < 2; i++)
                CompletableFuture.runAsync(() -> wire.get("/obp/v7.0.0" + V7Endpoints.STALL_PROBE, auth(token)));
            waitFor(() -> obp.pool().activeConnections() == 2);

            CompletableFuture<WireClient.Answer> third =
                    CompletableFuture.supplyAsync(() -> wire.get("/obp/v7.0.0/root"));
            waitFor(() -> obp.pool().threadsAwaitingConnection() >= 1);
            var pool = wire.get("/obp/v7.0.0/system/database/pool", auth(token)); // answers outside the pool
            assertEquals(200, pool.status());
            assertEquals(2, pool.json().path("active_connections").asInt());
            assertTrue(pool.json().path("threads_awaiting_connection").asInt() >= 1, pool.body());

            var starved = third.get();
            assertEquals(500, starved.status());
            // Worded as OBP's HikariCP words it (HikariCP 6's "(total=2, active=2, ...)" suffix is not on the wire).
            assertTrue(
                    starved.message()
                            .matches(
                                    "OBP-50000: Unknown Error\\.: HikariPool-1 - Connection is not available, request timed out after 1\\d{3}ms\\."),
                    starved.message());
            assertEquals(500, starved.json().path("code").asInt());
            assertTrue(starved.millis() >= 900 && starved.millis() < 5000, "took " + starved.millis() + "ms");
        } finally {
            obp.kill();
        }
    }

    @Test
    void stallProbeAnswersAfterReallyDiallingTheSilentConnector() {
        try (ObpEmulator obp =
                ObpEmulator.start(FaultPlan.defaults().sandbox(true).connectorDialTimeout(Duration.ofMillis(400)))) {
            WireClient wire = new WireClient(obp);
            var a = wire.get("/obp/v7.0.0" + V7Endpoints.STALL_PROBE, auth(wire.admin("pooluser2")[1]));
            assertEquals(200, a.status());
            assertEquals("error", a.json().path("status").asText());
            assertTrue(a.json().path("error_message").asText().contains("did not answer within 400ms"));
            assertTrue(a.millis() >= 380, "took " + a.millis() + "ms");
            assertEquals("v6.0.0", a.header("X-OBP-Version-Served"));
        }
    }

    @Test
    void writesScopeLetsGetsBorrowBriefly() throws Exception {
        // One connection, held by a stall probe: in WRITES scope a plain GET needs none until it touches the DB,
        // and authenticating a token is a DB lookup.
        FaultPlan plan = FaultPlan.defaults()
                .sandbox(true)
                .poolSize(1)
                .acquireTimeout(Duration.ofMillis(500))
                .connectionScope(ConnectionScope.WRITES)
                .connectorDialTimeout(Duration.ofSeconds(20));
        ObpEmulator obp = ObpEmulator.start(plan);
        try {
            WireClient wire = new WireClient(obp);
            String token = wire.admin("pooluser3")[1];
            CompletableFuture.runAsync(() -> wire.get("/obp/v7.0.0" + V7Endpoints.STALL_PROBE, auth(token)));
            // The probe's own token lookup borrows the connection briefly before the handler takes it for its
            // 20 s dial: wait past that hand-over, so the connection seen busy is the one held.
            waitFor(() -> obp.pool().activeConnections() == 1);
            Thread.sleep(300);
            waitFor(() -> obp.pool().activeConnections() == 1);
            assertEquals(200, wire.get("/obp/v7.0.0/root").status(), "no token, no lookup, no connection needed");
            // The token lookup before the handler borrows a pooled connection, as OBP's middleware does: starved, it is
            // refused.
            for (String path : java.util.List.of("/obp/v7.0.0/root", "/obp/v7.0.0/users/current")) {
                var a = wire.get(path, auth(token));
                assertEquals(401, a.status(), a.body());
                assertTrue(
                        a.message()
                                .startsWith(
                                        "OBP-20001: User not logged in. Authentication is required! HikariPool-1 - "),
                        a.message());
            }
        } finally {
            obp.kill();
        }
    }

    @Test
    void poolEndpointNeedsAConnectionToAuthenticateSoItStarvesWithTheRest() throws Exception {
        FaultPlan plan = FaultPlan.defaults()
                .sandbox(true)
                .poolSize(2)
                .acquireTimeout(Duration.ofSeconds(1))
                .connectorDialTimeout(Duration.ofSeconds(20));
        ObpEmulator obp = ObpEmulator.start(plan);
        try {
            WireClient wire = new WireClient(obp);
            String token = wire.admin("pooluser4")[1];
            var healthy = wire.get("/obp/v7.0.0/system/database/pool", auth(token));
            assertEquals(200, healthy.status());
            for (int i = 0; i < 2; i++)
                CompletableFuture.runAsync(() -> wire.get("/obp/v7.0.0" + V7Endpoints.STALL_PROBE, auth(token)));
            waitFor(() -> obp.pool().activeConnections() == 2);

            var starved = wire.get("/obp/v7.0.0/system/database/pool", auth(token));
            assertEquals(401, starved.status(), starved.body());
            assertTrue(
                    starved.message()
                            .matches(
                                    "OBP-20001: User not logged in\\. Authentication is required! "
                                            + "HikariPool-1 - Connection is not available, request timed out after 1\\d{3}ms\\."),
                    starved.message());
            assertEquals(401, starved.json().path("code").asInt());
            assertTrue(
                    starved.millis() >= 900 && starved.millis() < 5000,
                    "waited " + starved.millis() + "ms for a connection");
        } finally {
            obp.kill();
        }
    }

    @Test
    void poolEndpointReportsEveryFieldOfOBPsPoolInfo() {
        FaultPlan plan = FaultPlan.defaults().sandbox(true).poolSize(7).acquireTimeout(Duration.ofMillis(1500));
        try (ObpEmulator obp = ObpEmulator.start(plan)) {
            WireClient wire = new WireClient(obp);
            var a = wire.get("/obp/v7.0.0/system/database/pool", auth(wire.admin("pooluser6")[1]));
            assertEquals(200, a.status());
            var j = a.json();
            assertEquals("HikariPool-1", j.path("pool_name").asText());
            assertEquals(7, j.path("maximum_pool_size").asInt());
            assertEquals(7, j.path("minimum_idle").asInt());
            assertEquals(1500, j.path("connection_timeout_ms").asLong());
            assertEquals(600000, j.path("idle_timeout_ms").asLong());
            assertEquals(1800000, j.path("max_lifetime_ms").asLong());
            assertEquals(30000, j.path("keepalive_time_ms").asLong());
            // Request scope: the pool endpoint's own request holds one connection while it reads the counters.
            assertEquals(1, j.path("active_connections").asInt(), a.body());
            for (String field :
                    java.util.List.of("idle_connections", "total_connections", "threads_awaiting_connection"))
                assertTrue(j.path(field).isInt(), field + " in " + a.body());
            assertEquals(11, j.size(), a.body());
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
