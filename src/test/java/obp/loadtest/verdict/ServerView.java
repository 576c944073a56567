package obp.loadtest.verdict;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The server's own view of the run, beside the client's: OBP's Telemetry (HikariCP's meters, scraped during the run:
 * acquire time, timeouts, threads pending, connection usage) and its API metrics (every call of the run with the
 * duration the server measured). Optional evidence: it adds lines to the verdict, raises its confidence when it
 * agrees and shows the disagreement when it does not, never changes the cause. Thread-safe.
 */
public final class ServerView {

    /** Samples kept (over two hours at one a second); later ones are only counted. */
    static final int MAX_SAMPLES = 10_000;
    /** Server durations kept per endpoint. */
    static final int MAX_ROWS_PER_ENDPOINT = 100_000;
    /** Client time this many times the server's, and this much more, is time spent outside OBP's handler. */
    static final double OUTSIDE_RATIO = 2.0;

    static final long OUTSIDE_MIN_MS = 100;
    /** Usage time per connection this many times what it was alone, and this much more, grew with load. */
    static final double USAGE_GROWTH = 2.0;

    static final double USAGE_MIN_MS = 5;

    /**
     * One scrape of HikariCP's meters (one pool): gauges, the timeout counter, and the acquire and usage timers
     * (cumulative histogram buckets, upper bound in seconds → count; count and sum in seconds).
     */
    public record PoolMeters(
            String pool,
            double active,
            double idle,
            double pending,
            double timeouts,
            NavigableMap<Double, Double> acquireBuckets,
            double acquireCount,
            double acquireSum,
            double usageCount,
            double usageSum) {
        public PoolMeters {
            acquireBuckets = new TreeMap<>(acquireBuckets);
        }
    }

    private record Sample(long tMs, PoolMeters meters) {}

    private String telemetrySource;
    /** Until a scrape answers: the pool's meters are read from the v7 sweep's start on. */
    private String telemetryAbsent = "not read (it is scraped during the v7 sweep, which did not run)";

    private final List<Sample> samples = new ArrayList<>();
    private long droppedSamples;
    private long failedScrapes;
    private String lastFailure;

    /** Until read: they are read once, after the load of a run that was not stopped. */
    private String apiMetricsAbsent = "not read (they are read after a run that ends by itself)";

    private final Map<String, List<Long>> serverMs = new LinkedHashMap<>();
    private long rows;
    private long unmatchedRows;

    // ---- recording ----------------------------------------------------------------------------------------------

    /** Telemetry is read from {@code source} (said in the summary, never with a secret). */
    public synchronized void telemetryFrom(String source) {
        telemetrySource = source;
        telemetryAbsent = null;
    }

    /** The server has no Telemetry this run could read: why. */
    public synchronized void telemetryAbsent(String reason) {
        telemetryAbsent = reason;
    }

    /** One scrape at {@code tMs} on the sweep clock (negative during calibration). */
    public synchronized void sample(long tMs, PoolMeters meters) {
        if (samples.size() >= MAX_SAMPLES) droppedSamples++;
        else samples.add(new Sample(rebased(tMs), meters));
    }

    /** ms from the sweep clock's creation to the sweep's start; -1 until it started. */
    private long sweepOffsetMs = -1;

    /**
     * The sweep began offsetMs after the clock was made: scrapes stamped before it (-1 - ms since the clock was
     * made) become ms before the sweep began, as the pool series' samples do, so both series read in time order.
     */
    public synchronized void sweepStarted(long offsetMs) {
        sweepOffsetMs = offsetMs;
        samples.replaceAll(x -> x.tMs() < 0 ? new Sample(rebased(x.tMs()), x.meters()) : x);
    }

    private long rebased(long tMs) {
        if (tMs >= 0 || sweepOffsetMs < 0) return tMs;
        return Math.min(-1, -(tMs + 1) - sweepOffsetMs);
    }

    public synchronized void failedScrape(String reason) {
        failedScrapes++;
        lastFailure = reason;
    }

    /** The API metrics were read: from here on rows count. */
    public synchronized void apiMetricsRead() {
        apiMetricsAbsent = null;
    }

    public synchronized void apiMetricsAbsent(String reason) {
        apiMetricsAbsent = reason;
    }

