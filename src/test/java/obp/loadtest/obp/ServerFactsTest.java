package obp.loadtest.obp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerFactsTest {

    private static final List<String> OBP_2024 = List.of(
            "v1.2.1", "v1.3.0", "v1.4.0", "v2.0.0", "v2.1.0", "v2.2.0", "v3.0.0", "v3.1.0", "v4.0.0", "v5.0.0",
            "v5.1.0");

    @Test
    void aCallRunsUnderTheNewestServedVersionUpToTheGoToolsOne() {
        assertEquals(Optional.of("v5.1.0"), ApiVersions.newestUpTo(OBP_2024, "v6.0.0"));
        assertEquals(Optional.of("v3.0.0"), ApiVersions.newestUpTo(OBP_2024, "v3.0.0"));
        assertEquals(Optional.empty(), ApiVersions.newestUpTo(List.of("v5.0.0"), "v4.0.0"));
        // by number, not by text: v10 is after v9
        assertTrue(ApiVersions.ORDER.compare("v10.0.0", "v9.9.9") > 0);
        assertFalse(ApiVersions.isNumbered("dynamic-entity"));
    }

    @Test
    void aRouteFillsOBPsPlaceholdersAndSaysWhetherItWasSubstituted() {
        Operation op = Operation.REVOKE_CONSENT;
        ServerFacts.Route asIs = new ServerFacts.Route(op, "v5.1.0", op.candidates.get(0));
        ServerFacts.Route bankScoped = new ServerFacts.Route(op, "v5.1.0", op.candidates.get(1));
        assertFalse(asIs.substituted());
        assertTrue(bankScoped.substituted());
        assertEquals("GET", bankScoped.verb());
        assertEquals(
                "/obp/v5.1.0/banks/b1/my/consents/c1/revoke", bankScoped.path("BANK_ID", "b1", "CONSENT_ID", "c1"));
        assertEquals("v5.1.0 revoke consent", bankScoped.label());
    }

    @Test
    void substitutionsAndSkipsAreSaidOnePhraseEach() {
        Map<Operation, ServerFacts.Route> routes = new EnumMap<>(Operation.class);
        for (Operation op : Operation.of(Operation.Phase.ACCOUNTS))
            routes.put(op, new ServerFacts.Route(op, op.version, op.candidates.get(0)));
        routes.put(
                Operation.ACCOUNT_DETAILS,
                new ServerFacts.Route(
                        Operation.ACCOUNT_DETAILS, "v5.1.0", Operation.ACCOUNT_DETAILS.candidates.get(0)));
        routes.remove(Operation.BALANCES);
        ServerFacts facts = new ServerFacts(
                OBP_2024, "v5.1.0", "", "probes", Set.of(Operation.Phase.ACCOUNTS), routes, null, Set.of(), 5);

        List<String> changes = facts.changes(Operation.Phase.ACCOUNTS);
        assertEquals(2, changes.size(), changes.toString());
        assertTrue(changes.get(0).startsWith("account details: v5.1.0 GET"), changes.get(0));
        assertTrue(changes.get(1).startsWith("balances: skipped"), changes.get(1));
        assertEquals("v1.2.1 … v5.1.0", facts.versionRange());
        assertFalse(facts.serves(ApiVersions.V7));

        ServerFacts.Report report = facts.report();
        ServerFacts.Report.Call balances = report.calls().stream()
                .filter(c -> c.name().equals("balances"))
                .findFirst()
                .orElseThrow();
        assertNull(balances.used());
        assertEquals("skipped", balances.how());
        assertNull(report.v7EndpointsSkipped(), "no v7 on this server: nothing to say about its sweep");
        assertTrue(
                report.calls().stream().noneMatch(c -> c.phase().equals("consents")),
                "the consents phase did not run: its calls are not reported as skipped");
    }

    @Test
    void theSweepLeavesOutWhatTheServerLacksAndWhatNeedsARoleItDoesNotKnow() {
        List<V7Endpoint> sweep = V7Endpoint.sweep("BANK_ID", "ACCOUNT_ID", "USER_ID", true);
        Map<String, Boolean> roles = new java.util.HashMap<>();
        for (V7Endpoint e : sweep) if (e.role() != null) roles.put(e.role(), false);
        roles.remove("CanGetCacheConfig");
        roles.put("CanGetCardsForBank", true);
        ServerFacts facts = new ServerFacts(
                List.of("v6.0.0", "v7.0.0"),
                "v7.0.0",
                "",
                "probes",
                Set.of(),
                Map.of(),
                roles,
                Set.of("GET /features"),
                5);

        assertEquals(List.of("GET /features", "GET /system/cache/config"), facts.notSwept(sweep));
        assertEquals(Optional.of(true), facts.bankScoped("CanGetCardsForBank", false));
        assertEquals(Optional.empty(), facts.bankScoped("CanGetCacheConfig", false));
        // A server that did not list its roles: this tool's own scopes, and nothing left out for a role.
        ServerFacts unlisted =
                new ServerFacts(List.of("v7.0.0"), "v7.0.0", "", "probes", Set.of(), Map.of(), null, Set.of(), 5);
        assertEquals(Optional.of(true), unlisted.bankScoped("CanCreateAccount", true));
        assertEquals(List.of(), unlisted.notSwept(sweep));
    }

    @Test
    void whatARunAssumesWithoutAServerIsTheGoToolsCalls() {
        ServerFacts assumed = ServerFacts.assumed();
        for (Operation op : Operation.values())
            assertFalse(assumed.route(op).orElseThrow().substituted(), op.name());
        assertTrue(assumed.serves(ApiVersions.V7));
    }
}
