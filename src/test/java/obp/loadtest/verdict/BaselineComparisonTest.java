package obp.loadtest.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselineComparisonTest {

    private static final VerdictRules RULES = new VerdictRules(RunFixture.thresholds(false));

    static SweepStats sweep(long banksMs, long userMs) {
        SweepStats stats = new SweepStats();
        for (int i = 0; i < 100; i++) {
            stats.endpoint("GET /banks", "v7 no-auth", false).record(200, null, banksMs, Classification.OK);
            stats.endpoint("GET /users/current", "v7 user", false).record(200, null, userMs, Classification.OK);
        }
        return stats;
    }

    static RunSummary summary(SweepStats stats) {
        return RunSummary.of(
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:01:00Z"),
                Map.of(),
                new RunEvidence(stats, null, null, null, null),
                RULES.decide(new RunEvidence(stats, null, null, null, null)),
                null);
    }

    static BaselineComparison.EndpointDelta delta(BaselineComparison c, String name) {
        return c.endpoints().stream()
                .filter(d -> d.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void sameRunIsNoRegression() {
        RunSummary run = summary(sweep(100, 200));
        BaselineComparison c = BaselineComparison.compare(run, run, 1.2);
        assertFalse(c.regressed());
        assertTrue(c.endpoints().stream().allMatch(d -> d.change() == BaselineComparison.Change.OK));
        assertTrue(c.render().endsWith("no regression\n"));
    }

    @Test
    void p95GrowingBeyondTheRatioIsARegression() {
        BaselineComparison c = BaselineComparison.compare(summary(sweep(100, 200)), sweep(130, 210), 1.2);
        assertTrue(c.regressed());
        assertEquals(
                BaselineComparison.Change.REGRESSION, delta(c, "GET /banks").change());
        assertEquals(
                BaselineComparison.Change.OK, delta(c, "GET /users/current").change());
        assertEquals(100, delta(c, "GET /banks").baseline().p95Ms());
        assertEquals(130, delta(c, "GET /banks").current().p95Ms());
        String text = c.render();
        assertTrue(text.contains("p95 100→130 (+30)"), text);
        assertTrue(text.endsWith("REGRESSION on GET /banks\n"), text);
    }

    @Test
    void tinyAbsoluteGrowthIsNoise() {
        BaselineComparison c = BaselineComparison.compare(summary(sweep(3, 3)), sweep(18, 3), 1.2);
        assertFalse(c.regressed(), "3 ms → 18 ms is within the " + BaselineComparison.P95_FLOOR_MS + " ms floor");
    }

    @Test
    void moreTimeoutsPerRequestIsARegression() {
        SweepStats current = sweep(100, 200);
        current.endpoint("GET /users/current", "v7 user", false)
                .record(0, null, 30_000, Classification.timeout(TimeoutCause.CLIENT));
        BaselineComparison c = BaselineComparison.compare(summary(sweep(100, 200)), summary(current), 1.2);
        assertEquals(
                BaselineComparison.Change.REGRESSION,
                delta(c, "GET /users/current").change());
        assertTrue(delta(c, "GET /users/current").reasons().get(0).startsWith("timeouts 0/100 → 1/101"));
    }

    @Test
    void sameTimeoutShareInALongerRunIsNoRegression() {
        SweepStats base = sweep(100, 200);
        base.endpoint("GET /banks", "v7 user", false).record(500, null, 10, Classification.UNEXPECTED);
        SweepStats current = sweep(100, 200);
        current.endpoint("GET /banks", "v7 user", false).record(500, null, 10, Classification.UNEXPECTED);
        current.endpoint("GET /banks", "v7 user", false).record(200, null, 100, Classification.OK);
        BaselineComparison c = BaselineComparison.compare(summary(base), current, 1.2);
        assertEquals(BaselineComparison.Change.OK, delta(c, "GET /banks").change());
    }

    @Test
    void newAndMissingEndpointsAreReportedNotFlagged() {
        SweepStats current = new SweepStats();
        current.endpoint("GET /banks", "v7 user", false).record(200, null, 100, Classification.OK);
        current.endpoint("GET /system/cache/info", "v7 user", false).record(200, null, 100, Classification.OK);
        BaselineComparison c = BaselineComparison.compare(summary(sweep(100, 200)), current, 1.2);
        assertEquals(
                BaselineComparison.Change.NEW,
                delta(c, "GET /system/cache/info").change());
        assertEquals(
                BaselineComparison.Change.MISSING,
                delta(c, "GET /users/current").change());
        assertFalse(c.regressed());
        assertTrue(c.render().contains("not in the baseline"));
    }

    @Test
    void ratioBelowOneIsRefused() {
        RunSummary run = summary(sweep(1, 1));
        assertThrows(IllegalArgumentException.class, () -> BaselineComparison.compare(run, run, 0.8));
    }
}
