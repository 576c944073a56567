package obp.loadtest.verdict;

import java.time.Duration;
import java.util.Locale;

/** Turns one request's status, duration and error text into an {@link Outcome}. Immutable, thread-safe. */
public final class Classifier {

    /** HikariCP's message when the pool stays empty for connectionTimeout. */
    static final String POOL_ACQUIRE_TIMEOUT = "connection is not available, request timed out after";
    /** H2's message when a row/table lock is not released in time. */
    static final String LOCK_TIMEOUT = "timeout trying to lock table";

    private final long slowThresholdMs;

    public Classifier(Duration slowThreshold) {
        this.slowThresholdMs = slowThreshold.toMillis();
    }

    /**
     * @param status         HTTP status, 0 when no response arrived
     * @param statusExpected whether the run accepts this status (2xx, or an expected 4xx)
     * @param durationMs     how long the request took
     * @param errorMessage   OBP's body message or Gatling's failure text; may be null
     */
    public Outcome classify(int status, boolean statusExpected, long durationMs, String errorMessage) {
        if (status == 0) {
            return saysTimedOut(errorMessage) ? Outcome.TIMEOUT : Outcome.CONNECTION_ERROR;
        }
        if (timeoutCause(status, errorMessage) != null) {
            return Outcome.TIMEOUT;
        }
        if (!statusExpected) {
            return Outcome.UNEXPECTED_STATUS;
        }
        return durationMs > slowThresholdMs ? Outcome.SLOW : Outcome.OK;
    }

    /** The cause of a timeout, or null when the answer is not a timeout at all. */
    public static TimeoutCause timeoutCause(int status, String errorMessage) {
        String message = lower(errorMessage);
        if (status == 0) {
            return saysTimedOut(errorMessage) ? TimeoutCause.CLIENT : null;
        }
        if (status == 504) {
            return TimeoutCause.GATEWAY;
        }
        // A starved auth lookup can surface as 401 OBP-20001 carrying Hikari's text, so any error status counts.
        if (status >= 400 && message.contains(POOL_ACQUIRE_TIMEOUT)) {
            return TimeoutCause.POOL_ACQUIRE;
        }
        if (status >= 400 && message.contains(LOCK_TIMEOUT)) {
            return TimeoutCause.LOCK;
        }
        return null;
    }

    private static boolean saysTimedOut(String errorMessage) {
        String message = lower(errorMessage);
        // A connect timeout never reached the server: that is unreachability, not a stall.
        if (message.contains("connecttimeoutexception") || message.contains("connection timed out")) {
            return false;
        }
        return message.contains("request timeout") || message.contains("timed out");
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }
}
