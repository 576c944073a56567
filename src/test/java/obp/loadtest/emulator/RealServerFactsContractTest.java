package obp.loadtest.emulator;

import static obp.loadtest.emulator.WireClient.auth;
import static obp.loadtest.emulator.WireClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import obp.loadtest.obp.BodyTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the real OBP-API of 2024 (develop of 2024-10-16) answered where the emulator used to teach the tool otherwise
 * (docs/obp-api.md): an emulator with max-version v5.1.0 is that server, the default one (v7.0.0) keeps the later
 * additions. Each test would fail on the emulator as it was before.
 */
class RealServerFactsContractTest {
    static ObpEmulator obp2024;
    static WireClient wire;
    static ObpEmulator obp2026;
    static WireClient wire7;

    @BeforeAll
    static void start() {
        obp2024 = ObpEmulator.start(FaultPlan.defaults().maxVersion("v5.1.0"));
        wire = new WireClient(obp2024);
        obp2026 = ObpEmulator.start(FaultPlan.defaults());
        wire7 = new WireClient(obp2026);
    }

    @AfterAll
    static void stop() {
        obp2024.kill();
        obp2026.kill();
    }

    private static List<String> roleNames(JsonNode roles) {
        List<String> names = new ArrayList<>();
        roles.forEach(r -> names.add(r.path("role").asText()));
        return names;
    }

    @Test
    void fact1RolesListNeedsAUserAndIsSortedUnderEveryLaterVersion() {
        var none = wire.get("/obp/v2.1.0/roles");
        assertEquals(401, none.status());
        assertEquals("OBP-20001: User not logged in. Authentication is required!", none.message());
        String[] u = wire.user("factroles1");
        for (String v : List.of("v2.1.0", "v3.1.0", "v5.1.0")) {
            var a = wire.get("/obp/" + v + "/roles", auth(u[1]));
            assertEquals(200, a.status(), v);
            List<String> names = roleNames(a.json().path("roles"));
            assertEquals(306, names.size(), "ApiRole.scala of 2024 has 306 roles");
            List<String> sorted = new ArrayList<>(names);
            java.util.Collections.sort(sorted);
            assertEquals(sorted, names);
            assertEquals("CanAddKycCheck", names.get(0));
            assertTrue(a.json().path("roles").get(0).path("requires_bank_id").asBoolean());
        }
        assertEquals(404, wire.get("/obp/v2.0.0/roles", auth(u[1])).status(), "came with v2.1.0");
    }

    @Test
    void fact2And3RoleScopesAndUnknownNamesAsThe2024ServerKnowsThem() {
        var roles = wire.get("/obp/v5.1.0/roles", auth(wire.user("factroles2")[1]))
                .json()
                .path("roles");
        Map<String, Boolean> known = new java.util.HashMap<>();
        roles.forEach(r ->
                known.put(r.path("role").asText(), r.path("requires_bank_id").asBoolean()));
        Map<String, Boolean> expected = Map.ofEntries(
                Map.entry("CanCreateEntitlementAtAnyBank", false),
                Map.entry("CanCreateEntitlementAtOneBank", true),
                Map.entry("CanCreateBank", false),
                Map.entry("CanCreateAccount", true),
                Map.entry("CanDeleteUser", false),
                Map.entry("CanDeleteBankCascade", true),
                Map.entry("CanGetAnyUser", false),
                Map.entry("CanDeleteEntitlementAtAnyBank", false),
                Map.entry("CanGetCardsForBank", true),
                Map.entry("CanReadResourceDoc", false),
                Map.entry("CanReadMetrics", false),
                Map.entry("CanRevokeConsentAtBank", true),
                Map.entry("CanGetCustomers", true));
        expected.forEach((role, bank) -> assertEquals(bank, known.get(role), role));
        String[] admin = wire.user("factadmin2");
        obp2024.makeSuperAdmin(admin[0]);
        var systemScope = wire.grant(admin[1], admin[0], "", "CanDeleteBankCascade");
        assertEquals(400, systemScope.status());
        assertEquals(
                "OBP-30205: This entitlement is a Bank Role. Please set bank_id to a valid bank id.",
                systemScope.message());
        for (String later : List.of(
                "CanGetCacheConfig",
                "CanGetCacheInfo",
                "CanGetCacheNamespaces",
                "CanGetDatabasePoolInfo",
                "CanGetMigrations",
                "CanGetConnectorHealth",
                "CanGetCustomersAtOneBank")) {
            assertFalse(known.containsKey(later), later);
            var a = wire.grant(admin[1], admin[0], "", later);
            assertEquals(400, a.status(), later);
            assertTrue(
                    a.message().startsWith("OBP-10007: Incorrect Role name:" + later + ". Possible roles are "),
                    a.message());
            assertEquals(
                    String.join(", ", roleNames(roles)),
                    a.message().substring(a.message().indexOf("Possible roles are ") + 19));
        }
        // the default emulator (v7.0.0) knows the later roles too: v6.0.0's seven and v7.0.0's CanGetTelemetry
        String[] admin7 = wire7.user("factadmin2");
        obp2026.makeSuperAdmin(admin7[0]);
        assertEquals(
                201, wire7.grant(admin7[1], admin7[0], "", "CanGetCacheConfig").status());
        assertEquals(
                314,
                wire7.get("/obp/v7.0.0/roles", auth(admin7[1]))
                        .json()
                        .path("roles")
                        .size());
    }

