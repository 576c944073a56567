package obp.loadtest.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import obp.loadtest.obp.ServerFacts;

/**
 * The machine-readable summary every run writes (docs/summary-schema.md): settings with secrets
 * masked, per-endpoint statistics, pool evidence, the verdict, and an optional baseline comparison.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSummary(
        String schema,
        int schemaVersion,
        String started,
        String finished,
        Map<String, Object> settings,
        List<EndpointSummary> endpoints,
        PoolSummary pool,
        VerdictSummary verdict,
        GeneratorSummary generator,
        TimelineSummary timeline,
        BaselineComparison comparison,
        FixtureReport fixture,
        ServerFacts.Report server,
        ShardSection shard,
        long interrupted) {

    public static final String SCHEMA = "obp-loadtest/summary";
    public static final int SCHEMA_VERSION = 2;
    /** Versions this reader understands: version 1 files still serve as baselines. */
    static final Set<Integer> READABLE_VERSIONS = Set.of(1, 2);

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Newer writers may add fields within schema version 1; readers ignore what they do not know.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One endpoint's statistics; percentiles and durations in ms. Timeout min/max are absent when none timed out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EndpointSummary(
            String name,
            String group,
            boolean stallProbe,
            long count,
            long p50Ms,
            long p95Ms,
            long p99Ms,
            long maxMs,
            double meanMs,
            Map<Integer, Long> statuses,
            Map<Outcome, Long> outcomes,
            long slow,
            long timeouts,
            long connectionErrors,
            long unexpectedStatuses,
            List<String> versionsServed,
            Long timeoutMinMs,
            Long timeoutMaxMs,
            Map<TimeoutCause, Long> timeoutCauses,
            Long baselineMs,
            Double inflation,
            Boolean baselineFailed,
            Boolean problem,
            String histogram) {

        public static EndpointSummary of(EndpointStats e, Calibration.Baseline b, boolean problem) {
            return of(e, b, problem, true);
        }

        /** The same, without the encoded histogram when {@code histogram} is false (encoding it is most of the cost). */
        static EndpointSummary of(EndpointStats e, Calibration.Baseline b, boolean problem, boolean histogram) {
            boolean timedOut = e.timeouts() > 0;
            Double inflation = b == null ? null : Math.round(10.0 * e.p95Ms() / Math.max(1, b.ms())) / 10.0;
            return new EndpointSummary(
                    e.name(),
                    e.group(),
                    e.stallProbe(),
                    e.count(),
                    e.p50Ms(),
                    e.p95Ms(),
                    e.p99Ms(),
                    e.maxMs(),
                    Math.round(e.meanMs() * 10) / 10.0,
                    e.statuses(),
                    e.outcomes(),
                    e.slow(),
                    e.timeouts(),
                    e.connectionErrors(),
                    e.unexpectedStatuses(),
                    List.copyOf(e.versionsServed()),
                    timedOut ? e.timeoutMinMs() : null,
                    timedOut ? e.timeoutMaxMs() : null,
                    e.timeoutCauses(),
                    b == null ? null : b.ms(),
                    inflation,
                    b == null ? null : b.failedAlone(),
                    problem,
                    histogram ? e.encodedHistogram() : null);
        }
    }

    /** What the pool endpoint showed; available=false with a reason when it was never sampled. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PoolSummary(
            boolean available,
            String unavailableReason,
            long sampleIntervalMs,
            long samples,
            long failedSamples,
            int maxActive,
            int maxWaiting,
            int maximumPoolSize,
            double secondsSaturated,
            long slowestSampleMs,
            Map<String, Long> failureReasons,
            long connectionTimeoutMs,
            List<PoolPoint> series,

            @com.fasterxml.jackson.annotation.JsonProperty("after_load_t_ms")
            Long afterLoadTMs) {

        public static PoolSummary of(PoolEvidence pool) {
            if (pool == null) {
                return new PoolSummary(false, "not sampled", 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0, List.of(), null);
            }
            PoolEvidence.Sample afterLoad = pool.afterLoadSample();
            return new PoolSummary(
                    pool.available(),
                    pool.unavailableReason(),
                    pool.sampleInterval().toMillis(),
                    pool.samples(),
                    pool.failedSamples(),
                    pool.maxActive(),
                    pool.maxWaiting(),
                    pool.maximumPoolSize(),
                    pool.secondsSaturated(),
                    pool.slowestSampleMs(),
                    pool.failureReasons(),
                    pool.connectionTimeoutMs(),
                    pool.series().stream().map(PoolPoint::of).toList(),
                    afterLoad == null ? null : afterLoad.tMs());
        }
    }

    /** One pool sample: t_ms since the sweep began (negative during calibration); counters absent when ok is false. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PoolPoint(
            long tMs,
            boolean ok,
            Integer active,
            Integer idle,
            Integer total,
            Integer waiting,
            Integer max,
            int inFlight,
            long sampleMs,
            String reason) {

        static PoolPoint of(PoolEvidence.Sample s) {
            return s.ok()
                    ? new PoolPoint(
                            s.tMs(),
                            true,
                            s.active(),
                            s.idle(),
                            s.total(),
                            s.waiting(),
                            s.max(),
                            s.inFlight(),
                            s.sampleMs(),
                            null)
                    : new PoolPoint(
                            s.tMs(), false, null, null, null, null, null, s.inFlight(), s.sampleMs(), s.reason());
        }
    }

    /** This generator's own load during the sweep; limited means it, not the server, may have been the limit. */
    public record GeneratorSummary(
            double cpuShareMean,
            double cpuShareMax,
            double machineShareMean,
            long lagP99Ms,
            long lagMaxMs,
            boolean limited,
            boolean sharesJvmWithServer) {

        public static GeneratorSummary of(GeneratorEvidence g) {
            if (g == null) return null;
            return new GeneratorSummary(
                    round2(g.cpuShareMean()),
                    round2(g.cpuShareMax()),
                    round2(g.machineShareMean()),
                    g.lagP99Ms(),
                    g.lagMaxMs(),
                    g.limited(),
                    g.sharesJvmWithServer());
        }
    }

    /** Latency over time per group (one point a second) and the moments that matter, in ms since the sweep began. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TimelineSummary(long bucketMs, List<TimelineGroup> groups, Map<String, Long> marks) {

        public static TimelineSummary of(Timeline t) {
            if (t == null) return null;
            List<TimelineGroup> groups = t.points().entrySet().stream()
                    .map(g -> new TimelineGroup(g.getKey(), g.getValue()))
                    .toList();
            Map<String, Long> marks = new LinkedHashMap<>();
            t.marks().forEach((mark, ms) -> marks.put(mark.key, ms));
            return new TimelineSummary(Timeline.BUCKET_MS, groups, marks);
        }
    }

    public record TimelineGroup(String group, List<Timeline.Point> points) {}

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /**
     * Which shard of which run this summary is (absent for a whole run): ./run.sh merge accepts shards that share
     * run_id and shape and together are 1..count. A merged summary carries merged_from (how many shards) instead.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ShardSection(String runId, Integer index, int count, String shape, Integer mergedFrom) {}

    /** The diagnosis as written: name is the {@link Verdict} constant. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VerdictSummary(
            String name,
            String headline,
            List<String> evidence,
            boolean failure,
            int exitCode,
            String bottleneck,
            String confidence,
            List<String> caveats) {

        public static VerdictSummary of(Diagnosis d) {
            return new VerdictSummary(
                    d.verdict().name(),
                    d.headline(),
                    d.evidence(),
                    d.failure(),
                    d.exitCode(),
                    d.bottleneck().label(),
                    d.confidence().label(),
                    d.caveats());
        }
    }

    /** Builds the summary of a run; settings must already be masked ({@code config/Settings.masked}); comparison may be null. */
    public static RunSummary of(
            Instant started,
            Instant finished,
            Map<String, Object> maskedSettings,
            RunEvidence ev,
            Diagnosis diagnosis,
            BaselineComparison comparison) {
        return of(started, finished, maskedSettings, ev, diagnosis, comparison, true);
    }

    /**
     * The summary of a run still going, for the live page (report/LiveDashboard): not finished, and without the
     * endpoints' encoded histograms (for merging shards; encoding them once a second would be most of its cost).
     */
    public static RunSummary sofar(
            Instant started, Map<String, Object> maskedSettings, RunEvidence ev, Diagnosis diagnosis) {
        return of(started, null, maskedSettings, ev, diagnosis, null, false);
    }

    private static RunSummary of(
            Instant started,
            Instant finished,
            Map<String, Object> maskedSettings,
            RunEvidence ev,
            Diagnosis diagnosis,
            BaselineComparison comparison,
            boolean histograms) {
        java.util.Set<String> problems = new java.util.HashSet<>(diagnosis.endpoints());
        List<EndpointSummary> endpoints = ev.stats().all().stream()
                .map(e -> EndpointSummary.of(e, ev.baseline(e.name()), problems.contains(e.name()), histograms))
                .toList();
        return new RunSummary(
                SCHEMA,
                SCHEMA_VERSION,
                started.toString(),
                finished == null ? null : finished.toString(),
                new LinkedHashMap<>(maskedSettings),
                endpoints,
                PoolSummary.of(ev.pool()),
                VerdictSummary.of(diagnosis),
                GeneratorSummary.of(ev.generator()),
                TimelineSummary.of(ev.timeline()),
                comparison,
                null,
                null,
                null,
                0);
    }

    /** This summary with what the run created and removed on the server (absent when setup never ran). */
    public RunSummary withFixture(FixtureReport newFixture) {
        return with(newFixture, server, shard, interrupted);
    }

    /** This summary with what the preflight learnt of the server (absent when it never answered). */
    public RunSummary withServer(ServerFacts.Report newServer) {
        return with(fixture, newServer, shard, interrupted);
    }

    /** This summary marked as one shard of a run, or as the merge of a run's shards (null: a whole run). */
    public RunSummary withShard(ShardSection newShard) {
        return with(fixture, server, newShard, interrupted);
    }

    /** This summary with the requests cut off by a stop: in flight at it, in none of the statistics. */
    public RunSummary withInterrupted(long count) {
        return with(fixture, server, shard, count);
    }

    /** This summary with the sections written after the verdict replaced: what the run left, the server, which shard it is. */
    private RunSummary with(
            FixtureReport newFixture, ServerFacts.Report newServer, ShardSection newShard, long newInterrupted) {
        return new RunSummary(
                schema,
                schemaVersion,
                started,
                finished,
                settings,
                endpoints,
                pool,
                verdict,
                generator,
                timeline,
                comparison,
                newFixture,
                newServer,
                newShard,
                newInterrupted);
    }

    /**
     * This summary as a JSON tree, the value a run completes in memory (the capacity search, the thresholds, the
     * history) before its one write ({@link #write(Path, JsonNode, UnaryOperator)}) and every renderer reads.
     */
    public ObjectNode toTree() {
        return JSON.valueToTree(this);
    }

    /** A section of the summary as the summary writes it (snake_case): the fixture added after a stop's cleanup. */
    public static JsonNode section(Object value) {
        return JSON.valueToTree(value);
    }

    /** The summary's text as written: the tree as JSON, through {@code redact}, one line feed at the end. */
    public static String text(JsonNode tree, UnaryOperator<String> redact) {
        try {
            return redact.apply(JSON.writeValueAsString(tree)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary cannot be written as JSON", e);
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary cannot be written as JSON", e);
        }
    }

    /**
     * Writes the summary, replacing the file in one move so an interrupted write never leaves half a file.
     * The JSON passes through {@code redact} on its way out: the run's and the merge's {@code report/Redactor}.
     */
    public void write(Path file, UnaryOperator<String> redact) {
        write(file, toTree(), redact);
    }

    /**
     * The one write of a summary file (a run's, through run/RunResult, once; a merge's): {@link #text} in one
     * atomic move ({@link SharedFile}).
     */
    public static void write(Path file, JsonNode tree, UnaryOperator<String> redact) {
        try {
            SharedFile.write(file, text(tree, redact));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write summary " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a summary written by this or a compatible version; a bad file is an IllegalArgumentException saying why. */
    public static RunSummary read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("summary " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("summary " + file + " cannot be read: " + e.getMessage());
        }
        RunSummary summary;
        try {
            summary = JSON.readValue(text, RunSummary.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("summary " + file + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (summary == null || !SCHEMA.equals(summary.schema())) {
            throw new IllegalArgumentException(
                    "summary " + file + " is not an obp-loadtest summary (no \"schema\": \"" + SCHEMA + "\")");
        }
        if (!READABLE_VERSIONS.contains(summary.schemaVersion())) {
            throw new IllegalArgumentException("summary " + file + " has schema_version " + summary.schemaVersion()
                    + "; this version reads 1 and " + SCHEMA_VERSION);
        }
        if (summary.endpoints() == null || summary.verdict() == null) {
            throw new IllegalArgumentException("summary " + file + " lacks \"endpoints\" or \"verdict\"");
        }
        return summary;
    }
}
