package obp.loadtest.emulator;

import static obp.loadtest.emulator.WireClient.auth;
import static obp.loadtest.emulator.WireClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The db-lock fault on the wire: only the db-lock paths hang on the locked row (a real H2 row lock, each holding its
 * pooled connection), then fail in the chosen database's words or lose their connection; everything else stays fast.
 */
class DbLockTest {

    private static FaultPlan locked(Duration lockTimeout) {
        return FaultPlan.defaults().sandbox(true).dbLock(Duration.ofSeconds(30)).dbLockTimeout(lockTimeout);
    }

    @Test
    void lockPathsHangThenFailInPostgresWordsWhileTheRestStaysFast() throws Exception {
        try (ObpEmulator obp = ObpEmulator.start(locked(Duration.ofMillis(700)))) {
            WireClient wire = new WireClient(obp);
            String[] u = wire.admin("lockuser1");
            // Setup's entitlement writes (v3.0.0) never touch the row.
            assertEquals(201, wire.grant(u[1], u[0], "", "CanReadGlossary").status());

            var byId = wire.get("/obp/v7.0.0/users/user-id/" + u[0], auth(u[1]));
            assertEquals(500, byId.status());
            assertEquals("OBP-50000: Unknown Error.: ERROR: canceling statement due to lock timeout", byId.message());
            assertEquals(500, byId.json().path("code").asInt());
            assertTrue(byId.millis() >= 650 && byId.millis() < 5000, "hung " + byId.millis() + "ms");

            var post = wire.post(
                    "/obp/v7.0.0/users/" + u[0] + "/entitlements",
                    json("bank_id", "", "role_name", "CanGetCacheConfig"),
                    auth(u[1]));
            assertEquals(500, post.status());
            assertEquals("OBP-50000: Unknown Error.: ERROR: canceling statement due to lock timeout", post.message());
            var delete = wire.send("DELETE", "/obp/v7.0.0/entitlements/no-such-entitlement", null, auth(u[1]));
            assertEquals(500, delete.status(), delete.body());

            for (String path :
                    List.of("/obp/v7.0.0/users/current", "/obp/v7.0.0/root", "/obp/v7.0.0/system/cache/info")) {
                var a = wire.get(path, auth(u[1]));
                assertEquals(200, a.status(), path);
                assertTrue(a.millis() < 500, path + " took " + a.millis() + "ms");
            }
        }
    }

    @Test
    void hangingRequestsHoldOneConnectionEachAndDoNotSaturateThePool() throws Exception {
        // Long enough that all four are hanging at once even on a loaded 2-core machine (1.5 s was not, once in CI).
        try (ObpEmulator obp = ObpEmulator.start(locked(Duration.ofSeconds(4)))) {
            WireClient wire = new WireClient(obp);
            String[] u = wire.admin("lockuser2");
            List<CompletableFuture<WireClient.Answer>> hanging = new ArrayList<>();
            // Four threads of their own: the common pool has one on a 2-core machine, which sent them one at a time.
            java.util.concurrent.ExecutorService four = java.util.concurrent.Executors.newFixedThreadPool(4);
            for (int i = 0; i < 4; i++)
                hanging.add(CompletableFuture.supplyAsync(
                        () -> wire.get("/obp/v7.0.0/users/user-id/" + u[0], auth(u[1])), four));
            four.shutdown();
            PoolStarvationTest.waitFor(() -> obp.pool().activeConnections() == 4);
            var pool = wire.get("/obp/v7.0.0/system/database/pool", auth(u[1]));
            assertEquals(200, pool.status(), "the pool endpoint still gets a connection");
            assertEquals(0, pool.json().path("threads_awaiting_connection").asInt(), pool.body());
            assertTrue(pool.json().path("active_connections").asInt() <= 5, pool.body());
            for (var h : hanging) assertEquals(500, h.get().status());
            PoolStarvationTest.waitFor(() -> obp.pool().activeConnections() == 0);
        }
    }

