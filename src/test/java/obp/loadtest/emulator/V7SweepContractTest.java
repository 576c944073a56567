package obp.loadtest.emulator;

import static obp.loadtest.emulator.WireClient.auth;
import static obp.loadtest.emulator.WireClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/obp-api.md §5: every sweep path's status, top-level field and bridge header; role and ownership refusals. */
class V7SweepContractTest {
    static ObpEmulator obp;
    static WireClient wire;
    static String[] admin;
    static String[] plain;
    static String accountId;

    @BeforeAll
    static void start() {
        obp = ObpEmulator.start(FaultPlan.defaults().connectorDialTimeout(java.time.Duration.ofMillis(300)));
        wire = new WireClient(obp);
        plain = wire.user("v7plainuser");
        // sandbox is off so role checks bite; one admin is listed as super admin and grants itself the roles (a super
        // admin holds none)
        admin = wire.admin("v7adminuser");
        wire.bank(admin, "lt-bank-01");
        accountId = wire.createAccount(admin[1], "lt-bank-01")
                .json()
                .path("account_id")
                .asText();
    }

    @AfterAll
    static void stop() {
        obp.kill();
    }

    /** path → a top-level field the answer must have ("" = only the status). */
    static Map<String, String> sweep() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("/banks", "banks");
        m.put("/banks/lt-bank-01", "bank_id");
        m.put("/features", "allow_direct_login");
        m.put("/api/versions", "scanned_api_versions");
        m.put("/system/connectors", "connectors");
        m.put("/providers", "providers");
        m.put("/banks/lt-bank-01/accounts", "accounts");
        m.put("/my/banks/lt-bank-01/accounts/" + accountId + "/account", "views_basic");
        m.put("/banks/lt-bank-01/accounts/" + accountId + "/owner/account", "views_available");
        m.put("/cards", "cards");
        m.put("/banks/lt-bank-01/cards", "cards");
        m.put("/banks/lt-bank-01/customers", "customers");
        m.put("/users", "users");
        m.put("/system/cache/config", "redis_status");
        m.put("/system/cache/info", "namespaces");
        m.put("/system/cache/namespaces", "namespaces");
        m.put("/system/database/pool", "pool_name");
        m.put("/system/migrations", "migration_script_logs");
        m.put(V7Endpoints.STALL_PROBE, "error_message");
        return m;
    }

    @Test
    void bridgedPathsAnswerWithV6Header() {
        sweep().forEach((path, field) -> {
            var a = wire.get("/obp/v7.0.0" + path, auth(admin[1]));
            assertEquals(200, a.status(), path + " " + a.body());
            assertTrue(a.json().has(field), path + " lacks " + field);
            assertEquals("v6.0.0", a.header("X-OBP-Version-Served"), path);
        });
    }

    @Test
    void nativePathsCarryNoBridgeHeader() {
        var root = wire.get("/obp/v7.0.0/root");
        assertEquals(200, root.status());
        assertEquals("v7.0.0", root.json().path("version").asText());
        for (String f : List.of(
                "version_status",
                "git_commit",
                "hosted_by",
                "hosted_at",
                "energy_source",
                "resource_docs_requires_role")) assertTrue(root.json().has(f), f);
        assertNull(root.header("X-OBP-Version-Served"));
        for (String h : List.of("Correlation-Id", "Cache-Control", "Pragma", "Expires", "X-Frame-Options"))
            assertTrue(root.header(h) != null, h);
        assertEquals("abc", wire.get("/obp/v7.0.0/root", "X-Request-ID", "abc").header("Correlation-Id"));
        var me = wire.get("/obp/v7.0.0/users/current", auth(plain[1]));
        assertEquals(200, me.status());
        assertTrue(me.json().has("mobile_phone_number"));
        assertNull(me.header("X-OBP-Version-Served"));
        var byId = wire.get("/obp/v7.0.0/users/user-id/" + plain[0], auth(admin[1]));
        assertEquals(200, byId.status());
        assertNull(byId.header("X-OBP-Version-Served"));
        assertEquals(
                404,
                wire.get("/obp/v7.0.0/users/user-id/nobody", auth(admin[1])).status());
        assertEquals(200, wire.get("/obp/v7.0.0/resource-docs/v7.0.0/obp").status());
    }

    @Test
    void poolEndpointReportsEveryField() {
        var pool = wire.get("/obp/v7.0.0/system/database/pool", auth(admin[1]));
        for (String f : List.of(
                "pool_name",
                "active_connections",
                "idle_connections",
                "total_connections",
                "threads_awaiting_connection",
                "maximum_pool_size",
                "minimum_idle",
                "connection_timeout_ms",
                "idle_timeout_ms",
                "max_lifetime_ms",
                "keepalive_time_ms")) assertTrue(pool.json().has(f), f);
        assertEquals(20, pool.json().path("maximum_pool_size").asInt());
        assertEquals(30000, pool.json().path("connection_timeout_ms").asInt());
    }

    @Test
    void roleGatedPathsName403Roles() {
        Map<String, String> roles = Map.of(
                "/users",
                "CanGetAnyUser",
                "/system/cache/config",
                "CanGetCacheConfig",
                "/system/database/pool",
                "CanGetDatabasePoolInfo",
                "/system/migrations",
                "CanGetMigrations",
                V7Endpoints.STALL_PROBE,
                "CanGetConnectorHealth",
                "/banks/lt-bank-01/cards",
                "CanGetCardsForBank for BankId(lt-bank-01).",
                "/banks/lt-bank-01/customers",
                "CanGetCustomersAtOneBank for BankId(lt-bank-01).",
                "/users/user-id/" + admin[0],
                "CanGetAnyUser");
        roles.forEach((path, role) -> {
            var a = wire.get("/obp/v7.0.0" + path, auth(plain[1]));
            assertEquals(403, a.status(), path);
            assertEquals("OBP-20006: User is missing one or more roles: " + role, a.message(), path);
        });
        assertEquals(401, wire.get("/obp/v7.0.0/users/current").status());
    }

    @Test
    void entitlementPostIs201Then409AndDeleteIs204Idempotent() {
        String path = "/obp/v7.0.0/users/" + plain[0] + "/entitlements";
        var granted = wire.post(path, json("bank_id", "", "role_name", "CanGetCacheInfo"), auth(admin[1]));
        assertEquals(201, granted.status());
        assertNull(granted.header("X-OBP-Version-Served"));
        var dup = wire.post(path, json("bank_id", "", "role_name", "CanGetCacheInfo"), auth(admin[1]));
        assertEquals(409, dup.status());
        assertTrue(dup.message().startsWith("OBP-30216"), dup.message());
        var refused = wire.post(path, json("bank_id", "", "role_name", "CanGetMigrations"), auth(plain[1]));
        assertEquals(403, refused.status());
        String id = granted.json().path("entitlement_id").asText();
        for (int i = 0; i < 2; i++) {
            var deleted = wire.send("DELETE", "/obp/v7.0.0/entitlements/" + id, null, auth(admin[1]));
            assertEquals(204, deleted.status());
            assertEquals("", deleted.body());
        }
        assertEquals(
                403,
                wire.send("DELETE", "/obp/v7.0.0/entitlements/" + id, null, auth(plain[1]))
                        .status());
    }

    @Test
    void unknownPathIsObps404Json() {
        var a = wire.get("/obp/v7.0.0/no/such/thing");
        assertEquals(404, a.status());
        assertEquals(404, a.json().path("code").asInt());
        assertTrue(a.message().startsWith("OBP-10404: 404 Not Found."), a.message());
        assertTrue(a.message().contains("Current Url is (/obp/v7.0.0/no/such/thing)"));
        assertEquals(404, wire.get("/nothing/here").status());
    }
}
