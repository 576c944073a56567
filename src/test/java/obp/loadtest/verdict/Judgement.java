package obp.loadtest.verdict;

import static obp.loadtest.verdict.VerdictRules.human;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import obp.loadtest.verdict.Diagnosis.Confidence;
import obp.loadtest.verdict.TimeoutCause.Family;

/**
 * One decision: a run's evidence read once into the figures the {@link Rule}s test, the evidence and caveats
 * they add, and the end every verdict shares (the pool's state, the first timeout, the caveats, pass or fail).
 * Not thread-safe: one per {@link VerdictRules#decide}.
 */
final class Judgement {

    /** The endpoint a dev instance without the stored-procedure connector stalls on. */
    static final String KNOWN_DEV_CASE = "this is the stall probe: on a dev instance without the stored-procedure"
            + " connector it waits on a connector that never answers — the known dev-instance case";
    /** Fewer measured requests than this on an endpoint the verdict rests on is a small sample. */
    static final int SMALL_SAMPLE = 20;
    /** Endpoints a policy rule lists one by one; the rest are counted. */
    static final int ENDPOINTS_LISTED = 5;
    /** The sweep's pool endpoint, by its report name. */
    static final String POOL_ENDPOINT = "GET /system/database/pool";

    final VerdictThresholds thresholds;
    final RunEvidence ev;
    final SweepStats stats;
    final PoolView pool;
    final GeneratorEvidence generator;
    final List<EndpointStats> measured;
    final List<String> evidence = new ArrayList<>();
    final List<String> caveats = new ArrayList<>();
    final List<EndpointStats> decisive = new ArrayList<>();

    // --- the figures the rules test, read once ---

    final long total;
    final boolean failure;
    /** Slow, inflated, timing out or erring. */
    final List<EndpointStats> problems;

    final List<EndpointStats> timingOut;
    final List<EndpointStats> erring;
    final long refused;
    /** 504s are hangs rather than starvation: the pool was visible and never under pressure. */
    final boolean gatewayIsHang;

    final List<EndpointStats> atCap;
    final List<EndpointStats> hung;
    final long capCount;
    final long dbCount;
    final long hangCount;
    /** Measured endpoints outside the stall probe. */
    final long ordinary;
    /**
     * A DB-level hang hits the few endpoints that touch the locked rows; hangs spread over nearly every endpoint
     * are an overloaded server (or generator) dropping connections, judged by latency.
     */
    final boolean hangsEverywhere;

    /** What the server refused by policy: rate limits, load shedding. */
    final ServerRefusals refusals;
    /** The measured requests a rate limit refused, and those the server shed. */
    final long rateLimited;

    final long shed;
    /** Timeouts, unexpected statuses and connection errors outside the stall probe. */
    final long failures;
    /** Requests the client gave up on (or the server's deadline answered) whose handlers may still hold connections. */
    final long abandoned;
    /** The run fails for its leak alone. */
    private boolean failureByLeak;
    /** The pool endpoint answered only 403/404 in the sweep: no pool to read, left out of pass/fail; null otherwise. */
    final EndpointStats unreadablePool;

    Judgement(RunEvidence ev, VerdictThresholds thresholds) {
        this.thresholds = thresholds;
        this.ev = ev;
        this.stats = ev.stats();
        this.pool = PoolView.of(ev.pool());
        this.generator = ev.generator();
        unreadablePool = stats.measured().stream()
                .filter(e -> e.name().equals(POOL_ENDPOINT) && unreadable(e))
                .findFirst()
                .orElse(null);
        this.measured = filter(stats.measured(), e -> e != unreadablePool);
        total = stats.totalCount();
        failure = isFailure(measured);
        problems = filter(measured, this::hasProblem);
        timingOut = filter(measured, e -> e.timeouts() > 0);
        erring = filter(measured, e -> e.unexpectedStatuses() + e.connectionErrors() > 0);
        refused = stats.total(Outcome.CONNECTION_ERROR);
        gatewayIsHang = pool.visible && !pool.pressure();
        atCap = filter(timingOut, e -> capTimeouts(e) > 0);
        hung = filter(timingOut, e -> hangTimeouts(e) + e.timeouts(Family.DATABASE) > 0);
        capCount = sum(timingOut, this::capTimeouts);
        dbCount = sum(timingOut, e -> e.timeouts(Family.DATABASE));
        hangCount = sum(timingOut, this::hangTimeouts);
        ordinary = measured.stream().filter(e -> !e.stallProbe()).count();
        hangsEverywhere = dbCount == 0 && hung.size() > 3 && 2L * hung.size() >= ordinary;
        refusals = ev.refusals();
        rateLimited = refusals.rateLimitedCount(ServerRefusals.Phase.LOAD);
        shed = refusals.shedCount();
        List<EndpointStats> counted = filter(measured, e -> !e.stallProbe());
        failures = sum(counted, e -> e.timeouts() + e.unexpectedStatuses() + e.connectionErrors());
        abandoned = sum(
                measured,
                e -> e.timeouts(TimeoutCause.CLIENT)
                        + e.timeouts(TimeoutCause.DROPPED)
                        + e.timeouts(TimeoutCause.GATEWAY)
                        + e.timeouts(TimeoutCause.HANG));
    }

