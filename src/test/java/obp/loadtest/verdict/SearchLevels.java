package obp.loadtest.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The capacity search's accounting: the v7 workers step up level by level (1, 2, 4, 8… workers, each
 * level held for a fixed step), and every measured request is put into the level it completed in, by
 * its time on the sweep clock against the known schedule. Each level keeps its own per-endpoint
 * statistics, so the verdict rules can judge one level alone. A level fails on a timeout, an
 * unexpected status or a connection error outside the stall probe. Thread-safe; no Gatling, no I/O.
 */
public final class SearchLevels {

    /** Below this share of the workers, Little's law says the requests in flight were fewer than the workers. */
    public static final double LITTLE_MIN_RATIO = 0.7;
    /** A level's throughput "still grew" when it is at least this many times the previous level's. */
    public static final double GROWTH_RATIO = 1.1;

    private final List<Integer> workers;
    private final long stepMs;
    private final Level[] levels;
    /** Sweep-clock ms at which the first level began; Long.MIN_VALUE until the first worker started. */
    private final AtomicLong originMs = new AtomicLong(Long.MIN_VALUE);

    private volatile int failedLevel = -1;

    private static final class Level {
        final SweepStats stats = new SweepStats();
        final Histogram durations = EndpointStats.emptyHistogram();
        long lastMs = Long.MIN_VALUE;
        long errors;
        long timeouts;
    }

    public SearchLevels(List<Integer> workers, long stepMs) {
        if (workers.isEmpty()) throw new IllegalArgumentException("a search needs at least one level");
        if (stepMs <= 0) throw new IllegalArgumentException("step must be positive, got " + stepMs);
        this.workers = List.copyOf(workers);
        this.stepMs = stepMs;
        levels = new Level[workers.size()];
        for (int i = 0; i < levels.length; i++) levels[i] = new Level();
    }

    /** The first worker started now (sweep-clock ms): the schedule counts from here. Later calls do nothing. */
    public void begin(long tMs) {
        originMs.compareAndSet(Long.MIN_VALUE, tMs);
    }

    /** The level a completion at {@code tMs} (sweep clock) belongs to, or -1 before the search or after its last level. */
    public int levelAt(long tMs) {
        long origin = originMs.get();
        if (origin == Long.MIN_VALUE || tMs < origin) return -1;
        long index = (tMs - origin) / stepMs;
        return index < levels.length ? (int) index : -1;
    }

    /** The workers of the level running at {@code tMs} (sweep clock), or 0 outside the search's levels. */
    public int workersAt(long tMs) {
        int level = levelAt(tMs);
        return level < 0 ? 0 : workers.get(level);
    }

    /** One measured request, as the recorder classified it. */
    public void record(
            long tMs,
            String endpoint,
            String group,
            boolean stallProbe,
            int status,
            String versionServed,
            long durationMs,
            Classification c) {
        int i = levelAt(tMs);
        if (i < 0) return;
        Level level = levels[i];
        level.stats.endpoint(endpoint, group, stallProbe).record(status, versionServed, durationMs, c);
        synchronized (level) {
            level.lastMs = Math.max(level.lastMs, tMs);
            if (stallProbe) return;
            level.durations.recordValue(Math.max(0, Math.min(durationMs, EndpointStats.HIGHEST_MS)));
            switch (c.outcome()) {
                case TIMEOUT -> level.timeouts++;
                case UNEXPECTED_STATUS, CONNECTION_ERROR -> level.errors++;
                default -> {
                    return;
                }
            }
        }
        synchronized (this) {
            if (failedLevel < 0 || i < failedLevel) failedLevel = i;
        }
    }

    /** True once a level has failed: the search has found its breaking point and the load can stop. */
    public boolean failed() {
        return failedLevel >= 0;
    }

    /** One level's numbers, as reported. inflation is -1 without a calibrated baseline. */
    public record Row(
            int level,
            int workers,
            long startMs,
            long requests,
            double throughput,
            long p50Ms,
            long p95Ms,
            double meanMs,
            long errors,
            long timeouts,
            int poolSamples,
            int poolMaxActive,
            int poolMaxWaiting,
            double inflation,
            boolean inflated,
            double inFlight,
            boolean generatorLimited,
            boolean failed,
            String verdict) {}

