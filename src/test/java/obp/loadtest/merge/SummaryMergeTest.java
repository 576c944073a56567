package obp.loadtest.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import obp.loadtest.report.Redactor;
import obp.loadtest.verdict.Classification;
import obp.loadtest.verdict.Diagnosis;
import obp.loadtest.verdict.EndpointStats;
import obp.loadtest.verdict.Outcome;
import obp.loadtest.verdict.PoolEvidence;
import obp.loadtest.verdict.RunEvidence;
import obp.loadtest.verdict.RunSummary;
import obp.loadtest.verdict.SweepStats;
import obp.loadtest.verdict.TimeoutCause;
import obp.loadtest.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryMergeTest {

    private static final String ROOT = "GET /root";
    private static final String USERS = "GET /users";
    private static final double[] PERCENTILES = {1, 10, 25, 50, 75, 90, 95, 99, 99.9, 100};

    @TempDir
    Path dir;

    /** Random durations spread over three shards: merged percentiles equal those of one histogram of all values. */
    @Test
    void mergedPercentilesEqualOneHistogramOfAllValues() {
        Random random = new Random(15);
        int shards = 3;
        List<SweepStats> parts = new ArrayList<>();
        for (int i = 0; i < shards; i++) parts.add(new SweepStats());
        SweepStats whole = new SweepStats();
        for (int n = 0; n < 60_000; n++) {
            String name = random.nextInt(3) == 0 ? USERS : ROOT;
            // A long tail: mostly fast, some seconds, a few timeouts.
            long ms = (long) Math.min(3_600_000, Math.exp(random.nextGaussian() * 2.2 + 3));
            int status = random.nextInt(50) == 0 ? 500 : 200;
            Classification c = ms > 30_000
                    ? Classification.timeout(TimeoutCause.CLIENT)
                    : status == 500 ? Classification.UNEXPECTED : ms > 5_000 ? Classification.SLOW : Classification.OK;
            int shard = random.nextInt(shards);
            parts.get(shard).endpoint(name, "v7 user", false).record(status, null, ms, c);
            whole.endpoint(name, "v7 user", false).record(status, null, ms, c);
        }
        List<RunSummary> summaries = new ArrayList<>();
        for (int i = 0; i < shards; i++) summaries.add(roundTrip(summary(parts.get(i), null), "shard" + i));

        SweepStats merged = SummaryMerge.stats(summaries);

        for (String name : List.of(ROOT, USERS)) {
            EndpointStats expected = whole.endpoint(name, "v7 user", false);
            EndpointStats actual = merged.endpoint(name, "?", false);
            assertEquals(expected.count(), actual.count(), name + " count");
            for (double p : PERCENTILES) {
                assertEquals(expected.percentileMs(p), actual.percentileMs(p), name + " p" + p);
            }
            assertEquals(expected.maxMs(), actual.maxMs(), name + " max");
            assertEquals(expected.meanMs(), actual.meanMs(), 1e-9, name + " mean");
            assertEquals(expected.statuses(), actual.statuses(), name + " statuses");
            assertEquals(expected.outcomes(), actual.outcomes(), name + " outcomes");
            assertEquals(expected.timeoutCauses(), actual.timeoutCauses(), name + " timeout causes");
            assertEquals(expected.timeoutMinMs(), actual.timeoutMinMs(), name + " timeout min");
            assertEquals(expected.timeoutMaxMs(), actual.timeoutMaxMs(), name + " timeout max");
            assertEquals(expected.group(), actual.group());
        }
        assertEquals(60_000, merged.totalCount());
        assertTrue(merged.total(Outcome.TIMEOUT) > 0, "the random data has timeouts to merge");
    }

    @Test
    void poolSeriesAreMergedByTimeAndBaselinesByMedian() {
        PoolEvidence a = new PoolEvidence(Duration.ofSeconds(1));
        a.sample(0, 2, 8, 10, 0, 10, 30_000, 4, 3);
        a.sample(2_000, 10, 0, 10, 5, 10, 30_000, 20, 40);
        PoolEvidence b = new PoolEvidence(Duration.ofSeconds(1));
        b.sample(1_000, 10, 0, 10, 7, 10, 30_000, 20, 10);
        b.failedSample(3_000, "timeout after 5 s", 20, 5_000);
        SweepStats s1 = new SweepStats();
        s1.endpoint(ROOT, "v7 no-auth", false).record(200, null, 12, Classification.OK);
        SweepStats s2 = new SweepStats();
        s2.endpoint(ROOT, "v7 no-auth", false).record(200, null, 14, Classification.OK);

        List<RunSummary> shards = List.of(roundTrip(summary(s1, a), "a"), roundTrip(summary(s2, b), "b"));
        RunEvidence ev = SummaryMerge.evidence(shards, 5_000);

        assertEquals(
                List.of(0L, 1_000L, 2_000L, 3_000L),
                ev.pool().series().stream().map(PoolEvidence.Sample::tMs).toList());
        assertEquals(3, ev.pool().samples());
        assertEquals(1, ev.pool().failedSamples());
        assertEquals(7, ev.pool().maxWaiting());
        assertEquals(30_000, ev.pool().connectionTimeoutMs());
        assertEquals(Map.of("timeout after 5 s", 1L), ev.pool().failureReasons());
        assertEquals(2, ev.stats().totalCount());
        assertEquals(null, ev.calibration(), "no shard calibrated");
    }

    @Test
    void aSummaryWithoutHistogramsIsRefused() {
        SweepStats s = new SweepStats();
        s.endpoint(ROOT, "v7 no-auth", false).record(200, null, 12, Classification.OK);
        RunSummary full = summary(s, null);
        RunSummary.EndpointSummary e = full.endpoints().get(0);
        RunSummary.EndpointSummary old = new RunSummary.EndpointSummary(
                e.name(),
                e.group(),
                e.stallProbe(),
                e.count(),
                e.p50Ms(),
                e.p95Ms(),
                e.p99Ms(),
                e.maxMs(),
                e.meanMs(),
                e.statuses(),
                e.outcomes(),
                e.slow(),
                e.timeouts(),
                e.connectionErrors(),
                e.unexpectedStatuses(),
                e.versionsServed(),
                e.timeoutMinMs(),
                e.timeoutMaxMs(),
                e.timeoutCauses(),
                e.baselineMs(),
                e.inflation(),
                e.baselineFailed(),
                e.problem(),
                null);
        RunSummary withoutHistogram = new RunSummary(
                full.schema(),
                full.schemaVersion(),
                full.started(),
                full.finished(),
                full.settings(),
                List.of(old),
                full.pool(),
                full.verdict(),
                full.generator(),
                full.timeline(),
                null,
                null,
                null,
                null,
                0);
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> SummaryMerge.stats(List.of(full, withoutHistogram)));
        assertTrue(refused.getMessage().contains("no latency histogram"), refused.getMessage());
    }

    private static RunSummary summary(SweepStats stats, PoolEvidence pool) {
        Diagnosis d = Diagnosis.of(
                Verdict.CLEAN,
                "clean",
                List.of(),
                false,
                Diagnosis.Bottleneck.NONE,
                Diagnosis.Confidence.HIGH,
                List.of(),
                List.of());
        return RunSummary.of(
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:01:00Z"),
                Map.of(),
                new RunEvidence(stats, null, pool, null, null),
                d,
                null);
    }

    private RunSummary roundTrip(RunSummary s, String name) {
        Path file = dir.resolve(name + ".json");
        s.write(file, Redactor::redact);
        return RunSummary.read(file);
    }
}