    /** Every answer was 403 or 404: the server has no pool endpoint for us, which is no fault of the load. */
    static boolean unreadable(EndpointStats e) {
        long refused = e.statuses().getOrDefault(403, 0L) + e.statuses().getOrDefault(404, 0L);
        return refused > 0 && refused == e.count();
    }

    /** The pool's connections were held by nothing once the load had ended. */
    boolean leaked() {
        return pool.leaked(abandoned);
    }

    /** The pool saturated with waiters in enough of the sweep's samples. */
    boolean poolContended() {
        return pool.contended(thresholds.poolShare());
    }

    /** What every verdict ends with, after the rule that named it. */
    Diagnosis diagnose(Rule.Finding found) {
        Verdict verdict = found.verdict();
        if (verdict == Verdict.POOL_STARVATION || verdict == Verdict.CONTENTION) addMultipleConnections();
        addTimeoutOnset();
        addSetupRateLimits(verdict);
        addGeneratorCaveats(verdict);
        addSampleCaveats();
        // A leak fails the run even before it has starved a request: the next run, or the next hour, will.
        boolean failure = this.failure || verdict == Verdict.CONNECTION_LEAK;
        failureByLeak = !this.failure && failure;
        evidence.add(failureLine(failure));
        String headline = found.headline() == null ? verdict.headline() : found.headline();
        List<String> pointedAt = verdict == Verdict.CLEAN
                ? List.of()
                : decisive.stream().map(EndpointStats::name).distinct().toList();
        return Diagnosis.of(
                verdict, headline, evidence, failure, found.bottleneck(), confidence(verdict), caveats, pointedAt);
    }

    // --- the rules' vocabulary ---

    long capTimeouts(EndpointStats e) {
        long cap = e.timeouts(Family.CAP);
        return gatewayIsHang ? cap - e.timeouts(TimeoutCause.GATEWAY) : cap;
    }

    long hangTimeouts(EndpointStats e) {
        return e.timeouts(Family.HANG) + (gatewayIsHang ? e.timeouts(TimeoutCause.GATEWAY) : 0);
    }

    /**
     * Fewer measured requests than this cannot show inflation: on two or three, one pause of the generator's
     * machine (a GC, a neighbour's build) is the p95. Slow requests and timeouts still count on any number.
     */
    static final int INFLATION_MIN_REQUESTS = 5;

    boolean inflated(EndpointStats e) {
        if (e.count() < INFLATION_MIN_REQUESTS) return false;
        Calibration.Baseline b = ev.baseline(e.name());
        if (b == null) return !ev.calibrated() && e.p95Ms() >= thresholds.spikeMs();
        return !b.failedAlone() && !b.slowAlone() && thresholds.inflated(e.p95Ms(), b.ms());
    }

    boolean hasProblem(EndpointStats e) {
        return e.timeouts() + e.slow() + e.unexpectedStatuses() + e.connectionErrors() > 0 || inflated(e);
    }

    /** Slow, inflated or timing out: the endpoint keeps its connection (or the server) busy. */
    boolean holdsConnection(EndpointStats e) {
        return e.timeouts() + e.slow() > 0 || inflated(e);
    }

    /** Timeouts, unexpected statuses or connection errors outside the stall probe; with strict, slow ones too. */
    boolean isFailure(List<EndpointStats> endpoints) {
        for (EndpointStats e : endpoints) {
            if (e.stallProbe()) continue;
            if (e.timeouts() + e.unexpectedStatuses() + e.connectionErrors() > 0
                    || (thresholds.strict() && e.slow() > 0)) {
                return true;
            }
        }
        return false;
    }

    long slowestP95() {
        return measured.stream().mapToLong(EndpointStats::p95Ms).max().orElse(0);
    }

