package obp.loadtest.emulator;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static obp.loadtest.emulator.WireClient.auth;
import static obp.loadtest.emulator.WireClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each fault-plan item, seen on the wire. */
class FaultPlanTest {

    @Test
    void latencyIsAddedToMatchingEndpointsOnly() {
        try (ObpEmulator obp = ObpEmulator.start(FaultPlan.defaults().latency("/features", Duration.ofMillis(300), Duration.ofMillis(100)))) {
            WireClient wire = new WireClient(obp);
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
    void dbLockMakesOtherEntitlementWritesHangThenFailWithH2sLockTimeout() throws Exception {
        FaultPlan plan = FaultPlan.defaults().sandbox(true).dbLock(Duration.ofSeconds(3)).dbLockTimeout(Duration.ofSeconds(1));
        try (ObpEmulator obp = ObpEmulator.start(plan)) {
            WireClient wire = new WireClient(obp);
            String[] u = wire.user("lockuser1");
            String body = json("bank_id", "", "role_name", "CanGetAnyUser");
            var holder = CompletableFuture.supplyAsync(() -> wire.post("/obp/v7.0.0/users/" + u[0] + "/entitlements", body, auth(u[1])));
            Thread.sleep(300);
            var blocked = wire.post("/obp/v7.0.0/users/" + u[0] + "/entitlements", json("bank_id", "", "role_name", "CanGetCacheInfo"), auth(u[1]));
            assertEquals(500, blocked.status());
            assertTrue(blocked.message().startsWith("OBP-50000: Unknown Error.: Timeout trying to lock table"), blocked.message());
            assertTrue(blocked.millis() >= 900, "failed after " + blocked.millis() + "ms");
            assertEquals(201, holder.get().status());
            assertTrue(holder.get().millis() >= 2900);
        }
    }

    @Test
    void refusingConnectionsLooksLikeADownServerAndCanBeUndone() {
        try (ObpEmulator obp = ObpEmulator.start(FaultPlan.defaults().refuse(true))) {
            assertThrows(ConnectException.class, () -> new Socket().connect(new InetSocketAddress("127.0.0.1", obp.port()), 1000));
            assertEquals(0, obp.requestCount());
            obp.refuseConnections(false);
            assertEquals(200, new WireClient(obp).get("/obp/v7.0.0/root").status());
            obp.refuseConnections(true);
            assertThrows(ConnectException.class, () -> new Socket().connect(new InetSocketAddress("127.0.0.1", obp.port()), 1000));
        }
    }

    @Test
    void killClosesOpenConnectionsMidRequest() throws Exception {
        ObpEmulator obp = ObpEmulator.start(FaultPlan.defaults().sandbox(true).connectorDialTimeout(Duration.ofSeconds(20)));
        WireClient wire = new WireClient(obp);
        String token = wire.user("killuser1")[1];
        var stalled = CompletableFuture.supplyAsync(() -> wire.get("/obp/v7.0.0" + V7Endpoints.STALL_PROBE, auth(token)));
        PoolStarvationTest.waitFor(() -> obp.pool().activeConnections() == 1);
        long start = System.nanoTime();
        obp.kill();
        var e = assertThrows(Exception.class, stalled::get);
        assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 3000);
        assertThrows(ConnectException.class, () -> new Socket().connect(new InetSocketAddress("127.0.0.1", obp.port()), 1000));
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
            assertEquals(201, wire.post("/my/logins/direct", "", "DirectLogin", creds + "key-two").status());
            assertEquals(401, wire.post("/my/logins/direct", "", "DirectLogin", creds + "key-three").status());
        }
    }

    @Test
    void settingsFileSectionBecomesAPlan() {
        var section = ConfigFactory.parseString("""
                port = 0, pool-size = 3, acquire-timeout = 2s, connection-scope = writes, connector-dial-timeout = 5s,
                latency = "*=100ms, /system/cache/info=2s~500ms", error-rate = 0.25, db-lock = 4s, db-lock-timeout = 1s,
                refuse = false, sandbox = true, super-admins = "a,b", consumer-keys = "k", skip-email-validation = false,
                consents-allowed = false, sca-enabled = true
                """);
        FaultPlan p = FaultPlan.fromConfig(section);
        assertEquals(3, p.poolSize());
        assertEquals(Duration.ofSeconds(2), p.acquireTimeout());
        assertEquals(ConnectionScope.WRITES, p.connectionScope());
        assertEquals(List.of(new FaultPlan.Latency("*", Duration.ofMillis(100), Duration.ZERO),
                new FaultPlan.Latency("/system/cache/info", Duration.ofSeconds(2), Duration.ofMillis(500))), p.latencies());
        assertEquals(0.25, p.errorRate());
        assertEquals(Duration.ofSeconds(4), p.dbLock());
        assertEquals(List.of("a", "b"), p.superAdmins());
        assertTrue(p.sandbox() && p.scaEnabled() && !p.consentsAllowed() && !p.skipEmailValidation());
        FaultPlan fromFile = FaultPlan.fromConfig(ConfigFactory.load().getConfig("obp.emulator"));
        assertEquals(20, fromFile.poolSize());
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.defaults().acquireTimeout(Duration.ofMillis(100)));
    }
}
