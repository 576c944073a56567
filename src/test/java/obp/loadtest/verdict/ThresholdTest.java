package obp.loadtest.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import obp.loadtest.obp.V7Endpoint;
import obp.loadtest.verdict.Thresholds.Endpoint;
import obp.loadtest.verdict.Thresholds.Kind;
import org.junit.jupiter.api.Test;

class ThresholdTest {

    private static final List<Endpoint> RUN = List.of(
            new Endpoint("accounts", "v4.0.0 create account"),
            new Endpoint("v7 no-auth", "GET /root"),
            new Endpoint("v7 user", "GET /users/current"),
            new Endpoint("v7 role-gated", "GET /users"),
            new Endpoint("v7 round trip", "v7.0.0 POST entitlement"));

    @Test
    void parsesEveryMetricWithItsUnit() {
        Threshold t = Threshold.parse("  all:   p95 < 800ms ");
        assertEquals("all: p95 < 800ms", t.text());
        assertEquals("all", t.target());
        assertEquals(Threshold.Metric.P95, t.metric());
        assertEquals(Threshold.Op.LT, t.op());
        assertEquals(800, t.limit());
        assertEquals(2000, Threshold.parse("GET /users: p99 <= 2s").limit());
        assertEquals(Threshold.Op.LTE, Threshold.parse("GET /users: p99 <= 2s").op());
        assertEquals(1.5, Threshold.parse("v7 user: error-rate < 1.5%").limit());
        assertEquals(
                Threshold.Op.GT, Threshold.parse("v7 sweep: throughput > 50/s").op());
        assertEquals(100, Threshold.parse("accounts: count >= 100").limit());
        assertEquals(60_000, Threshold.parse("all: max < 1m").limit());
        assertEquals(
                "GET stall probe (x/y)",
                Threshold.parse("GET stall probe (x/y): mean < 5s").target());
        assertEquals("p95 < 800ms", t.condition());
    }

    @Test
    void malformedThresholdsSayWhatIsWrongInOneLine() {
        assertMalformed("all p95 < 800ms", "expected '<target>: <metric> <op> <value>'");
        assertMalformed(": p95 < 800ms", "no target");
        assertMalformed("all: p96 < 800ms", "unknown metric 'p96'");
        assertMalformed("all: p95 = 800ms", "op one of <, <=, >, >=");
        assertMalformed("all: p95 < 800", "p95 takes a duration");
        assertMalformed("all: error-rate < 1", "error-rate takes a percentage");
        assertMalformed("all: error-rate < 101%", "cannot exceed 100%");
        assertMalformed("all: throughput > 50", "throughput takes requests per second");
        assertMalformed("all: count > 1.5", "whole number");
        List<String> problems = new ArrayList<>();
        assertEquals(
                2,
                Threshold.parseAll("all: p95 < 1s;; x ; v7 user: p50 < 5ms ; y", problems)
                        .size());
        assertEquals(2, problems.size(), problems.toString());
    }