    /** The search's result: the levels that ran, the knee and the breaking point. Null fields were not found. */
    public record Result(
            List<Row> rows, int maxWorkers, long baselineMs, Row lastGrowing, Row firstPressure, Row breaking) {

        /** "knee: …" as printed. */
        public String kneeLine() {
            String grew = lastGrowing == null
                    ? "throughput never grew past the first level"
                    : "throughput grew up to " + lastGrowing.workers() + " workers (" + rate(lastGrowing.throughput())
                            + " req/s)";
            String pressure = firstPressure == null
                    ? "no pool queueing or inflated latency up to " + maxWorkers + " workers"
                    : "pressure from " + firstPressure.workers() + " workers (" + pressureWhy(firstPressure) + ")";
            return "knee: " + grew + "; " + pressure;
        }

        /** "breaking point: …" as printed. */
        public String breakingLine() {
            if (breaking == null) return "breaking point: none up to " + maxWorkers + " workers";
            return "breaking point: " + breaking.workers() + " workers — " + breaking.verdict() + " ("
                    + breaking.timeouts() + " timeouts, " + breaking.errors() + " errors)";
        }

        private static String pressureWhy(Row r) {
            List<String> why = new ArrayList<>();
            if (r.poolMaxWaiting() > 0) why.add("pool waiting " + r.poolMaxWaiting());
            if (r.inflated())
                why.add("p95 " + String.format(java.util.Locale.ROOT, "%.1f", r.inflation()) + "× baseline");
            return String.join(", ", why);
        }

        /** The table of levels, one row per level that ran. */
        public String table() {
            StringBuilder out = new StringBuilder("capacity search (v7 workers, one level per step)\n");
            out.append(String.format(
                    java.util.Locale.ROOT,
                    "%7s %8s %8s %7s %7s %6s %8s %7s %8s %9s %9s%n",
                    "workers",
                    "requests",
                    "req/s",
                    "p50",
                    "p95",
                    "errors",
                    "timeouts",
                    "pool",
                    "waiting",
                    "inflation",
                    "in flight"));
            for (Row r : rows) {
                out.append(String.format(
                        java.util.Locale.ROOT,
                        "%7d %8d %8s %7s %7s %6d %8d %7s %8s %9s %9s%s%n",
                        r.workers(),
                        r.requests(),
                        rate(r.throughput()),
                        r.p50Ms() + "ms",
                        r.p95Ms() + "ms",
                        r.errors(),
                        r.timeouts(),
                        r.poolSamples() == 0 ? "-" : Integer.toString(r.poolMaxActive()),
                        r.poolSamples() == 0 ? "-" : Integer.toString(r.poolMaxWaiting()),
                        r.inflation() < 0 ? "-" : String.format(java.util.Locale.ROOT, "%.1f×", r.inflation()),
                        String.format(java.util.Locale.ROOT, "%.1f", r.inFlight()),
                        (r.generatorLimited()
                                        ? "  (Little's law: fewer in flight than workers — generator or network limited)"
                                        : "")
                                + (r.failed() ? "  FAILED: " + r.verdict() : "")));
            }
            return out.toString().stripTrailing();
        }
    }

    /** The search's JSON section: plain maps and lists, so the summary writer needs no new types. */
    public static Map<String, Object> json(Result r) {
        List<Object> levels = new ArrayList<>();
        for (Row row : r.rows()) {
            var m = new java.util.LinkedHashMap<String, Object>();
            m.put("workers", row.workers());
            m.put("start_ms", row.startMs());
            m.put("requests", row.requests());
            m.put("throughput_per_s", round(row.throughput()));
            m.put("p50_ms", row.p50Ms());
            m.put("p95_ms", row.p95Ms());
            m.put("mean_ms", round(row.meanMs()));
            m.put("errors", row.errors());
            m.put("timeouts", row.timeouts());
            if (row.poolSamples() > 0) {
                m.put("pool_max_active", row.poolMaxActive());
                m.put("pool_max_waiting", row.poolMaxWaiting());
            }
            if (row.inflation() >= 0) m.put("inflation", round(row.inflation()));
            m.put("inflated", row.inflated());
            m.put("in_flight", round(row.inFlight()));
            m.put("generator_limited", row.generatorLimited());
            m.put("failed", row.failed());
            if (row.verdict() != null) m.put("verdict", row.verdict());
            levels.add(m);
        }
        var out = new java.util.LinkedHashMap<String, Object>();
        out.put("max_workers", r.maxWorkers());
        if (r.baselineMs() >= 0) out.put("baseline_ms", r.baselineMs());
        out.put("levels", levels);
        var knee = new java.util.LinkedHashMap<String, Object>();
        if (r.lastGrowing() != null)
            knee.put("last_growing_workers", r.lastGrowing().workers());
        if (r.firstPressure() != null)
            knee.put("first_pressure_workers", r.firstPressure().workers());
        knee.put("line", r.kneeLine());
        out.put("knee", knee);
        var breaking = new java.util.LinkedHashMap<String, Object>();
        breaking.put("found", r.breaking() != null);
        if (r.breaking() != null) {
            breaking.put("workers", r.breaking().workers());
            breaking.put("verdict", r.breaking().verdict());
        }
        breaking.put("line", r.breakingLine());
        out.put("breaking_point", breaking);
        return out;
    }

