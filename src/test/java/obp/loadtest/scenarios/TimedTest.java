package obp.loadtest.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import obp.loadtest.obp.BodyTemplate;
import obp.loadtest.setup.Fixture;
import org.junit.jupiter.api.Test;

class TimedTest {

    @Test
    void onlyAJsonObjectIsReadForOBPsMessage() {
        assertTrue(Timed.jsonObject("{\"code\":403,\"message\":\"OBP-20017: ...\"}"));
        assertTrue(Timed.jsonObject("\n  {}"));
        // jmesPath would fail these, optional or not, and with them a request whose status was expected.
        assertFalse(Timed.jsonObject(""));
        assertFalse(Timed.jsonObject("<html><body>502 Bad Gateway</body></html>"));
        assertFalse(Timed.jsonObject("Request timeout"));
    }

    @Test
    void aRequestIsNamedOnceForGatlingAndOurStats() {
        Timed timed = new Timed(null, Duration.ofSeconds(1), 0);
        Fixture f = new Fixture("http://127.0.0.1:1", "key", new Fixture.User("u1", "user1", "t"), "bank", "account",
                List.of(new Fixture.User("u1", "user1", "t")));
        AccountsScenario.loop(f, timed, 1);
        ConsentsScenario.loop(f, timed, 1);
        V7Sweep.roundTrip(f, timed);
        V7Sweep.sweep(f, timed, true);
        List<String> names = timed.steps().stream().map(s -> s.group() + " / " + s.name()).toList();
        // The names the report, the summary and the e2e tests know (docs/summary-schema.md).
        assertEquals(List.of("accounts / v5.0.0 list views", "accounts / v4.0.0 create account", "accounts / v3.0.0 create custom view",
                "accounts / v6.0.0 account details", "accounts / v5.1.0 balances", "accounts / v3.0.0 my accounts",
                "consents / v5.1.0 create IMPLICIT consent", "consents / v3.1.0 answer consent challenge", "consents / v5.1.0 list my consents",
                "consents / v4.0.0 current user_id with Consent-JWT", "consents / v5.1.0 revoke consent",
                "v7 round trip / v7.0.0 POST entitlement", "v7 round trip / v7.0.0 DELETE entitlement"), names.subList(0, 13));
        assertEquals(13 + 23, names.size());
    }

    @Test
    void sessionKeysForBodiesAreTheTemplatesPlaceholders() {
        assertEquals(BodyTemplate.CREATE_ACCOUNT.placeholders(), java.util.Set.of(Keys.LABEL));
        assertEquals(BodyTemplate.CREATE_VIEW.placeholders(), java.util.Set.of(Keys.VIEW_NAME));
        assertEquals(BodyTemplate.CREATE_CONSENT.placeholders(), java.util.Set.of(Keys.BANK_ID, Keys.ACCOUNT_ID));
        assertEquals(BodyTemplate.ANSWER_CONSENT_CHALLENGE.placeholders(), java.util.Set.of(Keys.ANSWER));
        assertEquals(BodyTemplate.ADD_ENTITLEMENT.placeholders(), java.util.Set.of(Keys.BANK_ID, Keys.ROLE_NAME));
    }
}
