package obp.loadtest.emulator;

import static obp.loadtest.emulator.WireClient.auth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Each fault-plan item, seen on the wire. */
class FaultPlanTest {

    @Test
    void latencyIsAddedToMatchingEndpointsOnly() {
        try (ObpEmulator obp = ObpEmulator.start(
                FaultPlan.defaults().latency("/features", Duration.ofMillis(300), Duration.ofMillis(100)))) {
            WireClient wire = new WireClient(obp);
            wire.get("/obp/v7.0.0/root"); // the first request of a JVM pays for class loading: not what is measured
            long slow = wire.get("/obp/v7.0.0/features").millis();
            assertTrue(slow >= 290 && slow < 2000, "features took " + slow + "ms");
            wire.get("/obp/v7.0.0/root");
            assertTrue(wire.get("/obp/v7.0.0/root").millis() < 250);
        }
    }

    @Test
    void errorRateAnswers500UnknownError() {
        try (ObpEmulator obp = ObpEmulator.start(FaultPlan.defaults().errorRate(1.0))) {
            var a = new WireClient(obp).get("/obp/v7.0.0/root");
            assertEquals(500, a.status());
            assertEquals("OBP-50000: Unknown Error.", a.message());
            assertEquals(500, a.json().path("code").asInt());
            assertEquals(200, new WireClient(obp).get("/obp/v6.0.0/banks").status(), "setup paths are spared");
        }
    }

    @Test
    void refusingConnectionsLooksLikeADownServerAndCanBeUndone() {
        try (ObpEmulator obp = ObpEmulator.start(FaultPlan.defaults().refuse(true))) {
            assertThrows(
                    ConnectException.class,
                    () -> new Socket().connect(new InetSocketAddress("127.0.0.1", obp.port()), 1000));
            assertEquals(0, obp.requestCount());
            obp.refuseConnections(false);
            assertEquals(200, new WireClient(obp).get("/obp/v7.0.0/root").status());
            obp.refuseConnections(true);
            assertThrows(
                    ConnectException.class,
                    () -> new Socket().connect(new InetSocketAddress("127.0.0.1", obp.port()), 1000));
        }
    }

