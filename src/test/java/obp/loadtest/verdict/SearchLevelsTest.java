package obp.loadtest.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchLevelsTest {

    private static final VerdictRules RULES = new VerdictRules(RunFixture.thresholds(false));

    @Test
    void aCompletionBelongsToTheLevelOfItsTimeFromTheFirstWorker() {
        SearchLevels s = new SearchLevels(List.of(1, 2, 4), 1000);
        assertEquals(-1, s.levelAt(50), "nothing before the first worker started");
        s.begin(200);
        s.begin(900); // later workers do not move the origin
        assertEquals(-1, s.levelAt(150));
        assertEquals(0, s.levelAt(200));
        assertEquals(0, s.levelAt(1199));
        assertEquals(1, s.levelAt(1200));
        assertEquals(2, s.levelAt(3199));
        assertEquals(-1, s.levelAt(3200), "the drain after the last level is not measured");
    }

    private static Calibration calibrated(long ms) {
        Calibration c = new Calibration(5000);
        for (String e : List.of("a", "b", "c")) c.record(e, ms, true);
        c.finish();
        return c;
    }

    @Test
    void eachLevelIsMeasuredAloneWithPoolSamplesByTime() {
        SearchLevels s = new SearchLevels(List.of(1, 2, 4), 1000);
        s.begin(0);
        for (int i = 0; i < 10; i++) s.record(100 + i * 90, "a", "v7 user", false, 200, null, 100, Classification.OK);
        for (int i = 0; i < 20; i++) s.record(1000 + i * 45, "a", "v7 user", false, 200, null, 100, Classification.OK);
        for (int i = 0; i < 20; i++)
            s.record(2000 + i * 45, "a", "v7 user", false, 200, null, i < 19 ? 180 : 1500, Classification.OK);
        s.record(2500, "probe", "v7 stall probe", true, 0, null, 3000, Classification.timeout(TimeoutCause.CLIENT));
        PoolEvidence pool = new PoolEvidence(Duration.ofMillis(250));
        pool.sample(-300, 1, 7, 8, 0, 8, 0, 1, 2);
        pool.sample(500, 1, 7, 8, 0, 8, 0, 1, 2);
        pool.sample(1500, 2, 6, 8, 0, 8, 0, 2, 2);
        pool.sample(2500, 8, 0, 8, 3, 8, 0, 4, 2);
        assertFalse(s.failed(), "the stall probe never fails a level");

        SearchLevels.Result r = s.result(pool, calibrated(100), RULES);
        assertEquals(3, r.rows().size());
        assertEquals(100, r.baselineMs());
        SearchLevels.Row one = r.rows().get(0);
        assertEquals(10, one.requests());
        assertEquals(10.0, one.throughput(), 0.01);
        assertEquals(1.0, one.inFlight(), 0.01, "Little's law: 10/s × 0.1 s = 1 in flight");
        assertFalse(one.generatorLimited());
        SearchLevels.Row four = r.rows().get(2);
        assertEquals(20, four.requests(), "the stall probe is not in the level's numbers");
        assertEquals(3, four.poolMaxWaiting());
        assertEquals(8, four.poolMaxActive());
        assertEquals(180, four.p95Ms(), "p95 of the level's own requests: the stall probe's 3 s is not in it");
        assertEquals(4.9, four.inFlight(), 0.05, "20 req/s × 0.246 s mean");
        assertFalse(four.generatorLimited());
        assertEquals(4, r.firstPressure().workers(), "pool waiting > 0 first at 4 workers (p95 1.8× is not inflated)");
        assertNull(r.breaking());
        assertTrue(r.breakingLine().contains("none up to 4 workers"), r.breakingLine());
    }

    @Test
    void fewerInFlightThanWorkersIsFlaggedAsGeneratorOrNetworkLimited() {
        SearchLevels s = new SearchLevels(List.of(8), 1000);
        s.begin(0);
        for (int i = 0; i < 10; i++) s.record(50 + i * 90, "a", "v7 user", false, 200, null, 100, Classification.OK);
        SearchLevels.Row row = s.result(null, null, RULES).rows().get(0);
        assertEquals(1.0, row.inFlight(), 0.01);
        assertTrue(row.generatorLimited(), "1 in flight for 8 workers: " + row);
        assertEquals(-1, row.inflation(), 0.0, "no calibration, no inflation");
        assertTrue(row.toString().contains("generatorLimited=true"));
    }

    @Test
    void aTimeoutFailsItsLevelAndTheRulesNameTheVerdict() {
        SearchLevels s = new SearchLevels(List.of(1, 2), 1000);
        s.begin(0);
        for (int i = 0; i < 10; i++) s.record(100 + i * 80, "a", "v7 user", false, 200, null, 100, Classification.OK);
        s.record(1200, "a", "v7 user", false, 200, null, 100, Classification.OK);
        s.record(1400, "a", "v7 user", false, 0, null, 500, Classification.timeout(TimeoutCause.POOL_ACQUIRE));
        assertTrue(s.failed());
        SearchLevels.Result r = s.result(new PoolEvidence(Duration.ofSeconds(1)), calibrated(100), RULES);
        SearchLevels.Row broke = r.breaking();
        assertEquals(2, broke.workers());
        assertEquals(1, broke.timeouts());
        assertTrue(broke.verdict() != null && !broke.verdict().isBlank());
        assertEquals(5.0, broke.throughput(), 0.01, "a level cut short is measured over the 400 ms it ran");
        assertTrue(r.breakingLine().startsWith("breaking point: 2 workers — " + broke.verdict()), r.breakingLine());
        Map<String, Object> json = SearchLevels.json(r);
        assertEquals(2, ((List<?>) json.get("levels")).size());
        assertEquals(true, ((Map<?, ?>) json.get("breaking_point")).get("found"));
    }

    @Test
    void theKneeIsTheLastLevelWhoseThroughputGrewUninflated() {
        List<SearchLevels.Row> rows = List.of(
                row(1, 10, 0, false),
                row(2, 20, 0, false),
                row(4, 38, 0, false),
                row(8, 40, 2, false),
                row(16, 41, 9, true));
        SearchLevels.Result r = SearchLevels.summarize(rows, 16, 100);
        assertEquals(4, r.lastGrowing().workers(), "40 is not 10% above 38");
        assertEquals(8, r.firstPressure().workers());
        assertTrue(
                r.kneeLine().contains("grew up to 4 workers")
                        && r.kneeLine().contains("pressure from 8 workers (pool waiting 2)"),
                r.kneeLine());
        assertTrue(r.table().lines().count() == 7, r.table());
    }

    private static SearchLevels.Row row(int workers, double throughput, int waiting, boolean inflated) {
        return new SearchLevels.Row(
                0,
                workers,
                0,
                (long) throughput * 3,
                throughput,
                100,
                120,
                100,
                0,
                0,
                3,
                8,
                waiting,
                inflated ? 12 : 1.2,
                inflated,
                workers,
                false,
                false,
                null);
    }
}
