package obp.loadtest.emulator;

import static obp.loadtest.emulator.WireClient.auth;
import static obp.loadtest.emulator.WireClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import obp.loadtest.obp.BodyTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/obp-api.md §3-4: the accounts and consent loops. */
class AccountAndConsentContractTest {
    static ObpEmulator obp;
    static WireClient wire;
    static String[] owner;
    static String[] stranger;
    static String accountId;

    @BeforeAll
    static void start() {
        obp = ObpEmulator.start(FaultPlan.defaults().sandbox(true));
        wire = new WireClient(obp);
        owner = wire.admin("accowner1");
        stranger = wire.user("accstranger");
        wire.bank(owner, "lt-bank-01");
        var acc = wire.createAccount(owner[1], "lt-bank-01");
        assertEquals(201, acc.status());
        accountId = acc.json().path("account_id").asText();
    }

    @AfterAll
    static void stop() {
        obp.kill();
    }

    @Test
    void createdAccountHasTheV4Fields() throws Exception {
        var a = wire.createAccount(owner[1], "lt-bank-01");
        for (String f : List.of(
                "account_id",
                "user_id",
                "label",
                "product_code",
                "balance",
                "branch_id",
                "account_routings",
                "account_attributes")) assertTrue(a.json().has(f), f);
        assertEquals(owner[0], a.json().path("user_id").asText());
        // The load test's account body, with a non-zero balance.
        var body = (ObjectNode)
                new ObjectMapper().readTree(BodyTemplate.CREATE_ACCOUNT.fill(Map.of(BodyTemplate.LABEL, "x")));
        body.with("balance").put("amount", "10");
        var nonZero = wire.post("/obp/v4.0.0/banks/lt-bank-01/accounts", body.toString(), auth(owner[1]));
        assertTrue(nonZero.message().startsWith("OBP-30109"), nonZero.message());
        assertEquals(404, wire.createAccount(owner[1], "no-such-bank").status());
    }

    @Test
    void ownerSeesViewsDetailsAndBalancesOthersGet20017() {
        String base = "/banks/lt-bank-01/accounts/" + accountId;
        var views = wire.get("/obp/v5.0.0" + base + "/views", auth(owner[1]));
        assertEquals(200, views.status());
        assertEquals("owner", views.json().path("views").get(0).path("id").asText());
        var details = wire.get("/obp/v6.0.0" + base + "/owner/account", auth(owner[1]));
        assertEquals(200, details.status());
        assertEquals(accountId, details.json().path("id").asText());
        assertEquals("EUR", details.json().path("balance").path("currency").asText());
        var balances = wire.get("/obp/v5.1.0" + base + "/views/owner/balances", auth(owner[1]));
        assertEquals(200, balances.status());
        assertEquals(
                "EUR", balances.json().path("balances").get(0).path("currency").asText());
        for (String path : List.of(
                "/obp/v6.0.0" + base + "/owner/account",
                "/obp/v5.1.0" + base + "/views/owner/balances",
                "/obp/v7.0.0/my" + base + "/account",
                "/obp/v7.0.0" + base + "/owner/account")) {
            var refused = wire.get(path, auth(stranger[1]));
            assertEquals(403, refused.status(), path);
            assertTrue(refused.message().startsWith("OBP-20017"), refused.message());
        }
        assertEquals(
                200,
                wire.get("/obp/v7.0.0/my" + base + "/account", auth(owner[1])).status());
        var mine = wire.get("/obp/v3.0.0/my/accounts", auth(owner[1]));
        assertTrue(mine.json().path("accounts").size() >= 1);
        assertEquals(
                0,
                wire.get("/obp/v3.0.0/my/accounts", auth(stranger[1]))
                        .json()
                        .path("accounts")
                        .size());
    }