    private static void assertMalformed(String text, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Threshold.parse(text));
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertTrue(e.getMessage().startsWith("--threshold '"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void targetsResolveToAllTheSweepAGroupOrAnEndpoint() {
        List<String> problems = new ArrayList<>();
        Thresholds t = Thresholds.resolve(
                "all: p95 < 1s; v7 sweep: p95 < 1s; V7 User: p95 < 1s; GET /users: p95 < 1s; accounts: count > 1",
                RUN,
                problems);
        assertEquals(List.of(), problems);
        assertEquals(
                List.of(Kind.ALL, Kind.SWEEP, Kind.GROUP, Kind.ENDPOINT, Kind.GROUP),
                t.all().stream().map(Thresholds.Scoped::kind).toList());
        assertEquals(
                "v7 role-gated",
                t.all().get(3).group(),
                "an endpoint carries its group for Gatling's details(group, name)");
        Thresholds.Scoped sweep = t.all().get(1);
        assertTrue(sweep.covers("v7 user", "GET /users/current"));
        assertFalse(sweep.covers("v7 round trip", "v7.0.0 POST entitlement"), "the round trip is not the sweep");
        assertFalse(sweep.covers("accounts", "v4.0.0 create account"));

        Thresholds.resolve("GET /nope: p95 < 1s; consents: p95 < 1s", RUN, problems);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("'GET /nope' names no endpoint or group of this run"), problems.get(0));
        problems.clear();
        Thresholds.resolve("v7 sweep: p95 < 1s", List.of(new Endpoint("accounts", "a")), problems);
        assertEquals(1, problems.size(), "no sweep in a run without v7");
    }

    @Test
    void sweepGroupsAreTheV7EndpointGroups() {
        assertEquals(
                Thresholds.SWEEP_GROUPS,
                java.util.Arrays.stream(V7Endpoint.Group.values())
                        .map(g -> g.label)
                        .collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void aGroupIsJudgedOnItsMergedHistogramNotOnAveragedPercentiles() {
        SweepStats stats = new SweepStats();
        EndpointStats fast = stats.endpoint("GET /a", "v7 user", false);
        EndpointStats slow = stats.endpoint("GET /b", "v7 user", false);
        for (int i = 0; i < 90; i++) fast.record(200, null, 10, Classification.OK);
        for (int i = 0; i < 10; i++) slow.record(200, null, 2000, Classification.SLOW);
        // Per endpoint p95: 10 and 2000, averaged 1005. Merged: 90 % of requests took 10 ms, so p95 is 2000.
        List<String> problems = new ArrayList<>();
        Thresholds t = Thresholds.resolve(
                "v7 user: p95 < 1500ms; v7 user: p50 < 20ms; GET /a: max <= 10ms; v7 user: mean < 300ms",
                List.of(new Endpoint("v7 user", "GET /a"), new Endpoint("v7 user", "GET /b")),
                problems);
        List<Thresholds.Result> r = t.judge(stats, 10);
        assertEquals(List.of(), problems);
        assertFalse(r.get(0).met(), r.get(0).line());
        assertEquals(2000, r.get(0).measured(), 2000 * 0.001);
        assertTrue(r.get(1).met());
        assertEquals(10, r.get(1).measured(), 0.01);
        assertTrue(r.get(2).met());
        assertEquals(209.0, r.get(3).measured(), 1.0);
        assertEquals(
                "MISSED  v7 user: p95 < 1500ms — measured p95 2000 ms", r.get(0).line());
    }

    @Test
    void errorRateThroughputAndCount() {
        SweepStats stats = new SweepStats();
        EndpointStats e = stats.endpoint("GET /a", "v7 user", false);
        for (int i = 0; i < 97; i++) e.record(200, null, 5, Classification.OK);
        e.record(500, null, 5, Classification.UNEXPECTED);
        e.record(0, null, 1000, Classification.timeout(TimeoutCause.CLIENT));
        e.record(0, null, 1, Classification.REFUSED);
        stats.endpoint("GET /never", "v7 user", false);
        List<String> problems = new ArrayList<>();
        Thresholds t = Thresholds.resolve(
                "all: error-rate < 3%; all: error-rate <= 3%; all: throughput > 9/s; all: count >= 100;"
                        + " GET /never: p95 < 1s; GET /never: count < 1",
                List.of(new Endpoint("v7 user", "GET /a"), new Endpoint("v7 user", "GET /never")), problems);
        List<Thresholds.Result> r = t.judge(stats, 10);
        assertEquals(3.0, r.get(0).measured());
        assertFalse(r.get(0).met());
        assertTrue(r.get(1).met());
        assertEquals(10.0, r.get(2).measured());
        assertTrue(r.get(2).met());
        assertTrue(r.get(3).met());
        assertNull(r.get(4).measured(), "nothing measured");
        assertFalse(r.get(4).met(), "a threshold on nothing measured is missed");
        assertEquals("no requests", r.get(4).measuredText());
        assertTrue(r.get(5).met(), "count is judged on zero requests too");
    }

    @Test
    void missedThresholdsFailTheDiagnosisButKeepItsCause() {
        Diagnosis clean = Diagnosis.of(
                Verdict.CLEAN,
                Verdict.CLEAN.headline(),
                List.of("fine"),
                false,
                Diagnosis.Bottleneck.NONE,
                Diagnosis.Confidence.HIGH,
                List.of(),
                List.of());
        Diagnosis failed = clean.failedBy(List.of("threshold missed: all: p95 < 1ms (measured p95 3 ms)"));
        assertEquals(Verdict.CLEAN, failed.verdict());
        assertTrue(failed.failure());
        assertEquals(1, failed.exitCode());
        assertEquals(2, failed.evidence().size());
        assertEquals(clean, clean.failedBy(List.of()));
        Diagnosis setup = Diagnosis.of(
                Verdict.SETUP_FAILED,
                "x",
                List.of(),
                true,
                Diagnosis.Bottleneck.NONE,
                Diagnosis.Confidence.HIGH,
                List.of(),
                List.of());
        assertEquals(3, setup.failedBy(List.of("y")).exitCode());
    }
}