    @Test
    void fact4SuperAdminHoldsNoRoleButMayGrantAnyToAnyone() {
        String[] admin = wire.user("factadmin4");
        obp2024.makeSuperAdmin(admin[0]);
        assertEquals(201, wire.grant(admin[1], admin[0], "", "CanCreateBank").status());
        assertEquals(201, wire.createBank(admin[1], "ldtst-x4").status());
        var ownAccount = wire.createAccount(admin[1], "ldtst-x4");
        assertEquals(403, ownAccount.status());
        assertEquals(
                "OBP-20006: User is missing one or more roles: CanCreateAccount for BankId(ldtst-x4).",
                ownAccount.message());
        assertEquals(0, EmulatorState.of(obp2024).accountCount("ldtst-x4"), "refused before any work");
        var cascade = wire.send("DELETE", "/obp/v4.0.0/management/cascading/banks/ldtst-x4", null, auth(admin[1]));
        assertEquals(403, cascade.status());
        assertEquals(
                "OBP-20006: User is missing one or more roles: CanDeleteBankCascade for BankId(ldtst-x4).",
                cascade.message());
        var users = wire.get("/obp/v5.1.0/users/current", auth(admin[1]));
        assertEquals(200, users.status());
        // granted, the same calls pass; a user that is not super admin may not grant
        assertEquals(
                201,
                wire.grant(admin[1], admin[0], "ldtst-x4", "CanCreateAccount").status());
        assertEquals(201, wire.createAccount(admin[1], "ldtst-x4").status());
        String[] other = wire.user("factother4");
        assertEquals(201, wire.grant(admin[1], other[0], "", "CanGetAnyUser").status(), "to anyone");
        assertEquals(403, wire.grant(other[1], other[0], "", "CanCreateBank").status());
        // and a body that does not even parse is still refused for the role first
        var bad = wire.post("/obp/v4.0.0/banks/ldtst-x4/accounts", "{", auth(other[1]));
        assertEquals(403, bad.status());
        assertTrue(bad.message().startsWith("OBP-20006"), bad.message());
    }

    @Test
    void fact5AnUnvalidatedUsersDirectLoginIsInvalidCredentials() {
        try (ObpEmulator strict =
                ObpEmulator.start(FaultPlan.defaults().maxVersion("v5.1.0").skipEmailValidation(false))) {
            WireClient w = new WireClient(strict);
            assertEquals(201, w.createUser("factunvalid").status());
            var a = w.login("factunvalid");
            assertEquals(401, a.status());
            assertEquals("OBP-20004: Invalid login credentials. Check username/password.", a.message());
        }
    }