    @Test
    void customViewNameMustStartWithUnderscore() {
        String path = "/obp/v3.0.0/banks/lt-bank-01/accounts/" + accountId + "/views";
        String view = json(
                "name",
                "_lt_view_1",
                "description",
                "load test",
                "metadata_view",
                "_lt_view_1",
                "is_public",
                false,
                "which_alias_to_use",
                "",
                "hide_metadata_if_alias_used",
                false,
                "allowed_actions",
                List.of("can_see_transaction_amount"));
        var created = wire.post(path, view, auth(owner[1]));
        assertEquals(201, created.status());
        assertEquals("_lt_view_1", created.json().path("id").asText());
        var bad = wire.post(path, view.replace("_lt_view_1", "lt_view_2"), auth(owner[1]));
        assertEquals(400, bad.status());
        assertTrue(bad.message().startsWith("OBP-20020"), bad.message());
    }

    String createConsent(WireClient w, String[] user) {
        var c = w.post(
                "/obp/v5.1.0/my/consents/IMPLICIT",
                json("everything", false, "views", List.of(), "entitlements", List.of(), "time_to_live", 3600),
                auth(user[1]));
        assertEquals(201, c.status());
        assertEquals("INITIATED", c.json().path("status").asText());
        return c.json().path("consent_id").asText() + " " + c.json().path("jwt").asText();
    }

    @Test
    void consentLoopCreatesAcceptsUsesAndRevokes() {
        String[] idJwt = createConsent(wire, owner).split(" ");
        var accepted = wire.post(
                "/obp/v3.1.0/banks/lt-bank-01/consents/" + idJwt[0] + "/challenge",
                json("answer", "123456"),
                auth(owner[1]));
        assertEquals(201, accepted.status());
        assertEquals("ACCEPTED", accepted.json().path("status").asText());
        var use = wire.get(
                "/obp/v4.0.0/users/current/user_id", "Consent-JWT", idJwt[1], "Consumer-Key", obp.consumerKey());
        assertEquals(200, use.status());
        assertEquals(owner[0], use.json().path("user_id").asText());
        var list = wire.get("/obp/v5.1.0/my/consents", auth(owner[1]));
        assertTrue(list.json().path("consents").size() >= 1);
        assertTrue(list.json().path("consents").get(0).has("consent_reference_id"));
        var revoked = wire.send("DELETE", "/obp/v5.1.0/my/consents/" + idJwt[0], null, auth(owner[1]));
        assertEquals(200, revoked.status());
        assertEquals("REVOKED", revoked.json().path("status").asText());
        var afterRevoke = wire.get(
                "/obp/v4.0.0/users/current/user_id", "Consent-JWT", idJwt[1], "Consumer-Key", obp.consumerKey());
        assertEquals(401, afterRevoke.status());
        assertTrue(afterRevoke.message().startsWith("OBP-35005"), afterRevoke.message());
        assertTrue(EmulatorState.of(obp).consentCount("REVOKED") >= 1);
    }

    @Test
    void withScaOnlyTheGeneratedOtpAcceptsAndAWrongAnswerIs201Rejected() {
        try (ObpEmulator sca =
                ObpEmulator.start(FaultPlan.defaults().sandbox(true).scaEnabled(true))) {
            WireClient w = new WireClient(sca);
            String[] u = w.admin("scauser01");
            w.bank(u, "lt-bank-01");
            String wrong = createConsent(w, u).split(" ")[0];
            var rejected = w.post(
                    "/obp/v3.1.0/banks/lt-bank-01/consents/" + wrong + "/challenge",
                    json("answer", "123456"),
                    auth(u[1]));
            assertEquals(201, rejected.status());
            assertEquals("REJECTED", rejected.json().path("status").asText());
            String right = createConsent(w, u).split(" ")[0];
            var ok = w.post(
                    "/obp/v3.1.0/banks/lt-bank-01/consents/" + right + "/challenge",
                    json("answer", EmulatorState.of(sca).consentOtp(right)),
                    auth(u[1]));
            assertEquals("ACCEPTED", ok.json().path("status").asText());
        }
    }

    @Test
    void consentsNotAllowedIs35007() {
        try (ObpEmulator off = ObpEmulator.start(FaultPlan.defaults().consentsAllowed(false))) {
            var a = new WireClient(off)
                    .get(
                            "/obp/v4.0.0/users/current/user_id",
                            "Consent-JWT",
                            "x.y.z",
                            "Consumer-Key",
                            off.consumerKey());
            assertEquals(401, a.status());
            assertTrue(a.message().startsWith("OBP-35007"), a.message());
        }
    }
}