    String inflationRule() {
        if (!ev.calibrated()) return "no calibration: a p95 of " + human(thresholds.spikeMs()) + " or more";
        return String.format(
                Locale.ROOT,
                "p95 at least %.0f× and %s above what it takes alone",
                thresholds.inflationFactor(),
                human(thresholds.inflationMin().toMillis()));
    }

    String capsKnown() {
        List<String> caps = new ArrayList<>();
        caps.add("client timeout " + human(thresholds.requestTimeout().toMillis()));
        caps.add(
                pool.acquireTimeoutMs > 0
                        ? "server acquire timeout " + human(pool.acquireTimeoutMs)
                        : "server acquire timeout unknown (pool not visible)");
        caps.add("504 endpoint deadline");
        return String.join(", ", caps);
    }

    void describeDecisive(EndpointStats e) {
        decisive.add(e);
        evidence.add(describe(e));
        // What the server said is the first thing a person asks about an unexpected status.
        if (e.firstUnexpected() != null) evidence.add(e.name() + " first answered: " + e.firstUnexpected());
    }

    String describe(EndpointStats e) {
        List<String> parts = new ArrayList<>();
        if (e.timeouts() > 0) {
            parts.add(e.timeouts() + " timed out at " + range(e.timeoutMinMs(), e.timeoutMaxMs()) + " ("
                    + causes(List.of(e)) + ")");
        }
        if (e.slow() > 0) parts.add(e.slow() + " slow");
        if (e.unexpectedStatuses() > 0) parts.add(e.unexpectedStatuses() + " unexpected statuses");
        if (e.connectionErrors() > 0) parts.add(e.connectionErrors() + " refused/reset");
        Calibration.Baseline b = ev.baseline(e.name());
        String alone = "";
        if (b != null) {
            alone = b.failedAlone()
                    ? " (already failing alone)"
                    : b.slowAlone()
                            ? " (already slow alone: " + human(b.ms()) + ")"
                            : String.format(
                                    Locale.ROOT,
                                    " (%s alone, %.0f×)",
                                    human(b.ms()),
                                    e.p95Ms() / (double) Math.max(1, b.ms()));
        }
        parts.add("p95 " + human(e.p95Ms()) + alone + ", max " + human(e.maxMs()));
        parts.add("statuses " + StatsTable.statuses(e.statuses()));
        return e.name() + ": " + e.count() + " requests, " + String.join(", ", parts);
    }

    void addOthers(List<EndpointStats> problems, List<EndpointStats> described) {
        problems.stream()
                .filter(e -> !described.contains(e))
                .forEach(e ->
                        evidence.add("also: " + e.name() + " p95 " + human(e.p95Ms()) + ", " + e.slow() + " slow"));
    }

    /** What the pool showed, and when it began. */
    void addPoolState() {
        PoolEvidence p = ev.pool();
        if (p == null) {
            evidence.add("pool: not sampled");
            return;
        }
        if (!p.available()) {
            evidence.add("pool: not sampled — " + p.unavailableReason());
            return;
        }
        String size = pool.poolSize > 0 ? " of " + pool.poolSize : "";
        if (pool.saturatedWithWaiters > 0) {
            evidence.add(String.format(
                    Locale.ROOT,
                    "pool: saturated with threads waiting in %d of %d samples (%s of the sweep), up to %d%s connections busy and %d threads waiting",
                    pool.saturatedWithWaiters,
                    pool.loadSamples,
                    percent(pool.saturatedWithWaiters, Math.max(1, pool.loadSamples)),
                    pool.maxActive,
                    size,
                    pool.maxWaiting));
            PoolEvidence.Sample first = pool.firstSaturated;
            evidence.add(String.format(
                    Locale.ROOT,
                    "pool saturated from %s on, at %d requests in flight",
                    seconds(first.tMs()),
                    first.inFlight()));
        } else if (p.samples() > 0) {
            evidence.add("pool: never saturated with threads waiting (at most " + pool.maxActive + size
                    + " connections busy, " + pool.maxWaiting + " waiting) over " + p.samples() + " samples");
        }
        if (p.failedSamples() > 0) {
            evidence.add("pool: " + p.failedSamples() + " samples got no answer ("
                    + String.join("; ", p.failureReasons().keySet())
                    + "); slowest sample " + human(p.slowestSampleMs())
                    + (pool.starvedSamples()
                            ? " — the pool endpoint needs a connection too, so failing samples under load are"
                                    + " evidence of starvation"
                            : ""));
        }
        if (p.samples() == 0 && p.failedSamples() == 0) evidence.add("pool: no samples taken");
    }

