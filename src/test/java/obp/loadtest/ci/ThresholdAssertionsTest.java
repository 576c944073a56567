package obp.loadtest.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import obp.loadtest.config.Settings;
import obp.loadtest.verdict.Thresholds;
import org.junit.jupiter.api.Test;

class ThresholdAssertionsTest {

    private static Settings settings(Map<String, String> flags) {
        return Settings.load(new Settings.Layers(Map.of(), Map.of(), flags));
    }

    @Test
    void theRunsEndpointsAreKnownBeforeAnythingIsSent() {
        List<Thresholds.Endpoint> all = RunEndpoints.of(settings(Map.of()), true, true, true);
        assertTrue(all.contains(new Thresholds.Endpoint("v7 role-gated", "GET /users")), all.toString());
        assertTrue(all.contains(new Thresholds.Endpoint("accounts", "v4.0.0 create account")));
        assertTrue(all.contains(new Thresholds.Endpoint("consents", "v5.1.0 revoke consent")));
        assertTrue(all.stream().anyMatch(e -> e.group().equals("v7 stall probe")));

        List<Thresholds.Endpoint> sweepOnly = RunEndpoints.of(
                settings(Map.of("obp.stall-probe", "false", "obp.loop-accounts", "0")), true, true, true);
        assertFalse(
                sweepOnly.stream()
                        .anyMatch(e ->
                                e.group().equals("v7 stall probe") || e.group().equals("accounts")),
                sweepOnly.toString());
        assertTrue(RunEndpoints.of(settings(Map.of()), false, false, true).stream()
                .allMatch(e -> e.group().startsWith("v7 ")));
        assertEquals(
                List.of(false, false, true),
                toList(RunEndpoints.phasesOf("obp.loadtest.simulations.V7SweepSimulation")));
        assertEquals(List.of(true, true, true), toList(RunEndpoints.phasesOf("some.OtherSimulation")));
    }

    @Test
    void eachThresholdBecomesGatlingAssertions() {
        List<Thresholds.Endpoint> endpoints = RunEndpoints.of(settings(Map.of()), true, true, true);
        List<String> problems = new ArrayList<>();
        Thresholds t = Thresholds.resolve(
                "all: p95 < 1s; v7 user: error-rate < 1%; GET /users: p99 <= 2s; accounts: count >= 3;"
                        + " all: throughput > 1/s; all: max < 5s; all: mean < 1s; all: p50 > 0ms",
                endpoints, problems);
        assertEquals(List.of(), problems);
        assertEquals(8, ThresholdAssertions.of(t, endpoints).size());
        // v7 sweep: one per v7 group for durations and error-rate; throughput and count are judged by obp-loadtest
        // only.
        Thresholds sweep = Thresholds.resolve(
                "v7 sweep: p95 < 1s; v7 sweep: throughput > 5/s; v7 sweep: count > 1", endpoints, problems);
        assertEquals(4, ThresholdAssertions.of(sweep, endpoints).size(), "no-auth, user, role-gated, stall probe");
    }

    private static List<Boolean> toList(boolean[] a) {
        return List.of(a[0], a[1], a[2]);
    }
}
