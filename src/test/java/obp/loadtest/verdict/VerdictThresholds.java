package obp.loadtest.verdict;

import java.time.Duration;

/**
 * The numbers the verdict rules judge by; their defaults and meaning live in application.conf and
 * docs/verdict.md.
 *
 * @param requestTimeout   client timeout: one of the caps timeouts cluster at under pool starvation
 * @param slowThreshold    a request slower than this is SLOW
 * @param capRatio         a failure lasting at least capRatio × a cap is "at the cap"
 * @param unreachableRatio share of refused/reset requests that makes the server UNREACHABLE
 * @param spikeRatio       without calibration, an endpoint whose p95 reaches spikeRatio × slowThreshold is spiking
 * @param inflationFactor  with calibration, a p95 at least this many times the endpoint's baseline is inflated...
 * @param inflationMin     ...and at least this much above it, so a 2 ms → 9 ms wobble never counts
 * @param poolShare        share of the sweep's pool samples saturated with threads waiting that makes CONTENTION
 * @param strict           slow requests fail the run too
 */
public record VerdictThresholds(
        Duration requestTimeout,
        Duration slowThreshold,
        double capRatio,
        double unreachableRatio,
        double spikeRatio,
        double inflationFactor,
        Duration inflationMin,
        double poolShare,
        boolean strict) {

    public VerdictThresholds {
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive, got " + requestTimeout);
        }
        if (slowThreshold == null || slowThreshold.isNegative()) {
            throw new IllegalArgumentException("slow threshold must not be negative, got " + slowThreshold);
        }
        requireRatio("cap ratio", capRatio);
        requireRatio("unreachable ratio", unreachableRatio);
        requireRatio("pool share", poolShare);
        if (!(spikeRatio > 0)) {
            throw new IllegalArgumentException("spike ratio must be above 0, got " + spikeRatio);
        }
        if (!(inflationFactor >= 1)) {
            throw new IllegalArgumentException("inflation factor must be at least 1, got " + inflationFactor);
        }
        if (inflationMin == null || inflationMin.isNegative()) {
            throw new IllegalArgumentException("inflation minimum must not be negative, got " + inflationMin);
        }
    }

    /** Without calibration, an endpoint p95 at or above this many ms is a spike. */
    public long spikeMs() {
        return Math.round(spikeRatio * slowThreshold.toMillis());
    }

    /** Whether a loaded p95 is inflated against an unloaded baseline (both in ms). */
    public boolean inflated(long p95Ms, long baselineMs) {
        return p95Ms >= inflationFactor * Math.max(baselineMs, 1) && p95Ms - baselineMs >= inflationMin.toMillis();
    }

    private static void requireRatio(String what, double ratio) {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException(what + " must be in (0, 1], got " + ratio);
        }
    }
}