    /** Busy connections above requests in flight: each request holds more than one (OBP's rate-limit lookup). */
    void addMultipleConnections() {
        if (!pool.multipleConnectionsPerRequest()) return;
        PoolEvidence.Sample s = pool.busiestAboveInFlight;
        int perRequest = (int) Math.round(pool.connectionsPerRequest);
        int threads = Math.max(pool.maxInFlight, 1);
        long avoidLockUp = (long) threads * (perRequest - 1) + 1;
        long serveAll = (long) threads * perRequest;
        evidence.add(String.format(
                Locale.ROOT,
                "busy connections above requests in flight: about %.1f connections per request (e.g. %d busy with %d of this tool's"
                        + " requests in flight)%s; OBP's v7 request holds its transaction connection for its whole life and the"
                        + " rate-limit lookup takes a second one, so the pool saturates at about half its size in concurrent requests,"
                        + " and once requests in flight reach the pool size each can hold one connection while waiting for another"
                        + " (a lock-up: every request fails at the acquire timeout)",
                pool.connectionsPerRequest,
                s.active(),
                s.inFlight(),
                pool.background > 0 ? " beside " + pool.background + " busy with none in flight" : ""));
        evidence.add("HikariCP's sizing rule, pool ≥ threads × (connections per request − 1) + 1: at " + threads
                + " requests in flight the pool needs at least " + avoidLockUp
                + " connections to avoid locking up and "
                + serveAll + " to serve them all at once" + (pool.poolSize > 0 ? "; it has " + pool.poolSize : ""));
    }

    /** When latency first inflated, per the per-second timeline. */
    void addLatencyOnset() {
        Timeline t = ev.timeline();
        if (t == null || !ev.calibrated()) return;
        long firstMs = Long.MAX_VALUE;
        int inFlight = 0;
        String group = null;
        for (Map.Entry<String, List<Timeline.Point>> g : t.points().entrySet()) {
            long base = groupBaseline(g.getKey());
            if (base < 0) continue;
            for (Timeline.Point p : g.getValue()) {
                if (thresholds.inflated(p.p95Ms(), base) && p.count() >= 3) {
                    if (p.tS() * Timeline.BUCKET_MS < firstMs) {
                        firstMs = p.tS() * Timeline.BUCKET_MS;
                        inFlight = p.inFlight();
                        group = g.getKey();
                    }
                    break;
                }
            }
        }
        if (group != null) {
            evidence.add("latency inflated from " + seconds(firstMs) + " on (" + group + "), at " + inFlight
                    + " requests in flight");
        }
    }

    /** The median baseline of a group's calibrated endpoints, or -1. */
    long groupBaseline(String group) {
        List<Long> values = measured.stream()
                .filter(e -> e.group().equals(group))
                .map(e -> ev.baseline(e.name()))
                .filter(b -> b != null && !b.failedAlone() && !b.slowAlone())
                .map(Calibration.Baseline::ms)
                .sorted()
                .toList();
        return values.isEmpty() ? -1 : values.get(values.size() / 2);
    }

    void addTimeoutOnset() {
        Long firstMs = ev.timeline() == null ? null : ev.timeline().marks().get(Timeline.Mark.FIRST_TIMEOUT);
        if (firstMs != null) evidence.add("first timeout " + seconds(firstMs) + " into the sweep");
    }

    /** The setup's own encounters with a rate limit: it waited and went on; said on every verdict. */
    void addSetupRateLimits(Verdict verdict) {
        List<ServerRefusals.RateLimited> setup = refusals.rateLimited(ServerRefusals.Phase.SETUP);
        if (setup.isEmpty() || verdict == Verdict.RATE_LIMITED) return;
        evidence.add("setup: " + sumRefused(setup) + " requests rate limited (" + limiters(setup) + "); waited "
                + human(refusals.waitedMs()) + " in all as the server said, then went on");
    }

    static long sumRefused(List<ServerRefusals.RateLimited> refused) {
        return refused.stream().mapToLong(ServerRefusals.RateLimited::count).sum();
    }

    static String limiters(List<ServerRefusals.RateLimited> refused) {
        return refused.stream().map(r -> r.limiter().words()).distinct().collect(Collectors.joining("; "));
    }

    /** One refused endpoint: how many, by which limiter, the limit and reset the server gave, its words. */
    static String describe(ServerRefusals.RateLimited r) {
        return r.endpoint() + " (" + r.phase().label() + "): " + r.count() + " × 429 by "
                + r.limiter().words()
                + (r.limit() != null ? ", limit " + r.limit() : "")
                + (r.resetSeconds() != null ? ", resets in " + r.resetSeconds() + " s" : "")
                + (r.firstMessage().isEmpty() ? "" : " — " + r.firstMessage());
    }