    /**
     * Judges every level that ran: its pool samples (by time), inflation against the median calibrated
     * baseline, Little's law, and for a failed level the verdict the rules give on its statistics alone.
     */
    public Result result(PoolEvidence pool, Calibration calibration, VerdictRules rules) {
        long baseline = medianBaseline(calibration);
        long origin = originMs.get();
        List<PoolEvidence.Sample> samples = pool == null ? List.of() : pool.series();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < levels.length && origin != Long.MIN_VALUE; i++) {
            Level level = levels[i];
            long start = origin + i * stepMs;
            long end = start + stepMs;
            long requests;
            long p50;
            long p95;
            double mean;
            long errors;
            long timeouts;
            long lastMs;
            synchronized (level) {
                requests = level.durations.getTotalCount();
                p50 = requests == 0 ? 0 : level.durations.getValueAtPercentile(50);
                p95 = requests == 0 ? 0 : level.durations.getValueAtPercentile(95);
                mean = requests == 0 ? 0 : level.durations.getMean();
                errors = level.errors;
                timeouts = level.timeouts;
                lastMs = level.lastMs;
            }
            if (lastMs == Long.MIN_VALUE) break; // the search stopped before this level
            boolean failed = errors + timeouts > 0;
            // A level cut short (the search stopped in it) is measured over the time it ran.
            long ranMs = failed && i == failedLevel ? Math.max(1, lastMs - start) : stepMs;
            double throughput = requests * 1000.0 / ranMs;
            PoolEvidence levelPool = pool == null ? null : new PoolEvidence(pool.sampleInterval());
            int poolSamples = 0;
            int maxActive = 0;
            int maxWaiting = 0;
            for (PoolEvidence.Sample s : samples) {
                if (s.tMs() < start || s.tMs() >= end) continue;
                if (s.ok()) {
                    levelPool.sample(
                            s.tMs(),
                            s.active(),
                            s.idle(),
                            s.total(),
                            s.waiting(),
                            s.max(),
                            pool.connectionTimeoutMs(),
                            s.inFlight(),
                            s.sampleMs());
                    poolSamples++;
                    maxActive = Math.max(maxActive, s.active());
                    maxWaiting = Math.max(maxWaiting, s.waiting());
                } else {
                    levelPool.failedSample(s.tMs(), s.reason(), s.inFlight(), s.sampleMs());
                }
            }
            double inflation = baseline < 0 ? -1 : (double) p95 / Math.max(baseline, 1);
            boolean inflated =
                    baseline >= 0 && requests > 0 && rules.thresholds().inflated(p95, baseline);
            double inFlight = throughput * mean / 1000.0;
            int n = workers.get(i);
            boolean limited = requests > 0 && !failed && inFlight < LITTLE_MIN_RATIO * n;
            String verdict = null;
            if (failed) {
                Diagnosis d = rules.decide(new RunEvidence(level.stats, calibration, levelPool, null, null));
                verdict = d.verdict().name();
            }
            rows.add(new Row(
                    i,
                    n,
                    start,
                    requests,
                    throughput,
                    p50,
                    p95,
                    mean,
                    errors,
                    timeouts,
                    poolSamples,
                    maxActive,
                    maxWaiting,
                    inflation,
                    inflated,
                    inFlight,
                    limited,
                    failed,
                    verdict));
            if (failed) break;
        }
        return summarize(rows, workers.get(workers.size() - 1), baseline);
    }

    /** The knee and the breaking point from the rows (pure, for tests). */
    public static Result summarize(List<Row> rows, int maxWorkers, long baselineMs) {
        Row lastGrowing = null;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            boolean grew =
                    i == 0 || r.throughput() >= GROWTH_RATIO * rows.get(i - 1).throughput();
            if (!grew || r.inflated() || r.failed()) break;
            lastGrowing = r;
        }
        Row firstPressure = rows.stream()
                .filter(r -> r.poolMaxWaiting() > 0 || r.inflated())
                .findFirst()
                .orElse(null);
        Row breaking = rows.stream().filter(Row::failed).findFirst().orElse(null);
        return new Result(List.copyOf(rows), maxWorkers, baselineMs, lastGrowing, firstPressure, breaking);
    }

    /** The median of the calibrated baselines (endpoints that failed alone left out), -1 without calibration. */
    static long medianBaseline(Calibration calibration) {
        if (calibration == null) return -1;
        List<Long> ms = new ArrayList<>();
        for (Calibration.Baseline b : calibration.baselines().values()) if (!b.failedAlone()) ms.add(b.ms());
        if (ms.isEmpty()) return -1;
        ms.sort(null);
        return ms.get((ms.size() - 1) / 2);
    }

    private static String rate(double perSecond) {
        return String.format(java.util.Locale.ROOT, "%.1f", perSecond);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