    /** One API-metrics row of the run: the endpoint it is (null when it is none of the run's) and the server's duration. */
    public synchronized void row(String endpoint, long durationMs) {
        rows++;
        if (endpoint == null || durationMs < 0) {
            unmatchedRows++;
            return;
        }
        List<Long> list = serverMs.computeIfAbsent(endpoint, k -> new ArrayList<>());
        if (list.size() < MAX_ROWS_PER_ENDPOINT) list.add(durationMs);
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    public synchronized boolean telemetryAvailable() {
        return telemetryAbsent == null && !samples.isEmpty();
    }

    public synchronized boolean apiMetricsAvailable() {
        return apiMetricsAbsent == null && !serverMs.isEmpty();
    }

    /** What the pool did during the sweep, from the scrape before it began (or its first) to the last. */
    record Sweep(
            double acquireP95Ms,
            double acquireP99Ms,
            long timeouts,
            int pendingMax,
            double usageAloneMs,
            double usageSweepMs,
            long acquires) {}

    synchronized Sweep sweep() {
        if (samples.size() < 2) return null;
        Sample base = samples.get(0);
        for (Sample s : samples) if (s.tMs() < 0) base = s;
        Sample end = samples.get(samples.size() - 1);
        int pendingMax = 0;
        for (Sample s : samples)
            if (s.tMs() >= 0)
                pendingMax = Math.max(pendingMax, (int) Math.round(s.meters().pending()));
        PoolMeters a = base.meters();
        PoolMeters b = end.meters();
        NavigableMap<Double, Double> delta = new TreeMap<>();
        for (var e : b.acquireBuckets().entrySet())
            delta.put(e.getKey(), e.getValue() - a.acquireBuckets().getOrDefault(e.getKey(), 0.0));
        Sample first = samples.get(0);
        double usageAlone = mean(first.meters(), base.meters());
        return new Sweep(
                quantileMs(delta, 0.95),
                quantileMs(delta, 0.99),
                Math.round(b.timeouts() - a.timeouts()),
                pendingMax,
                usageAlone,
                mean(a, b),
                Math.round(b.acquireCount() - a.acquireCount()));
    }

    /** Mean usage per connection between two scrapes, ms; -1 when no connection was returned between them. */
    private static double mean(PoolMeters from, PoolMeters to) {
        double n = to.usageCount() - from.usageCount();
        return n <= 0 ? -1 : (to.usageSum() - from.usageSum()) / n * 1000;
    }

    /** The upper bound (ms) of the bucket holding quantile q of the counts; -1 with no count. */
    static double quantileMs(NavigableMap<Double, Double> cumulative, double q) {
        if (cumulative.isEmpty()) return -1;
        double total = cumulative.lastEntry().getValue();
        if (total <= 0) return -1;
        Double lastFinite = null;
        for (var e : cumulative.entrySet()) {
            boolean infinite = e.getKey() >= Double.MAX_VALUE || e.getKey().isInfinite();
            if (e.getValue() >= q * total)
                return infinite && lastFinite != null ? lastFinite * 1000 : e.getKey() * 1000;
            if (!infinite) lastFinite = e.getKey();
        }
        return -1;
    }

    /** Per endpoint with rows: the server's p95, ms. */
    public synchronized Map<String, Long> serverP95() {
        Map<String, Long> out = new LinkedHashMap<>();
        serverMs.forEach((name, list) -> out.put(name, percentile(list, 0.95)));
        return out;
    }

    private static long percentile(List<Long> values, double q) {
        if (values.isEmpty()) return -1;
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
    }

    // ---- the verdict --------------------------------------------------------------------------------------------

    /**
     * The diagnosis with the server's view: its evidence lines, confidence one step up when the server agrees and one
     * down when it disagrees (the disagreement a caveat), a caveat for each part the server did not give. The cause,
     * the failure and the exit code stay. {@code clientP95} is each endpoint's p95 as this tool measured it.
     */
    public Diagnosis inform(Diagnosis d, Map<String, Long> clientP95) {
        if (d.verdict() == Verdict.SETUP_FAILED || d.verdict() == Verdict.INTERRUPTED) return d;
        List<String> evidence = new ArrayList<>();
        List<String> caveats = new ArrayList<>();
        int agree = 0;
        int disagree = 0;
        Sweep s = telemetryAvailable() ? sweep() : null;
        if (s != null) {
            evidence.add("server's own pool (Telemetry): " + s.acquires() + " acquires during the sweep, acquire p95 "
                    + ms(s.acquireP95Ms()) + ", p99 " + ms(s.acquireP99Ms()) + ", up to " + s.pendingMax()
                    + " thread" + (s.pendingMax() == 1 ? "" : "s") + " pending, " + s.timeouts() + " acquire timeout"
                    + (s.timeouts() == 1 ? "" : "s")
                    + (s.timeouts() > 0 ? ": a timeout counter that rose is starvation confirmed by the server" : ""));
            switch (d.verdict()) {
                case POOL_STARVATION -> {
                    if (s.timeouts() > 0 || s.pendingMax() > 0) agree++;
                    else if (failedScrapes() > 0) {
                        // The scrapes that would have seen it failed with the rest: silence, not disagreement.
                    } else {
                        disagree++;
                        caveats.add("the server's pool counted no acquire timeout and no thread pending during the"
                                + " sweep: it does not confirm the starvation");
                    }
                }
                case CLEAN -> {
                    if (s.timeouts() == 0) agree++;
                    else {
                        disagree++;
                        caveats.add("the server's pool counted " + s.timeouts()
                                + " acquire timeouts the client's view did not show");
                    }
                }
                case CONTENTION -> {
                    if (s.timeouts() == 0) agree++;
                    else {
                        disagree++;
                        caveats.add("the server's pool counted " + s.timeouts()
                                + " acquire timeouts: it starved at moments, beyond contention");
                    }
                }
                default -> {}
            }
            if (s.usageAloneMs() > 0
                    && s.usageSweepMs() >= USAGE_GROWTH * s.usageAloneMs()
                    && s.usageSweepMs() - s.usageAloneMs() >= USAGE_MIN_MS)
                evidence.add("connection usage time grew with load (" + ms(s.usageAloneMs()) + " alone, "
                        + ms(s.usageSweepMs()) + " in the sweep): the database slows under load, not the pool size");
            if (failedScrapes() > 0)
                caveats.add(failedScrapes() + " scrapes of the server's Telemetry failed (" + lastFailure() + ")"
                        + (viaApi()
                                ? ": its API endpoint authenticates through the pool it reports on; name the"
                                        + " Prometheus port with --telemetry to read it throughout"
                                : ""));
        } else caveats.add("the server's own pool view was absent: " + telemetryReason());

        if (apiMetricsAvailable()) {
            Map<String, Long> server = serverP95();
            List<String> outside = new ArrayList<>();
            int compared = 0;
            long widestGap = 0;
            for (var e : server.entrySet()) {
                Long client = clientP95.get(e.getKey());
                if (client == null) continue;
                compared++;
                long gap = client - e.getValue();
                widestGap = Math.max(widestGap, gap);
                if (client >= OUTSIDE_RATIO * e.getValue() && gap >= OUTSIDE_MIN_MS)
                    outside.add(e.getKey() + " (client p95 " + client + " ms, server p95 " + e.getValue() + " ms)");
            }
            if (compared > 0 && !outside.isEmpty() && outside.size() * 2 >= compared) {
                evidence.add("server time flat while client time inflated on " + outside.size() + " of " + compared
                        + " endpoints, e.g. " + outside.get(0)
                        + ": the time is spent outside OBP's handler (in front of it, the network or this generator),"
                        + " not waiting on the pool");
                if (d.verdict() == Verdict.POOL_STARVATION) {
                    disagree++;
                    caveats.add("OBP's API metrics show its handlers were fast while the client waited: the bottleneck"
                            + " may be off the pool");
                } else if (d.bottleneck() != Diagnosis.Bottleneck.POOL) agree++;
            } else if (compared > 0) {
                evidence.add("server time beside client time (API metrics): " + compared
                        + " endpoints compared, the client's p95 at most " + widestGap
                        + " ms above the server's: the time is spent in OBP's handler");
                agree++;
            }
        } else caveats.add("the server's API metrics were absent: " + apiMetricsReason());

        Diagnosis.Confidence confidence = d.confidence();
        if (disagree > 0) confidence = lower(confidence);
        else if (agree > 0) confidence = raise(confidence);
        List<String> allEvidence = new ArrayList<>(d.evidence());
        allEvidence.addAll(evidence);
        List<String> allCaveats = new ArrayList<>(d.caveats());
        allCaveats.addAll(caveats);
        return new Diagnosis(
                d.verdict(),
                d.headline(),
                allEvidence,
                d.failure(),
                d.exitCode(),
                d.bottleneck(),
                confidence,
                allCaveats,
                d.endpoints());
    }

    /** Telemetry read through OBP's API (its caller authenticated on a pooled connection), not a Prometheus port. */
    private synchronized boolean viaApi() {
        return telemetrySource != null && telemetrySource.startsWith("GET ");
    }

    private synchronized long failedScrapes() {
        return failedScrapes;
    }

    private synchronized String lastFailure() {
        return lastFailure;
    }

    private synchronized String telemetryReason() {
        if (telemetryAbsent != null) return telemetryAbsent;
        return samples.isEmpty()
                ? "no scrape answered" + (lastFailure == null ? "" : " (" + lastFailure + ")")
                : "too few scrapes";
    }

    private synchronized String apiMetricsReason() {
        if (apiMetricsAbsent != null) return apiMetricsAbsent;
        return rows == 0
                ? "the server returned no row for the run's calls (is write_metrics on?)"
                : "no row matched the run's endpoints";
    }

    private static Diagnosis.Confidence raise(Diagnosis.Confidence c) {
        return c == Diagnosis.Confidence.LOW ? Diagnosis.Confidence.MEDIUM : Diagnosis.Confidence.HIGH;
    }

    private static Diagnosis.Confidence lower(Diagnosis.Confidence c) {
        return c == Diagnosis.Confidence.HIGH ? Diagnosis.Confidence.MEDIUM : Diagnosis.Confidence.LOW;
    }

    private static String ms(double ms) {
        if (ms < 0) return "-";
        return ms < 10 ? String.format(Locale.ROOT, "%.1f ms", ms) : Math.round(ms) + " ms";
    }

    // ---- the summary --------------------------------------------------------------------------------------------

    /** The summary's {@code server_view} section (docs/summary-schema.md). */
    public synchronized ObjectNode section(Map<String, Long> clientP95) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode out = f.objectNode();
        ObjectNode t = out.putObject("telemetry");
        boolean tOk = telemetryAvailable();
        t.put("available", tOk);
        if (!tOk) t.put("unavailable_reason", telemetryReason());
        if (telemetrySource != null) t.put("source", telemetrySource);
        t.put("samples", samples.size() + droppedSamples);
        t.put("failed_samples", failedScrapes);
        Sweep s = tOk ? sweep() : null;
        if (s != null) {
            t.put("pool", samples.get(samples.size() - 1).meters().pool());
            t.put("acquires", s.acquires());
            t.put("acquire_p95_ms", round(s.acquireP95Ms()));
            t.put("acquire_p99_ms", round(s.acquireP99Ms()));
            t.put("timeouts", s.timeouts());
            t.put("pending_max", s.pendingMax());
            t.put("usage_alone_ms", round(s.usageAloneMs()));
            t.put("usage_sweep_ms", round(s.usageSweepMs()));
        }
        if (tOk) {
            ObjectNode series = t.putObject("series");
            ArrayNode tMs = series.putArray("t_ms");
            ArrayNode active = series.putArray("active");
            ArrayNode pending = series.putArray("pending");
            ArrayNode acquire = series.putArray("acquire_ms");
            ArrayNode timeouts = series.putArray("timeouts");
            Sample prev = null;
            for (Sample x : samples) {
                tMs.add(x.tMs());
                active.add(Math.round(x.meters().active()));
                pending.add(Math.round(x.meters().pending()));
                timeouts.add(Math.round(x.meters().timeouts()));
                double n = prev == null
                        ? 0
                        : x.meters().acquireCount() - prev.meters().acquireCount();
                if (n > 0)
                    acquire.add(round((x.meters().acquireSum() - prev.meters().acquireSum()) / n * 1000));
                else acquire.addNull();
                prev = x;
            }
        }
        ObjectNode m = out.putObject("api_metrics");
        boolean mOk = apiMetricsAvailable();
        m.put("available", mOk);
        if (!mOk) m.put("unavailable_reason", apiMetricsReason());
        m.put("rows", rows);
        m.put("unmatched_rows", unmatchedRows);
        ArrayNode endpoints = m.putArray("endpoints");
        serverMs.forEach((name, list) -> {
            ObjectNode e = endpoints.addObject();
            e.put("name", name);
            e.put("count", list.size());
            e.put("server_p50_ms", percentile(list, 0.50));
            e.put("server_p95_ms", percentile(list, 0.95));
            Long client = clientP95.get(name);
            if (client != null) {
                e.put("client_p95_ms", client);
                e.put("gap_ms", client - percentile(list, 0.95));
            }
        });
        return out;
    }

    private static double round(double v) {
        return v < 0 ? -1 : Math.round(v * 10) / 10.0;
    }
}
