package obp.loadtest.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * connections-per-request 2 (OBP's rate-limit lookup borrowing a second connection while the request's own is held),
 * seen through the real HikariCP pool: nothing here is special-cased, the pool's own behaviour does it all.
 */
class ConnectionsPerRequestTest {

    private static List<CompletableFuture<WireClient.Answer>> fire(WireClient wire, int n, String path) {
        List<CompletableFuture<WireClient.Answer>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) all.add(CompletableFuture.supplyAsync(() -> wire.get(path)));
        return all;
    }

    /** Samples the pool until every request has answered; returns the most connections seen busy at once. */
    private static int maxActiveWhile(ObpEmulator obp, List<CompletableFuture<WireClient.Answer>> requests)
            throws InterruptedException {
        int max = 0;
        while (!requests.stream().allMatch(CompletableFuture::isDone)) {
            max = Math.max(max, obp.pool().activeConnections());
            Thread.sleep(5);
        }
        return max;
    }

    @Test
    void twoConnectionsPerRequestSaturateAPoolOfTenAtFiveRequests() throws Exception {
        FaultPlan plan = FaultPlan.defaults()
                .poolSize(10)
                .connectionsPerRequest(2)
                .latency("/root", Duration.ofMillis(1500), Duration.ZERO);
        try (ObpEmulator obp = ObpEmulator.start(plan)) {
            WireClient wire = new WireClient(obp);
            var requests = fire(wire, 5, "/obp/v7.0.0/root");
            PoolStarvationTest.waitFor(() -> obp.pool().activeConnections() == 10);
            assertEquals(0, obp.pool().threadsAwaitingConnection(), "5 requests fill 10 connections exactly");
            for (var r : requests) assertEquals(200, r.get().status());
        }
        FaultPlan one = FaultPlan.defaults().poolSize(10).latency("/root", Duration.ofMillis(800), Duration.ZERO);
        try (ObpEmulator obp = ObpEmulator.start(one)) {
            var requests = fire(new WireClient(obp), 5, "/obp/v7.0.0/root");
            int max = maxActiveWhile(obp, requests);
            assertEquals(5, max, "one connection per request: 5 of 10 busy");
            for (var r : requests) assertEquals(200, r.get().status());
        }
    }

    @Test
    void requestsEachHoldingOneConnectionAndWaitingForASecondLockThePoolUp() throws Exception {
        // Pool 4, four requests. Each one that gets its own connection asks for a second at once, so once all four
        // hold one, nobody can move until the first reaches the acquire timeout and fails with HikariCP's words.
        FaultPlan plan = FaultPlan.defaults()
                .poolSize(4)
                .acquireTimeout(Duration.ofMillis(1000))
                .connectionsPerRequest(2)
                .latency("/root", Duration.ofMillis(300), Duration.ZERO);
        ObpEmulator obp = ObpEmulator.start(plan);
        try {
            WireClient wire = new WireClient(obp);
            // The four requests arrive while something else briefly has the whole pool (say, a burst just ahead of
            // them); each connection given back then goes to the longest waiter: a request still without its first.
            List<Connection> ahead = new ArrayList<>();
            for (int i = 0; i < 4; i++) ahead.add(obp.store().pool.getConnection());
            var requests = fire(wire, 4, "/obp/v7.0.0/root");
            PoolStarvationTest.waitFor(() -> obp.pool().threadsAwaitingConnection() == 4);
            for (Connection c : ahead) {
                c.close();
                Thread.sleep(60);
            }
            PoolStarvationTest.waitFor(
                    () -> obp.pool().activeConnections() == 4 && obp.pool().threadsAwaitingConnection() == 4);
            Thread.sleep(500);
            assertEquals(
                    4,
                    obp.pool().activeConnections(),
                    "locked up: every connection held by a request that waits for another");
            assertEquals(4, obp.pool().threadsAwaitingConnection());
            // The first to reach the acquire timeout fails and gives its connection back, which lets the others finish.
            int failed = 0;
            for (var r : requests) {
                var a = r.get();
                assertTrue(
                        a.millis() >= 900,
                        "held up by the lock-up for about the acquire timeout: " + a.millis() + "ms");
                if (a.status() == 200) continue;
                assertEquals(500, a.status(), a.body());
                assertTrue(
                        a.message()
                                .matches(
                                        "OBP-50000: Unknown Error\\.: HikariPool-1 - Connection is not available, request timed out after \\d+ms\\."),
                        a.message());
                failed++;
            }
            assertTrue(failed >= 1, "at least one request failed at the acquire timeout");
            PoolStarvationTest.waitFor(() -> obp.pool().activeConnections() == 0);
            assertEquals(200, wire.get("/obp/v7.0.0/root").status(), "a lone request gets both connections again");
        } finally {
            obp.kill();
        }
    }
}
