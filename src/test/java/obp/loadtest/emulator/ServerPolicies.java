package obp.loadtest.emulator;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a real OBP does on purpose or by mistake beside its pool, as the fault plan asks: a leaking handler, the
 * consumer rate limit (RateLimitingUtil.scala, OBP-10018), the login limit (newer OBP's AuthRateLimiter, OBP-10061),
 * load shedding (APIUtil.scala's expectedOpenFuturesPerService, OBP-10040) and an absent pool endpoint. Each refusal
 * is an {@link ObpError} carrying OBP's headers. Thread-safe.
 */
final class ServerPolicies implements AutoCloseable {

    static final String TOO_BUSY = "OBP-10040: The Service is too busy, please try it later.";
    static final String TOO_MANY_REQUESTS = "OBP-10018: Too Many Requests.";
    static final String TOO_MANY_LOGINS = "OBP-10061: Too Many Requests.";

    private final FaultPlan plan;
    private final Store store;
    private final AtomicLong leakCalls = new AtomicLong();
    private final List<Connection> leaked = new ArrayList<>();
    private final Window consumer;
    private final Window logins;

    ServerPolicies(FaultPlan plan, Store store) {
        this.plan = plan;
        this.store = store;
        this.consumer = new Window(plan.consumerRateLimit(), TimeUnit.SECONDS.toMillis(1));
        this.logins = new Window(plan.loginRateLimit(), plan.loginRateWindow().toMillis());
    }

    /** A fixed window of calls: OBP counts per period in Redis and reports what is left and when it turns. */
    private static final class Window {
        private final int limit;
        private final long lengthMs;
        private long startMs;
        private int count;

        Window(int limit, long lengthMs) {
            this.limit = limit;
            this.lengthMs = lengthMs;
        }

        /** Counts one call; the headers to send, or null when the call is within the limit. */
        synchronized Map<String, String> overLimit() {
            long now = System.currentTimeMillis();
            if (now - startMs >= lengthMs) {
                startMs = now;
                count = 0;
            }
            count++;
            if (count <= limit) return null;
            long resetS = Math.max(1, (startMs + lengthMs - now + 999) / 1000);
            return Map.of(
                    "X-Rate-Limit-Limit", String.valueOf(limit),
                    "X-Rate-Limit-Remaining", "0",
                    "X-Rate-Limit-Reset", String.valueOf(resetS));
        }
    }

    /** The pool endpoint is listed but not served. */
    void poolEndpoint(Routes.Route route, String url) {
        if (plan.poolEndpointAbsent() && url.endsWith("/system/database/pool"))
            throw ObpError.pathNotFound(url, "application/json");
    }

    /** A DirectLogin over the login limit is refused before the credentials are checked, as AuthRateLimiter does. */
    void login() {
        if (plan.loginRateLimit() <= 0) return;
        Map<String, String> headers = logins.overLimit();
        if (headers != null)
            throw new ObpError(
                    429,
                    TOO_MANY_LOGINS + " Too many login attempts: we only allow " + plan.loginRateLimit()
                            + " per " + plan.loginRateWindow().toSeconds()
                            + " seconds from this IP address. Try again in "
                            + headers.get("X-Rate-Limit-Reset") + " seconds.",
                    headers);
    }

    /** An authenticated call over the consumer's limit (OBP counts every call the consumer's token makes). */
    void consumerCall(boolean authenticated) {
        if (plan.consumerRateLimit() <= 0 || !authenticated) return;
        Map<String, String> headers = consumer.overLimit();
        if (headers != null)
            throw new ObpError(
                    429,
                    TOO_MANY_REQUESTS + " We only allow " + plan.consumerRateLimit()
                            + " requests per second for this Consumer.",
                    headers);
    }

    /** A v7 request that finds more than shed-above requests in flight is shed. */
    void shed(int inFlight, String service) {
        if (plan.shedAbove() > 0 && inFlight > plan.shedAbove())
            throw new ObpError(503, TOO_BUSY + "Current Service(" + service + ")");
    }

    /** Every leak-every'th call to the leaking path takes a connection it never gives back. */
    void maybeLeak(String path) throws SQLException {
        if (plan.leakEvery() <= 0 || plan.leakPath() == null || !path.endsWith(plan.leakPath())) return;
        if (leakCalls.incrementAndGet() % plan.leakEvery() != 0) return;
        Connection c = store.pool.getConnection();
        synchronized (leaked) {
            leaked.add(c);
        }
    }

    @Override
    public void close() {
        synchronized (leaked) {
            for (Connection c : leaked) {
                try {
                    c.close();
                } catch (SQLException e) {
                    // the pool is closing anyway
                }
            }
            leaked.clear();
        }
    }
}