    @Test
    void everyDatabaseWordsItsLockTimeoutAndItsDeadlock() {
        Map<Database, String[]> words = Map.of(
                Database.POSTGRESQL,
                        new String[] {"ERROR: canceling statement due to lock timeout", "ERROR: deadlock detected"},
                Database.MYSQL,
                        new String[] {
                            "Lock wait timeout exceeded; try restarting transaction",
                            "Deadlock found when trying to get lock; try restarting transaction"
                        },
                Database.H2,
                        new String[] {
                            "Timeout trying to lock table",
                            "Deadlock detected. The current transaction was rolled back."
                        },
                Database.SQLSERVER,
                        new String[] {
                            "Lock request time out period exceeded.",
                            "Transaction (Process ID 57) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction."
                        },
                Database.ORACLE,
                        new String[] {
                            "ORA-30006: resource busy; acquire with WAIT timeout expired",
                            "ORA-00060: deadlock detected while waiting for resource"
                        });
        for (Database db : Database.values()) {
            for (FaultPlan.LockKind kind : FaultPlan.LockKind.values()) {
                FaultPlan plan = locked(Duration.ofMillis(300)).database(db).dbLockKind(kind);
                try (ObpEmulator obp = ObpEmulator.start(plan)) {
                    WireClient wire = new WireClient(obp);
                    String[] u = wire.admin("worduser1");
                    var a = wire.get("/obp/v7.0.0/users/user-id/" + u[0], auth(u[1]));
                    assertEquals(500, a.status(), db + " " + kind);
                    String expected =
                            "OBP-50000: Unknown Error.: " + words.get(db)[kind == FaultPlan.LockKind.DEADLOCK ? 1 : 0];
                    if (db == Database.H2 && kind == FaultPlan.LockKind.LOCK_TIMEOUT)
                        assertTrue(a.message().startsWith(expected + " \""), "H2 names the table: " + a.message());
                    else assertEquals(expected, a.message(), db + " " + kind);
                    assertTrue(a.millis() >= 250, db + " " + kind + " failed after " + a.millis() + "ms");
                }
            }
        }
    }

    @Test
    void dropEndingClosesTheConnectionWithNoAnswerAfterTheHang() throws Exception {
        FaultPlan plan = locked(Duration.ofMillis(600)).dbHangEnding(FaultPlan.HangEnding.DROP);
        try (ObpEmulator obp = ObpEmulator.start(plan)) {
            WireClient wire = new WireClient(obp);
            String[] u = wire.admin("dropuser1");
            long start = System.nanoTime();
            var e = assertThrows(
                    IllegalStateException.class, () -> wire.get("/obp/v7.0.0/users/user-id/" + u[0], auth(u[1])));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getCause() instanceof IOException, "no HTTP answer at all: " + e.getCause());
            assertTrue(ms >= 550 && ms < 5000, "dropped after " + ms + "ms");
            PoolStarvationTest.waitFor(() -> obp.pool().activeConnections() == 0);
            assertEquals(
                    200, wire.get("/obp/v7.0.0/users/current", auth(u[1])).status(), "other endpoints still answer");
        }
    }

    @Test
    void aHoldShorterThanTheLockTimeoutOnlyDelaysTheRequest() {
        FaultPlan plan = FaultPlan.defaults()
                .sandbox(true)
                .dbLock(Duration.ofMillis(800))
                .dbLockTimeout(Duration.ofSeconds(5));
        try (ObpEmulator obp = ObpEmulator.start(plan)) {
            WireClient wire = new WireClient(obp);
            String[] u = wire.admin("lockuser3");
            var first = wire.get("/obp/v7.0.0/users/user-id/" + u[0], auth(u[1]));
            assertEquals(200, first.status(), first.body());
            assertTrue(
                    first.millis() >= 700 && first.millis() < 4000,
                    "waited " + first.millis() + "ms for the stuck transaction");
            var later = wire.get("/obp/v7.0.0/users/user-id/" + u[0], auth(u[1]));
            assertEquals(200, later.status());
            assertTrue(later.millis() < 500, "the lock is gone: " + later.millis() + "ms");
        }
    }
}
