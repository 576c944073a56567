package obp.loadtest.merge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import obp.loadtest.verdict.Calibration;
import obp.loadtest.verdict.EndpointStats;
import obp.loadtest.verdict.GeneratorEvidence;
import obp.loadtest.verdict.PoolEvidence;
import obp.loadtest.verdict.RunEvidence;
import obp.loadtest.verdict.RunSummary;
import obp.loadtest.verdict.RunSummary.EndpointSummary;
import obp.loadtest.verdict.RunSummary.PoolPoint;
import obp.loadtest.verdict.RunSummary.PoolSummary;
import obp.loadtest.verdict.SweepStats;

/**
 * Several generators' summaries made into the evidence of one run, exactly: per endpoint the latency
 * histograms are added (so percentiles are those of one histogram of every request), counts, statuses,
 * outcomes and timeout causes are summed, maxima kept; the pool series are merged by time; each
 * endpoint's calibration baseline is the median of the shards' baselines. What cannot be merged exactly
 * is left out rather than averaged: the per-second timeline (its points hold percentiles), and the
 * generator section, which is the busiest shard's (the verdict only asks whether some generator was the
 * limit). Pure: no files, no clock.
 */
public final class SummaryMerge {

    private SummaryMerge() {}

    /** The evidence of all shards as one run; a summary that lacks a histogram is an IllegalArgumentException. */
    public static RunEvidence evidence(List<RunSummary> shards, long slowMs) {
        if (shards.isEmpty()) throw new IllegalArgumentException("nothing to merge");
        return new RunEvidence(stats(shards), calibration(shards, slowMs), pool(shards), generator(shards), null);
    }

    /** Every shard's endpoints added up, in the order endpoints first appear. */
    public static SweepStats stats(List<RunSummary> shards) {
        Map<String, List<EndpointSummary>> byName = new LinkedHashMap<>();
        for (RunSummary s : shards) {
            for (EndpointSummary e : s.endpoints())
                byName.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(e);
        }
        SweepStats stats = new SweepStats();
        byName.forEach((name, parts) -> stats.add(endpoint(name, parts)));
        return stats;
    }

    static EndpointStats endpoint(String name, List<EndpointSummary> parts) {
        EndpointSummary first = parts.get(0);
        EndpointStats merged = new EndpointStats(name, first.group(), first.stallProbe());
        for (EndpointSummary e : parts) {
            if (e.histogram() == null) {
                if (e.count() == 0) continue;
                throw new IllegalArgumentException("endpoint " + name + " has no latency histogram in one summary"
                        + " (written by a version that cannot be merged)");
            }
            merged.add(e);
        }
        return merged;
    }

    /**
     * Each endpoint's baseline: the median of the shards' baselines (each shard calibrated alone against the
     * same server); failed alone when any shard saw it fail alone. Null when no shard calibrated.
     */
    static Calibration calibration(List<RunSummary> shards, long slowMs) {
        Calibration c = new Calibration(slowMs);
        boolean any = false;
        for (RunSummary s : shards) {
            for (EndpointSummary e : s.endpoints()) {
                if (e.baselineMs() == null) continue;
                c.record(e.name(), e.baselineMs(), !Boolean.TRUE.equals(e.baselineFailed()));
                any = true;
            }
        }
        c.finish();
        return any ? c : null;
    }

    /**
     * The pool as every shard saw it, samples merged by time (ms since each shard's sweep began: shards of one
     * run start together). Unavailable only when no shard could sample it.
     */
    static PoolEvidence pool(List<RunSummary> shards) {
        List<PoolSummary> pools =
                shards.stream().map(RunSummary::pool).filter(p -> p != null).toList();
        long interval = pools.stream()
                .mapToLong(PoolSummary::sampleIntervalMs)
                .filter(v -> v > 0)
                .min()
                .orElse(1000);
        PoolEvidence merged = new PoolEvidence(Duration.ofMillis(interval));
        List<PoolSummary> available =
                pools.stream().filter(PoolSummary::available).toList();
        if (available.isEmpty()) {
            merged.unavailable(
                    pools.isEmpty() || pools.get(0).unavailableReason() == null
                            ? "not sampled"
                            : pools.get(0).unavailableReason());
            return merged;
        }
        long connectionTimeoutMs = available.stream()
                .mapToLong(PoolSummary::connectionTimeoutMs)
                .max()
                .orElse(0);
        List<PoolPoint> series = new ArrayList<>();
        for (PoolSummary p : available) if (p.series() != null) series.addAll(p.series());
        series.sort(Comparator.comparingLong(PoolPoint::tMs));
        for (PoolPoint p : series) {
            if (p.ok()) {
                merged.sample(
                        p.tMs(),
                        n(p.active()),
                        n(p.idle()),
                        n(p.total()),
                        n(p.waiting()),
                        n(p.max()),
                        connectionTimeoutMs,
                        p.inFlight(),
                        p.sampleMs());
            } else {
                merged.failedSample(p.tMs(), p.reason(), p.inFlight(), p.sampleMs());
            }
        }
        return merged;
    }

    /** The busiest shard's generator reading: whether any generator was the limit is what the verdict weighs. */
    static GeneratorEvidence generator(List<RunSummary> shards) {
        RunSummary.GeneratorSummary busiest = shards.stream()
                .map(RunSummary::generator)
                .filter(g -> g != null)
                .max(Comparator.comparingDouble(RunSummary.GeneratorSummary::cpuShareMean)
                        .thenComparingLong(RunSummary.GeneratorSummary::lagP99Ms))
                .orElse(null);
        if (busiest == null) return null;
        GeneratorEvidence g = new GeneratorEvidence(busiest.sharesJvmWithServer());
        g.cpu(busiest.cpuShareMean(), busiest.machineShareMean());
        g.lag(busiest.lagP99Ms());
        return g;
    }

    private static int n(Integer v) {
        return v == null ? 0 : v;
    }
}