    @Test
    void fact6EveryServedVersionHasARootAndNewerOnesAre404() {
        for (String v : Routes.VERSIONS.subList(0, Routes.VERSIONS.indexOf("v5.1.0") + 1)) {
            var root = wire.get("/obp/" + v + "/root");
            assertEquals(200, root.status(), v);
            assertEquals(v, root.json().path("version").asText());
            assertEquals(
                    v.equals("v5.1.0") ? "BLEEDING_EDGE" : "STABLE",
                    root.json().path("version_status").asText());
            assertEquals("", root.json().path("git_commit").asText());
            assertEquals("mapped", root.json().path("connector").asText());
            assertEquals(obp2024.baseUrl(), root.json().path("hostname").asText());
        }
        for (String v : List.of("v6.0.0", "v7.0.0")) {
            var a = wire.send("GET", "/obp/" + v + "/root", null);
            assertEquals(404, a.status(), v);
            assertEquals(404, a.json().path("code").asInt());
            assertEquals(
                    "OBP-10404: 404 Not Found. The server could not find the requested URI. Please double check your URL, headers and body. Note: When you are making a POST or PUT request, the Content-Type header MUST be `application/json`. Note: OBP only supports JSON formatted bodies.Current Url is (/obp/"
                            + v + "/root), Current Content-Type Header is (application/json)",
                    a.message());
            assertNull(a.header("X-OBP-Version-Served"), "no bridge on a server without v7");
        }
        assertEquals(
                "BLEEDING_EDGE",
                wire7.get("/obp/v7.0.0/root").json().path("version_status").asText());
        assertEquals(
                "STABLE",
                wire7.get("/obp/v5.1.0/root").json().path("version_status").asText());
    }

    @Test
    void fact6ApiVersionsFromV400WithoutAuthInThe2024Shape() {
        assertEquals(404, wire.get("/obp/v3.1.0/api/versions").status());
        var a = wire.get("/obp/v4.0.0/api/versions");
        assertEquals(200, a.status());
        Set<String> obp = new HashSet<>();
        Set<String> standards = new HashSet<>();
        for (JsonNode e : a.json().path("scanned_api_versions")) {
            for (String f : List.of("urlPrefix", "apiStandard", "apiShortVersion", "API_VERSION"))
                assertTrue(e.has(f), e + " lacks " + f);
            if (e.path("urlPrefix").asText().equals("obp"))
                obp.add(e.path("apiShortVersion").asText());
            standards.add(e.path("apiStandard").asText());
        }
        Set<String> served = new HashSet<>(Routes.VERSIONS.subList(0, Routes.VERSIONS.indexOf("v5.1.0") + 1));
        served.add("dynamic-entity");
        served.add("dynamic-endpoint");
        assertEquals(served, obp);
        assertTrue(standards.contains("BG") && standards.contains("UK"), standards.toString());
        var v7 = wire7.get("/obp/v7.0.0/api/versions");
        assertTrue(v7.body().contains("\"apiShortVersion\":\"v7.0.0\""), v7.body());
    }

    @Test
    void fact7AnExistingRouteAnswers401BeforeItsBodyAndAMissingOne404() {
        String[] u = wire.user("factprobe7");
        var bankScoped = wire.post("/obp/v5.1.0/banks/x/my/consents/IMPLICIT", "not json");
        assertEquals(401, bankScoped.status());
        assertEquals("OBP-20001: User not logged in. Authentication is required!", bankScoped.message());
        var bankLess = wire.post("/obp/v5.1.0/my/consents/IMPLICIT", "not json");
        assertEquals(404, bankLess.status());
        assertTrue(bankLess.message().startsWith("OBP-10404"), bankLess.message());
        // every route that needs a user, in either emulator: no credentials → 401 OBP-20001, whatever the body or path
        for (ObpEmulator e : List.of(obp2024, obp2026)) {
            WireClient w = new WireClient(e);
            for (Routes.Route r : e.routes().all()) {
                if (!r.needsUser() || r.since().isEmpty()) continue;
                String version = e.routes().servesVersion(Routes.V7) ? Routes.V7 : "v5.1.0";
                if (!r.servesVersion(version)) version = r.since();
                String path = "/obp/" + version + r.template().replaceAll("\\{[A-Z_]+}", "nosuch");
                var a = w.send(r.method(), path, "{", new String[0]);
                assertEquals(401, a.status(), r.method() + " " + path + " " + a.body());
                assertEquals("OBP-20001: User not logged in. Authentication is required!", a.message(), path);
            }
        }
        // and a token that is not one is refused at once too
        var bad = wire.post("/obp/v4.0.0/banks/nosuch/accounts", "{", auth("nonsense"));
        assertEquals(401, bad.status());
        assertTrue(bad.message().startsWith("OBP-20003"), bad.message());
        assertEquals(200, wire.get("/obp/v5.1.0/users/current", auth(u[1])).status());
    }