    @Test
    void killClosesOpenConnectionsMidRequest() throws Exception {
        ObpEmulator obp =
                ObpEmulator.start(FaultPlan.defaults().sandbox(true).connectorDialTimeout(Duration.ofSeconds(20)));
        WireClient wire = new WireClient(obp);
        String token = wire.admin("killuser1")[1];
        var stalled =
                CompletableFuture.supplyAsync(() -> wire.get("/obp/v7.0.0" + V7Endpoints.STALL_PROBE, auth(token)));
        PoolStarvationTest.waitFor(() -> obp.pool().activeConnections() == 1);
        long start = System.nanoTime();
        obp.kill();
        var e = assertThrows(Exception.class, stalled::get);
        assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 3000);
        assertThrows(
                ConnectException.class,
                () -> new Socket().connect(new InetSocketAddress("127.0.0.1", obp.port()), 1000));
    }

    @Test
    void withoutSandboxOrListingNobodyIsSuperAdmin() {
        try (ObpEmulator obp = ObpEmulator.start(FaultPlan.defaults().sandbox(false))) {
            WireClient wire = new WireClient(obp);
            String token = wire.user("plainuser1")[1];
            var a = wire.get("/obp/v7.0.0/system/cache/config", auth(token));
            assertEquals(403, a.status());
            assertEquals("OBP-20006: User is missing one or more roles: CanGetCacheConfig", a.message());
        }
    }

    @Test
    void consumerKeysFromThePlanAreTheOnlyOnesAccepted() {
        try (ObpEmulator obp = ObpEmulator.start(FaultPlan.defaults().consumerKeys(List.of("key-one", "key-two")))) {
            WireClient wire = new WireClient(obp);
            assertEquals("key-one", obp.consumerKey());
            wire.createUser("keyuser01");
            String creds = "username=keyuser01, password=Str0ng!Passw0rd, consumer_key=";
            assertEquals(
                    201,
                    wire.post("/my/logins/direct", "", "DirectLogin", creds + "key-two")
                            .status());
            assertEquals(
                    401,
                    wire.post("/my/logins/direct", "", "DirectLogin", creds + "key-three")
                            .status());
        }
    }

    @Test
    void aBadEmulatorSettingIsOneLineBeforeAnythingStarts() {
        var e = assertThrows(
                obp.loadtest.config.SettingsException.class,
                () -> EmulatorSettings.load(new obp.loadtest.config.Settings.Layers(
                        java.util.Map.of(), java.util.Map.of("OBP_EMULATOR_DATABASE", "db2"), java.util.Map.of())));
        assertEquals(
                List.of("--emulator-database must be postgresql, mysql, h2, sqlserver or oracle, not 'db2'"),
                e.problems());
        var kind = assertThrows(
                obp.loadtest.config.SettingsException.class,
                () -> EmulatorSettings.load(new obp.loadtest.config.Settings.Layers(
                        java.util.Map.of(),
                        java.util.Map.of(),
                        java.util.Map.of("obp.emulator.db-lock-kind", "livelock"))));
        assertEquals(
                List.of("--emulator-db-lock-kind must be lock-timeout or deadlock, not 'livelock'"), kind.problems());
    }

    @Test
    void settingsFileSectionBecomesAPlan() {
        var section = ConfigFactory.parseString("""
                port = 0, pool-size = 3, acquire-timeout = 2s, connection-scope = writes, connector-dial-timeout = 5s,
                latency = "*=100ms, /system/cache/info=2s~500ms", error-rate = 0.25, db-lock = 4s, db-lock-timeout = 1s,
                refuse = false, sandbox = true, super-admins = "a,b", consumer-keys = "k", skip-email-validation = false,
                consents-allowed = false, sca-enabled = true, long-endpoint-timeout = 3s, database = mysql,
                db-lock-paths = "GET /users/current, /features", db-lock-kind = deadlock, db-hang-ending = drop,
                pool-endpoint-uses-pool = false, connections-per-request = 2
                """);
        FaultPlan p = FaultPlan.fromConfig(section);
        assertEquals(3, p.poolSize());
        assertEquals(Duration.ofSeconds(2), p.acquireTimeout());
        assertEquals(ConnectionScope.WRITES, p.connectionScope());
        assertEquals(Duration.ofMillis(100), p.latencyFor("/obp/v7.0.0/root"), "'*' alone, no jitter");
        long cacheInfo = p.latencyFor("/obp/v7.0.0/system/cache/info").toMillis();
        assertTrue(cacheInfo >= 2_100 && cacheInfo < 2_600, "'*' plus 2s~500ms: " + cacheInfo);
        assertEquals(0.25, p.errorRate());
        assertEquals(Duration.ofSeconds(4), p.dbLock());
        assertEquals(List.of("a", "b"), p.superAdmins());
        assertTrue(p.sandbox() && p.scaEnabled() && !p.consentsAllowed() && !p.skipEmailValidation());
        assertEquals(Duration.ofSeconds(3), p.longEndpointTimeout());
        assertEquals(Database.MYSQL, p.database());
        assertTrue(p.touchesLockedRow("GET", "v7.0.0", "/users/current", "/obp/v7.0.0/users/current"));
        assertFalse(p.touchesLockedRow("POST", "v7.0.0", "/users/current", "/obp/v7.0.0/users/current"), "GET only");
        assertTrue(p.touchesLockedRow("POST", "v7.0.0", "/features", "/obp/v7.0.0/features"), "any method");
        assertFalse(p.touchesLockedRow("GET", "v7.0.0", "/banks", "/obp/v7.0.0/banks"));
        assertEquals(FaultPlan.LockKind.DEADLOCK, p.dbLockKind());
        assertEquals(FaultPlan.HangEnding.DROP, p.dbHangEnding());
        assertTrue(!p.poolEndpointUsesPool() && p.connectionsPerRequest() == 2);

        FaultPlan fromFile = FaultPlan.fromConfig(ConfigFactory.load().getConfig("obp.emulator"));
        assertEquals(20, fromFile.poolSize());
        assertEquals(Duration.ofSeconds(55), fromFile.longEndpointTimeout(), "OBP's long_endpoint_timeout default");
        assertEquals(Database.POSTGRESQL, fromFile.database());
        FaultPlan locked = fromFile.dbLock(Duration.ofSeconds(1));
        assertTrue(
                locked.touchesLockedRow(
                        "POST", "v7.0.0", "/users/{USER_ID}/entitlements", "/obp/v7.0.0/users/u1/entitlements"),
                "the default db-lock paths");
        assertFalse(locked.touchesLockedRow("GET", "v7.0.0", "/users/current", "/obp/v7.0.0/users/current"));
        assertEquals(FaultPlan.LockKind.LOCK_TIMEOUT, fromFile.dbLockKind());
        assertEquals(FaultPlan.HangEnding.ERROR, fromFile.dbHangEnding());
        assertTrue(fromFile.poolEndpointUsesPool(), "as OBP, the pool endpoint needs a pooled connection");
        assertEquals(1, fromFile.connectionsPerRequest());
        assertThrows(
                IllegalArgumentException.class,
                () -> FaultPlan.fromConfig(
                        section.withValue("database", com.typesafe.config.ConfigValueFactory.fromAnyRef("db2"))));
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.defaults().connectionsPerRequest(3));
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.defaults().dbLockPaths(List.of("users")));
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.defaults().acquireTimeout(Duration.ofMillis(100)));
    }
}
