package obp.loadtest.verdict;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What /obp/v7.0.0/system/database/pool showed during the sweep. Slow and failed samples are kept
 * as evidence too: a pool endpoint that cannot answer is itself a sign of starvation. Thread-safe.
 */
public final class PoolEvidence {

    /** Distinct failure reasons kept; further reasons are only counted. */
    static final int MAX_REASONS = 10;

    private final Duration sampleInterval;
    private String unavailableReason;
    private long samples;
    private long failedSamples;
    private long saturatedSamples;
    private int maxActive;
    private int maxWaiting;
    private int maximumPoolSize;
    private long slowestSampleMs;
    private final Map<String, Long> failureReasons = new LinkedHashMap<>();
    private Latest latest;

    /** The most recent answered sample, for the live console's digest. */
    public record Latest(int active, int waiting, int maxPoolSize) {}

    public PoolEvidence(Duration sampleInterval) {
        this.sampleInterval = sampleInterval;
    }

    /** One answered sample; sampleMs is how long the pool endpoint took to answer. */
    public synchronized void sample(int active, int idle, int total, int waiting, int maxPoolSize, long sampleMs) {
        samples++;
        latest = new Latest(active, waiting, maxPoolSize);
        maxActive = Math.max(maxActive, active);
        maxWaiting = Math.max(maxWaiting, waiting);
        maximumPoolSize = Math.max(maximumPoolSize, maxPoolSize);
        slowestSampleMs = Math.max(slowestSampleMs, sampleMs);
        // Unknown pool size (0) cannot be saturated.
        if (maxPoolSize > 0 && active >= maxPoolSize) {
            saturatedSamples++;
        }
    }

    /** A sample that got no usable answer (timeout, 5xx, unparseable body). */
    public synchronized void failedSample(String why, long sampleMs) {
        failedSamples++;
        slowestSampleMs = Math.max(slowestSampleMs, sampleMs);
        String reason = why == null || why.isBlank() ? "unknown" : why.trim();
        if (failureReasons.containsKey(reason) || failureReasons.size() < MAX_REASONS) {
            failureReasons.merge(reason, 1L, Long::sum);
        }
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

    public synchronized long samples() {
        return samples;
    }

    public synchronized long failedSamples() {
        return failedSamples;
    }

    public synchronized long saturatedSamples() {
        return saturatedSamples;
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

    /** True when samples showed every connection busy or threads waiting for one. */
    public synchronized boolean showsPressure() {
        return saturatedSamples > 0 || maxWaiting > 0;
    }
}