    private static String consentBody() {
        return json("everything", false, "views", List.of(), "entitlements", List.of(), "time_to_live", 3600);
    }

    @Test
    void fact8BankScopedConsentsUnderEveryLaterVersionAndNoBankLessOnesIn2024() {
        String[] admin = wire.admin("factconsent8");
        wire.bank(admin, "ldtst-x8");
        for (String v : List.of("v3.1.0", "v4.0.0", "v5.1.0")) {
            var c = wire.post("/obp/" + v + "/banks/ldtst-x8/my/consents/IMPLICIT", consentBody(), auth(admin[1]));
            assertEquals(201, c.status(), v + " " + c.body());
            assertEquals("INITIATED", c.json().path("status").asText());
            String id = c.json().path("consent_id").asText();
            assertFalse(c.json().path("jwt").asText().isEmpty());
            var challenge = wire.post(
                    "/obp/v3.1.0/banks/ldtst-x8/consents/" + id + "/challenge",
                    json("answer", "123456"),
                    auth(admin[1]));
            assertEquals("ACCEPTED", challenge.json().path("status").asText());
            var use = wire.get(
                    "/obp/v4.0.0/users/current/user_id",
                    "Consent-JWT",
                    c.json().path("jwt").asText(),
                    "Consumer-Key",
                    obp2024.consumerKey());
            assertEquals(admin[0], use.json().path("user_id").asText());
            var list = wire.get("/obp/" + v + "/banks/ldtst-x8/my/consents", auth(admin[1]));
            assertEquals(200, list.status());
            boolean listed = false;
            for (JsonNode x : list.json().path("consents"))
                if (x.path("consent_id").asText().equals(id)) {
                    listed = x.has("jwt") && x.path("status").asText().equals("ACCEPTED");
                }
            assertTrue(listed, list.body());
            var revoked = wire.get("/obp/" + v + "/banks/ldtst-x8/my/consents/" + id + "/revoke", auth(admin[1]));
            assertEquals(200, revoked.status(), revoked.body());
            assertEquals("REVOKED", revoked.json().path("status").asText());
            assertEquals(id, revoked.json().path("consent_id").asText());
            var again = wire.get("/obp/" + v + "/banks/ldtst-x8/my/consents/" + id + "/revoke", auth(admin[1]));
            assertEquals(400, again.status());
            assertEquals(
                    "OBP-50200: Connector cannot return the data we requested. <- OBP-35012: Consent is already revoked. ",
                    again.message());
        }
        assertEquals(
                404,
                wire.post("/obp/v5.1.0/my/consents/IMPLICIT", consentBody(), auth(admin[1]))
                        .status());
        assertEquals(404, wire.get("/obp/v5.1.0/my/consents", auth(admin[1])).status());
        assertEquals(
                404,
                wire.send("DELETE", "/obp/v5.1.0/my/consents/x", null, auth(admin[1]))
                        .status());
        // the default emulator keeps the later bank-less calls beside the bank-scoped ones
        String[] u7 = wire7.user("factconsent8");
        assertEquals(
                201,
                wire7.post("/obp/v5.1.0/my/consents/IMPLICIT", consentBody(), auth(u7[1]))
                        .status());
        assertEquals(200, wire7.get("/obp/v5.1.0/my/consents", auth(u7[1])).status());
    }

