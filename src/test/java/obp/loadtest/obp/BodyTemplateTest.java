package obp.loadtest.obp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BodyTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The fields of OBP's request case classes (docs/obp-api.md §2–4), each body sends all of them. */
    private static final Map<BodyTemplate, Set<String>> OBP_FIELDS = Map.of(
            BodyTemplate.CREATE_USER, Set.of("email", "username", "password", "first_name", "last_name"),
            BodyTemplate.CREATE_BANK, Set.of("id", "bank_code", "full_name", "logo", "website", "bank_routings"),
            BodyTemplate.ADD_ENTITLEMENT, Set.of("bank_id", "role_name"),
            BodyTemplate.CREATE_ACCOUNT,
                    Set.of("user_id", "label", "product_code", "balance", "branch_id", "account_routings"),
            BodyTemplate.CREATE_VIEW,
                    Set.of(
                            "name",
                            "description",
                            "metadata_view",
                            "is_public",
                            "which_alias_to_use",
                            "hide_metadata_if_alias_used",
                            "allowed_actions"),
            BodyTemplate.CREATE_CONSENT, Set.of("everything", "views", "entitlements", "time_to_live"),
            BodyTemplate.ANSWER_CONSENT_CHALLENGE, Set.of("answer"),
            BodyTemplate.GRANT_ACCOUNT_ACCESS, Set.of("user_id", "view"));

    @Test
    void everyBodyIsJsonWithOBPsFieldsWhateverItIsFilledWith() throws Exception {
        String awkward = "a\"b\\c\n\t\u0001é";
        for (BodyTemplate t : BodyTemplate.values()) {
            Map<String, String> values = new HashMap<>();
            t.placeholders().forEach(p -> values.put(p, awkward));
            JsonNode body = JSON.readTree(t.fill(values));
            assertEquals(OBP_FIELDS.get(t), fields(body), t.name());
            String resource = t.resourceFilledBy(t.placeholders().toArray(String[]::new));
            assertTrue(resource.startsWith("bodies/") && resource.endsWith(".json"), resource);
        }
    }

    @Test
    void valuesAreEscapedNotInterpreted() throws Exception {
        JsonNode bank = JSON.readTree(
                BodyTemplate.CREATE_BANK.fill(Map.of(BodyTemplate.BANK_ID, "b\"1", BodyTemplate.BANK_CODE, "$1\\")));
        assertEquals("b\"1", bank.path("id").asText());
        assertEquals("$1\\", bank.path("bank_code").asText());
        assertEquals("Load Test Bank b\"1", bank.path("full_name").asText());
    }

    @Test
    void theAccountBodyIsWhatOBPAcceptsAZeroBalance() throws Exception {
        JsonNode account = JSON.readTree(BodyTemplate.CREATE_ACCOUNT.fill(Map.of(BodyTemplate.LABEL, "LT acc 1")));
        assertEquals("LT acc 1", account.path("label").asText());
        assertEquals("0", account.path("balance").path("amount").asText());
        assertEquals("", account.path("user_id").asText());
        assertEquals(Set.of(BodyTemplate.LABEL), BodyTemplate.CREATE_ACCOUNT.placeholders());
    }

    @Test
    void aMissingOrUnknownValueFailsAtOnce() {
        assertThrows(
                IllegalArgumentException.class,
                () -> BodyTemplate.ADD_ENTITLEMENT.fill(Map.of(BodyTemplate.BANK_ID, "")));
        assertThrows(
                IllegalArgumentException.class,
                () -> BodyTemplate.ANSWER_CONSENT_CHALLENGE.fill(Map.of(BodyTemplate.ANSWER, "1", "typo", "2")));
    }

    @Test
    void placeholdersAreTheNamesGatlingSessionsUse() {
        assertEquals(
                List.of(BodyTemplate.BANK_ID, BodyTemplate.ACCOUNT_ID),
                List.copyOf(BodyTemplate.CREATE_CONSENT.placeholders()));
        assertEquals(Set.of(BodyTemplate.VIEW_NAME), BodyTemplate.CREATE_VIEW.placeholders());
        assertEquals(Set.of(BodyTemplate.BANK_ID, BodyTemplate.ROLE_NAME), BodyTemplate.ADD_ENTITLEMENT.placeholders());
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> i = node.fieldNames(); i.hasNext(); ) names.add(i.next());
        return names;
    }
}
