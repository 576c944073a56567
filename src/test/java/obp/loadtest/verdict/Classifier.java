package obp.loadtest.verdict;

import java.util.function.LongSupplier;

/**
 * Turns one request's answer into a {@link Classification}: from its status, its duration against the
 * known caps (the client timeout, the server's pool acquire timeout) and its own calibrated baseline,
 * and the words of the server's message. Immutable, thread-safe.
 */
public final class Classifier {

    /** Gatling records a request timeout at about the timeout: anything from this share of it on is one. */
    static final double CLIENT_TIMEOUT_SHARE = 0.98;
    /** A failure must last at least this long to count as a hang, whatever the endpoint's baseline. */
    static final long HANG_FLOOR_MS = 1_000;

    private final long requestTimeoutMs;
    private final long slowMs;
    private final double capRatio;
    private final double inflationFactor;
    private final LongSupplier serverAcquireTimeoutMs;

    /**
     * @param serverAcquireTimeoutMs the pool's connection_timeout_ms as the pool endpoint reported it; 0 while unknown
     */
    public Classifier(VerdictThresholds t, LongSupplier serverAcquireTimeoutMs) {
        this.requestTimeoutMs = t.requestTimeout().toMillis();
        this.slowMs = t.slowThreshold().toMillis();
        this.capRatio = t.capRatio();
        this.inflationFactor = t.inflationFactor();
        this.serverAcquireTimeoutMs = serverAcquireTimeoutMs;
    }

    /**
     * @param status         HTTP status, 0 when no response arrived
     * @param statusExpected whether the run accepts this status (2xx, or an expected 4xx)
     * @param durationMs     how long the request took
     * @param message        OBP's error message from the body, or null
     * @param baselineMs     the endpoint's calibrated unloaded duration, or a negative number when unknown
     */
    public Classification classify(
            int status, boolean statusExpected, long durationMs, String message, long baselineMs) {
        if (status == 0) {
            if (durationMs >= CLIENT_TIMEOUT_SHARE * requestTimeoutMs)
                return Classification.timeout(TimeoutCause.CLIENT);
            // A refusal or reset comes at once; a connection that closes after a long wait was a hang.
            return isHang(durationMs, baselineMs)
                    ? Classification.timeout(TimeoutCause.DROPPED)
                    : Classification.REFUSED;
        }
        if (status == 504) return Classification.timeout(TimeoutCause.GATEWAY);
        if (status >= 400) {
            // A starved auth lookup can surface as 401 OBP-20001 carrying Hikari's text, so any error status counts.
            TimeoutCause signed = DbSignatures.match(message);
            if (signed != null) return Classification.timeout(signed);
        }
        if (!statusExpected) {
            // A rate limit or load shedding is the server's policy, answered on purpose: never a pool wait or a hang.
            if (obp.loadtest.obp.RateLimiter.of(status, message) != null || ServerRefusals.shed(status, message))
                return Classification.UNEXPECTED;
            if ((status >= 500 || status == 401) && atServerAcquireTimeout(durationMs)) {
                return Classification.timeout(TimeoutCause.POOL_ACQUIRE);
            }
            if (status >= 500 && isHang(durationMs, baselineMs)) return Classification.timeout(TimeoutCause.HANG);
            return Classification.UNEXPECTED;
        }
        return durationMs > slowMs ? Classification.SLOW : Classification.OK;
    }

    /** An error that lasted about the server's acquire timeout is a request that waited for a connection in vain. */
    boolean atServerAcquireTimeout(long durationMs) {
        long acquire = serverAcquireTimeoutMs.getAsLong();
        if (acquire <= 0) return false;
        long slack = Math.max(500, acquire / 4);
        return durationMs >= capRatio * acquire && durationMs <= acquire + slack;
    }

    /** Far longer than the endpoint takes alone (or than a second when never calibrated). */
    boolean isHang(long durationMs, long baselineMs) {
        long floor = baselineMs < 0 ? HANG_FLOOR_MS : Math.max(HANG_FLOOR_MS, Math.round(inflationFactor * baselineMs));
        return durationMs >= floor;
    }
}
