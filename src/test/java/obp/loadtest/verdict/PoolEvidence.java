package obp.loadtest.verdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What /obp/v7.0.0/system/database/pool showed, as a time series: each sample with the time it was
 * taken (ms since the measured sweep began; negative during calibration), the pool's counters, and how
 * many of this tool's requests were in flight then. Failed samples are evidence too: on a real OBP the
 * pool endpoint needs a connection to authenticate its caller, so under starvation it fails with the
 * rest. Thread-safe.
 */
public final class PoolEvidence {

    /** Distinct failure reasons kept; further reasons are only counted. */
    static final int MAX_REASONS = 10;
    /** Samples kept in the series (over two hours at one a second); later ones are only counted. */
    static final int MAX_SERIES = 10_000;

    /** One sample; ok=false has no counters, only a reason. */
    public record Sample(
            long tMs,
            boolean ok,
            int active,
            int idle,
            int total,
            int waiting,
            int max,
            int inFlight,
            long sampleMs,
            String reason) {

        /** Every connection busy and somebody waiting for one. */
        public boolean saturatedWithWaiters() {
            return ok && max > 0 && active >= max && waiting > 0;
        }

        public boolean saturated() {
            return ok && max > 0 && active >= max;
        }

        /** The same sample stamped tMs. */
        Sample at(long tMs) {
            return new Sample(tMs, ok, active, idle, total, waiting, max, inFlight, sampleMs, reason);
        }
    }

    private final Duration sampleInterval;
    private final List<Sample> series = new ArrayList<>();
    private final Map<String, Long> failureReasons = new LinkedHashMap<>();
    private String unavailableReason;
    private long samples;
    private long failedSamples;
    private long saturatedSamples;
    private int maxActive;
    private int maxWaiting;
    private int maximumPoolSize;
    private long connectionTimeoutMs;
    private long slowestSampleMs;
    /** ms from the clock's creation to the sweep's start, once known; -1 before. */
    private long sweepOffsetMs = -1;

    private Latest latest;
    /** The sweep-clock time of the sample taken after the last request answered, or null before it. */
    private Long afterLoadMs;

    /** The most recent answered sample, for the live console's digest. */
    public record Latest(int active, int waiting, int maxPoolSize) {}

    public PoolEvidence(Duration sampleInterval) {
        this.sampleInterval = sampleInterval;
    }

    /** One answered sample; connectionTimeoutMs is 0 when the server did not report it. */
    public synchronized void sample(
            long tMs,
            int active,
            int idle,
            int total,
            int waiting,
            int maxPoolSize,
            long connectionTimeoutMs,
            int inFlight,
            long sampleMs) {
        Sample s = new Sample(rebased(tMs), true, active, idle, total, waiting, maxPoolSize, inFlight, sampleMs, null);
        samples++;
        latest = new Latest(active, waiting, maxPoolSize);
        maxActive = Math.max(maxActive, active);
        maxWaiting = Math.max(maxWaiting, waiting);
        maximumPoolSize = Math.max(maximumPoolSize, maxPoolSize);
        if (connectionTimeoutMs > 0) this.connectionTimeoutMs = connectionTimeoutMs;
        slowestSampleMs = Math.max(slowestSampleMs, sampleMs);
        if (s.saturated()) saturatedSamples++;
        keep(s);
    }

    /** A sample that got no usable answer (timeout, 4xx/5xx, unparseable body); why must already be redacted. */
    public synchronized void failedSample(long tMs, String why, int inFlight, long sampleMs) {
        String reason = why == null || why.isBlank() ? "unknown" : why.trim();
        failedSamples++;
        slowestSampleMs = Math.max(slowestSampleMs, sampleMs);
        if (failureReasons.containsKey(reason) || failureReasons.size() < MAX_REASONS) {
            failureReasons.merge(reason, 1L, Long::sum);
        }
        keep(new Sample(rebased(tMs), false, 0, 0, 0, 0, 0, inFlight, sampleMs, reason));
    }

    /**
     * The sweep began offsetMs after the clock was made: samples taken before it (stamped -1 - ms since the
     * clock was made) become ms before the sweep began, so the series reads in time order.
     */
    public synchronized void sweepStarted(long offsetMs) {
        sweepOffsetMs = offsetMs;
        series.replaceAll(s -> s.tMs() < 0 ? s.at(rebased(s.tMs())) : s);
    }

    private long rebased(long tMs) {
        if (tMs >= 0 || sweepOffsetMs < 0) return tMs;
        return Math.min(-1, -(tMs + 1) - sweepOffsetMs);
    }

    private void keep(Sample s) {
        if (series.size() < MAX_SERIES) series.add(s);
    }

    /** The sample just recorded at tMs was taken after the last request had answered: busy then is held by nothing. */
    public synchronized void afterLoad(long tMs) {
        afterLoadMs = rebased(tMs);
    }

    /** The sample taken after the last request had answered, or null when none was (or it failed). */
    public synchronized Sample afterLoadSample() {
        if (afterLoadMs == null) return null;
        for (int i = series.size() - 1; i >= 0; i--) {
            Sample s = series.get(i);
            if (s.tMs() == afterLoadMs) return s.ok() ? s : null;
        }
        return null;
    }

    /** The preflight found no usable pool endpoint (missing, or 403 without CanGetDatabasePoolInfo): no sampling. */
    public synchronized void unavailable(String why) {
        unavailableReason = why == null || why.isBlank() ? "unavailable" : why.trim();
    }

    public synchronized boolean available() {
        return unavailableReason == null;
    }

    /** Why the pool could not be sampled, or null when it could. */
    public synchronized String unavailableReason() {
        return unavailableReason;
    }

    public Duration sampleInterval() {
        return sampleInterval;
    }

    /** Every sample kept, in the order taken (a snapshot). */
    public synchronized List<Sample> series() {
        return Collections.unmodifiableList(new ArrayList<>(series));
    }

    /** Samples taken during the measured sweep (not calibration). */
    public List<Sample> loadSeries() {
        return series().stream().filter(s -> s.tMs() >= 0).toList();
    }

    public synchronized long samples() {
        return samples;
    }

    public synchronized long failedSamples() {
        return failedSamples;
    }

    /** Samples with every connection busy, times the sample interval. */
    public synchronized double secondsSaturated() {
        return saturatedSamples * sampleInterval.toMillis() / 1000.0;
    }

    public synchronized int maxActive() {
        return maxActive;
    }

    public synchronized int maxWaiting() {
        return maxWaiting;
    }

    /** The pool's maximum size as reported, 0 when never sampled. */
    public synchronized int maximumPoolSize() {
        return maximumPoolSize;
    }

    /** HikariCP's connectionTimeout as the server reported it, 0 when unknown. */
    public synchronized long connectionTimeoutMs() {
        return connectionTimeoutMs;
    }

    public synchronized long slowestSampleMs() {
        return slowestSampleMs;
    }

    /** Failure reasons with their counts, first seen first (at most {@value #MAX_REASONS}). */
    public synchronized Map<String, Long> failureReasons() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(failureReasons));
    }

    /** The latest answered sample, or null before the first. */
    public synchronized Latest latest() {
        return latest;
    }
}
