package obp.loadtest.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import obp.loadtest.ci.RunEndpoints;
import obp.loadtest.config.Settings;
import obp.loadtest.obp.BodyTemplate;
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
        // The chains as the run builds them before anything is sent (run.sh's settings check does this).
        Settings defaults = Settings.load(new Settings.Layers(Map.of(), Map.of(), Map.of()));
        List<String> names = RunEndpoints.of(defaults, true, true, true).stream()
                .map(e -> e.group() + " / " + e.name())
                .toList();
        // The names the report, the summary and the e2e tests know (docs/summary-schema.md).
        assertEquals(
                List.of(
                        "accounts / v4.0.0 create account",
                        "accounts / v5.0.0 list views",
                        "accounts / v3.0.0 create custom view",
                        "accounts / v6.0.0 account details",
                        "accounts / v5.1.0 balances",
                        "accounts / v3.0.0 my accounts",
                        "consents / v5.1.0 create IMPLICIT consent",
                        "consents / v3.1.0 answer consent challenge",
                        "consents / v5.1.0 list my consents",
                        "consents / v4.0.0 current user_id with Consent-JWT",
                        "consents / v5.1.0 revoke consent",
                        "v7 round trip / v7.0.0 POST entitlement",
                        "v7 round trip / v7.0.0 DELETE entitlement"),
                names.subList(0, 13));
        assertEquals(13 + 23, names.size());
    }

    @Test
    void aBodyFilledFromOtherSessionKeysThanItsPlaceholdersFailsWhenBuilt() {
        assertEquals("bodies/create-account.json", BodyTemplate.CREATE_ACCOUNT.resourceFilledBy(BodyTemplate.LABEL));
        assertEquals(
                "bodies/create-consent.json",
                BodyTemplate.CREATE_CONSENT.resourceFilledBy(BodyTemplate.ACCOUNT_ID, BodyTemplate.BANK_ID));
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> BodyTemplate.CREATE_CONSENT.resourceFilledBy(BodyTemplate.BANK_ID));
        assertTrue(e.getMessage().contains("bodies/create-consent.json"), e.getMessage());
        assertThrows(
                IllegalStateException.class,
                () -> BodyTemplate.ANSWER_CONSENT_CHALLENGE.resourceFilledBy(BodyTemplate.ANSWER, BodyTemplate.LABEL));
    }
}