    @Test
    void fact9CascadeDeleteNeedsTheBankRoleThenAnswersTrueThen404() {
        String[] admin = wire.admin("factcascade9");
        wire.bank(admin, "ldtst-x9");
        var ok = wire.send("DELETE", "/obp/v4.0.0/management/cascading/banks/ldtst-x9", null, auth(admin[1]));
        assertEquals(200, ok.status(), ok.body());
        assertEquals("true", ok.body());
        var again = wire.send("DELETE", "/obp/v4.0.0/management/cascading/banks/ldtst-x9", null, auth(admin[1]));
        assertEquals(404, again.status());
        assertEquals(
                "OBP-30001: Bank not found. Please specify a valid value for BANK_ID. Current BankId is ldtst-x9",
                again.message());
    }

    @Test
    void fact12ACascadeLeavesTheHolderWhoseNextAccountBringsTheGoneOnesBackButNotAGrantedView() {
        String[] admin = wire.admin("factholder12");
        wire.bank(admin, "ldtst-x12a");
        String[] holder = wire.user("factholder12h");
        String[] grantee = wire.user("factholder12g");
        assertEquals(
                201,
                wire.grant(admin[1], holder[0], "ldtst-x12a", "CanCreateAccount")
                        .status());
        String gone = wire.createAccount(holder[1], "ldtst-x12a")
                .json()
                .path("account_id")
                .asText();
        String grantPath = "/obp/v4.0.0/banks/ldtst-x12a/accounts/" + gone + "/account-access/grant";
        String toGrantee = BodyTemplate.GRANT_ACCOUNT_ACCESS.fill(Map.of(BodyTemplate.USER_ID, grantee[0]));
        var refused = wire.post(grantPath, toGrantee, auth(grantee[1]));
        assertEquals(400, refused.status(), "only a view that may grant owner grants it");
        assertTrue(refused.message().startsWith("OBP-20047: "), refused.message());
        var granted = wire.post(grantPath, toGrantee, auth(holder[1]));
        assertEquals(201, granted.status(), granted.body());
        assertEquals("owner", granted.json().path("id").asText());
        assertEquals(
                1,
                wire.get("/obp/v3.0.0/my/accounts", auth(grantee[1]))
                        .json()
                        .path("accounts")
                        .size());
        assertEquals(
                200,
                wire.send("DELETE", "/obp/v4.0.0/management/cascading/banks/ldtst-x12a", null, auth(admin[1]))
                        .status());

        // Both lists are fine until the holder creates another account, anywhere.
        assertEquals(200, wire.get("/obp/v3.0.0/my/accounts", auth(holder[1])).status());
        wire.bank(admin, "ldtst-x12b");
        for (String[] u : List.of(holder, grantee))
            assertEquals(
                    201,
                    wire.grant(admin[1], u[0], "ldtst-x12b", "CanCreateAccount").status());
        assertEquals(201, wire.createAccount(grantee[1], "ldtst-x12b").status());
        assertEquals(201, wire.createAccount(holder[1], "ldtst-x12b").status());

        var mine = wire.get("/obp/v3.0.0/my/accounts", auth(holder[1]));
        assertEquals(400, mine.status());
        assertEquals(
                "An Empty Box was opened.  The justification for allowing the openOrThrowException was OBP-30018: Bank"
                        + " Account not found. Please specify valid values for BANK_ID and ACCOUNT_ID.  current"
                        + " BANK_ID(ldtst-x12a) and ACCOUNT_ID(" + gone + ")",
                mine.message());
        var theirs = wire.get("/obp/v3.0.0/my/accounts", auth(grantee[1]));
        assertEquals(200, theirs.status(), "a granted view is not a holding: it went with the bank");
        assertEquals(1, theirs.json().path("accounts").size());
    }

