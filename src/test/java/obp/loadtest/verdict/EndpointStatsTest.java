package obp.loadtest.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EndpointStatsTest {

    @Test
    void percentilesComeFromTheRecordedDurations() {
        EndpointStats stats = new EndpointStats("GET /banks", "v7 no-auth", false);
        for (int ms = 1; ms <= 100; ms++) {
            stats.record(200, null, ms, Classification.OK);
        }
        assertEquals(100, stats.count());
        assertEquals(50, stats.p50Ms());
        assertEquals(95, stats.p95Ms());
        assertEquals(99, stats.p99Ms());
        assertEquals(100, stats.maxMs());
    }

    @Test
    void emptyStatsReportZeroes() {
        EndpointStats stats = new EndpointStats("GET /banks", "v7 no-auth", false);
        assertEquals(0, stats.count());
        assertEquals(0, stats.p95Ms());
        assertEquals(0, stats.maxMs());
        assertEquals(0, stats.timeoutMinMs());
        assertEquals(0, stats.timeoutMaxMs());
        assertEquals(Map.of(), stats.timeoutCauses());
    }

    @Test
    void statusesOutcomesAndVersionsAreCounted() {
        EndpointStats stats = new EndpointStats("GET /users/current", "v7 user", false);
        stats.record(200, "v6.0.0", 10, Classification.OK);
        stats.record(200, "", 12, Classification.OK);
        stats.record(403, null, 9, Classification.OK);
        stats.record(0, null, 3, Classification.REFUSED);
        assertEquals(Map.of(0, 1L, 200, 2L, 403, 1L), stats.statuses());
        assertEquals(List.of(0, 200, 403), List.copyOf(stats.statuses().keySet()));
        assertEquals(3, stats.count(Outcome.OK));
        assertEquals(1, stats.connectionErrors());
        assertEquals(0, stats.outcomes().get(Outcome.SLOW));
        assertEquals(Set.of("v6.0.0", EndpointStats.NATIVE_V7), stats.versionsServed());
    }

    @Test
    void timeoutsAreCountedByCauseAndFamily() {
        EndpointStats stats = new EndpointStats("GET /system/cache/info", "v7 role-gated", false);
        stats.record(0, null, 30_000, Classification.timeout(TimeoutCause.CLIENT));
        stats.record(500, null, 2_000, Classification.timeout(TimeoutCause.LOCK));
        stats.record(500, null, 1_000, Classification.timeout(TimeoutCause.POOL_ACQUIRE));
        stats.record(0, null, 8_000, Classification.timeout(TimeoutCause.DROPPED));
        assertEquals(4, stats.timeouts());
        assertEquals(1_000, stats.timeoutMinMs());
        assertEquals(30_000, stats.timeoutMaxMs());
        assertEquals(30_000, stats.maxMs(), "exact, not the histogram bucket's top");
        assertEquals(2, stats.timeouts(TimeoutCause.Family.CAP));
        assertEquals(1, stats.timeouts(TimeoutCause.Family.DATABASE));
        assertEquals(1, stats.timeouts(TimeoutCause.Family.HANG));
        assertEquals(
                Map.of(
                        TimeoutCause.CLIENT,
                        1L,
                        TimeoutCause.LOCK,
                        1L,
                        TimeoutCause.POOL_ACQUIRE,
                        1L,
                        TimeoutCause.DROPPED,
                        1L),
                stats.timeoutCauses());
    }

    @Test
    void durationsBeyondAnHourAreClampedNotLost() {
        EndpointStats stats = new EndpointStats("x", "g", false);
        stats.record(200, null, 10 * EndpointStats.HIGHEST_MS, Classification.SLOW);
        stats.record(200, null, -5, Classification.OK);
        assertEquals(2, stats.count());
        assertTrue(stats.maxMs() >= EndpointStats.HIGHEST_MS);
    }

    @Test
    void concurrentRecordsAreAllCounted() throws InterruptedException {
        SweepStats sweep = new SweepStats();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    sweep.endpoint("GET /banks", "v7 no-auth", false).record(200, null, i % 50, Classification.OK);
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(80_000, sweep.totalCount());
        assertEquals(
                80_000L,
                sweep.endpoint("GET /banks", "v7 no-auth", false).statuses().get(200));
    }

    @Test
    void sweepKeepsEndpointsInRegistrationOrder() {
        SweepStats sweep = new SweepStats();
        sweep.endpoint("b", "v7 user", false);
        sweep.endpoint("a", "v7 no-auth", false);
        sweep.endpoint("c", "v7 user", false).record(200, null, 1, Classification.OK);
        assertEquals(
                List.of("b", "a", "c"),
                sweep.all().stream().map(EndpointStats::name).toList());
        assertEquals("v7 user", sweep.endpoint("c", "other", true).group(), "the first registration wins");
        assertEquals(1, sweep.total(Outcome.OK));
        assertEquals(
                List.of("c"), sweep.measured().stream().map(EndpointStats::name).toList());
    }

    @Test
    void theFirstUnexpectedAnswerIsKeptWithItsMessageCut() {
        EndpointStats stats = new EndpointStats("v3.0.0 my accounts", "accounts", false);
        stats.record(200, null, 5, Classification.OK, null);
        stats.record(400, null, 5, Classification.OK, "OBP-30018: expected answer, not kept");
        stats.record(400, null, 6, Classification.UNEXPECTED, "OBP-30018: Bank Account not found. " + "x".repeat(300));
        stats.record(500, null, 7, Classification.UNEXPECTED, "OBP-50000: a later one");
        String first = stats.firstUnexpected();
        assertTrue(first.startsWith("400 OBP-30018: Bank Account not found."), first);
        assertTrue(first.length() <= 4 + 160 + 1, first.length() + ": " + first);
        assertTrue(first.endsWith("…"), first);
    }

    /**
     * The live page and the console read an endpoint's figures every second while Gatling's event loops record
     * into it: a read must never fail on a concurrent record (HdrHistogram's iterators throw
     * ConcurrentModificationException when the histogram changes under them: a lock-free histogram read that way
     * stopped the live page after its third update).
     */
    @Test
    void figuresReadWhileRequestsAreRecordedNeverFail() throws Exception {
        EndpointStats stats = new EndpointStats("GET /banks", "banks", false);
        ExecutorService loops = Executors.newFixedThreadPool(2);
        try {
            var writers = List.of(
                    loops.submit(() -> {
                        for (int i = 0; i < 300_000; i++) stats.record(200, null, i % 997, Classification.OK);
                    }),
                    loops.submit(() -> {
                        for (int i = 0; i < 300_000; i++) stats.record(200, null, i % 1_999, Classification.OK);
                    }));
            while (writers.stream().anyMatch(f -> !f.isDone())) {
                stats.meanMs();
                stats.p95Ms();
                stats.p99Ms();
            }
            for (var w : writers) w.get();
            assertEquals(600_000, stats.count());
        } finally {
            loops.shutdownNow();
        }
    }
}