    void addGeneratorCaveats(Verdict verdict) {
        if (generator == null) return;
        boolean latencyVerdict =
                verdict == Verdict.CLEAN || verdict == Verdict.CONTENTION || verdict == Verdict.ONE_ENDPOINT;
        if (generator.limited()) {
            caveats.add(String.format(
                    Locale.ROOT,
                    "this load generator was itself a limit (CPU %.0f%% of all cores on average,"
                            + " scheduling lag p99 %d ms): its own queueing is inside the measured latency%s",
                    100 * generator.cpuShareMean(),
                    generator.lagP99Ms(),
                    latencyVerdict ? "; run fewer workers per generator or shard the load" : ""));
        }
        if (generator.sharesJvmWithServer()) {
            caveats.add("the embedded emulator runs in this JVM: the server and the generator share its CPUs");
        } else if (generator.machineSaturated()) {
            caveats.add(String.format(
                    Locale.ROOT,
                    "this machine's CPUs were %.0f%% busy: a server on the same machine competed"
                            + " with the generator",
                    100 * generator.machineShareMean()));
        }
    }

    void addSampleCaveats() {
        if (unreadablePool != null) {
            caveats.add("the pool endpoint answered " + StatsTable.statuses(unreadablePool.statuses())
                    + " (no such endpoint, or no CanGetDatabasePoolInfo): left out of pass/fail");
        }
        if (!pool.visible) {
            caveats.add("the pool was not visible: the diagnosis rests on latency, statuses and timing alone");
        }
        if (!ev.calibrated()) {
            caveats.add(
                    "no calibration: latency is judged against a fixed share of the slow threshold, not against what each endpoint takes alone");
        }
        List<String> small = decisive.stream()
                .filter(e ->
                        !e.stallProbe() && !e.group().equals(SweepStats.ROUND_TRIP_GROUP) && e.count() < SMALL_SAMPLE)
                .map(EndpointStats::name)
                .distinct()
                .toList();
        if (!small.isEmpty()) {
            caveats.add("fewer than " + SMALL_SAMPLE + " requests on "
                    + (small.size() == 1 ? small.get(0) : small.size() + " endpoints the verdict rests on")
                    + ": a small sample");
        }
    }

    Confidence confidence(Verdict verdict) {
        int weight = caveats.size();
        // A limited generator undermines a verdict read from latency more than one read from errors.
        if (generator != null && generator.limited() && (verdict == Verdict.CLEAN || verdict == Verdict.CONTENTION))
            weight++;
        return weight == 0 ? Confidence.HIGH : weight == 1 ? Confidence.MEDIUM : Confidence.LOW;
    }

    String failureLine(boolean failure) {
        List<EndpointStats> counted = filter(measured, e -> !e.stallProbe());
        String counts = sum(counted, EndpointStats::timeouts) + " timeouts, "
                + sum(counted, EndpointStats::unexpectedStatuses)
                + " unexpected statuses, " + sum(counted, EndpointStats::connectionErrors) + " connection errors, "
                + sum(counted, EndpointStats::slow) + " slow outside the stall probe";
        if (failure && failureByLeak) return "fails the run: a connection leak (it only grows); " + counts;
        if (failure)
            return "fails the run: " + counts + (thresholds.strict() ? " (strict: slow requests fail too)" : "");
        return "passes: " + counts + (thresholds.strict() ? "" : " (slow requests fail only with --strict)");
    }

    static String causes(List<EndpointStats> endpoints) {
        Map<TimeoutCause, Long> total = new java.util.EnumMap<>(TimeoutCause.class);
        endpoints.forEach(e -> e.timeoutCauses().forEach((c, n) -> total.merge(c, n, Long::sum)));
        return total.entrySet().stream()
                .map(c -> c.getValue() + " " + c.getKey().words())
                .collect(Collectors.joining(", "));
    }

    static List<EndpointStats> filter(List<EndpointStats> endpoints, Predicate<EndpointStats> keep) {
        return endpoints.stream().filter(keep).toList();
    }

    static long sum(List<EndpointStats> endpoints, ToLongFunction<EndpointStats> count) {
        return endpoints.stream().mapToLong(count).sum();
    }

    static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
    }

    static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.0f s", Math.max(0, ms) / 1000.0);
    }

    static String range(long minMs, long maxMs) {
        return human(minMs).equals(human(maxMs)) ? "~" + human(minMs) : human(minMs) + "–" + human(maxMs);
    }
}