    @Test
    void fact10ResourceDocsUnderEveryVersionListWhatThatVersionServesInObpsStyle() {
        String[] admin = wire.admin("factdocs10");
        for (String v : List.of("v3.1.0", "v4.0.0", "v5.1.0")) {
            var a = wire.get("/obp/" + v + "/resource-docs/" + v + "/obp");
            assertEquals(200, a.status(), v);
            JsonNode addAccount = null;
            Set<String> urls = new HashSet<>();
            for (JsonNode d : a.json().path("resource_docs")) {
                String url = d.path("request_url").asText();
                assertFalse(url.contains("{"), url);
                assertEquals("/obp/" + v + url, d.path("specified_url").asText());
                urls.add(d.path("request_verb").asText() + " " + url);
                if (url.equals("/banks/BANK_ID/accounts")
                        && d.path("request_verb").asText().equals("POST")) addAccount = d;
            }
            assertTrue(urls.contains("GET /banks/BANK_ID/my/consents/CONSENT_ID/revoke"), urls.toString());
            assertFalse(urls.contains("POST /my/consents/IMPLICIT"), "not served in 2024");
            if (v.equals("v3.1.0")) {
                assertNull(addAccount, "addAccount came with v4.0.0");
                continue;
            }
            assertEquals(
                    "OBPv4.0.0",
                    addAccount.path("implemented_by").path("version").asText());
            assertTrue(addAccount.path("operation_id").asText().startsWith("OBPv4.0.0-"));
            assertEquals(
                    "CanCreateAccount",
                    addAccount.path("roles").get(0).path("role").asText());
            assertTrue(addAccount.path("roles").get(0).path("requires_bank_id").asBoolean());
            for (String f : List.of("summary", "tags", "is_featured")) assertTrue(addAccount.has(f), f);
        }
        var docs7 = wire7.get("/obp/v7.0.0/resource-docs/v7.0.0/obp");
        assertEquals(200, docs7.status());
        assertNull(docs7.header("X-OBP-Version-Served"));
        assertTrue(docs7.body().contains("\"request_url\":\"/system/database/pool\""));
        assertTrue(wire7.get("/obp/v5.1.0/resource-docs/v5.1.0/obp").body().contains("\"/my/consents/IMPLICIT\""));
        assertEquals(200, wire.get("/obp/v3.0.0/users/current", auth(admin[1])).status());
    }

    @Test
    void fact10WithoutRedisEveryResourceDocsCallIs400Fast() {
        try (ObpEmulator noRedis =
                ObpEmulator.start(FaultPlan.defaults().maxVersion("v5.1.0").resourceDocs(false))) {
            WireClient w = new WireClient(noRedis);
            for (String v : List.of("v4.0.0", "v5.1.0")) {
                var a = w.get("/obp/" + v + "/resource-docs/" + v + "/obp");
                assertEquals(400, a.status());
                assertEquals(400, a.json().path("code").asInt());
                assertEquals(
                        "redis.clients.jedis.exceptions.JedisConnectionException: Could not get a resource from the pool",
                        a.message());
                assertTrue(a.millis() < 2000, a.millis() + "ms");
            }
        }
    }

    @Test
    void fact11MaxVersionCutsTheRangeAndComesFromTheSettings() {
        try (ObpEmulator v4 = ObpEmulator.start(FaultPlan.defaults().maxVersion("v4.0.0"))) {
            WireClient w = new WireClient(v4);
            assertEquals(
                    "BLEEDING_EDGE",
                    w.get("/obp/v4.0.0/root").json().path("version_status").asText());
            assertEquals(404, w.get("/obp/v5.0.0/root").status());
            assertEquals(404, w.get("/obp/v5.1.0/banks").status());
            assertEquals(200, w.get("/obp/v4.0.0/banks").status());
        }
        var conf = com.typesafe.config.ConfigFactory.parseString("max-version = v5.1.0\nresource-docs = false")
                .withFallback(com.typesafe.config.ConfigFactory.parseResources("application.conf")
                        .getConfig("obp.emulator"));
        FaultPlan p = FaultPlan.fromConfig(conf);
        assertEquals("v5.1.0", p.maxVersion());
        assertFalse(p.resourceDocs());
        assertEquals("v7.0.0", FaultPlan.defaults().maxVersion());
        var e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> FaultPlan.defaults().maxVersion("v8.0.0"));
        assertTrue(e.getMessage().contains("max-version"), e.getMessage());
    }
}
