package obp.loadtest.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import obp.loadtest.obp.DirectLogin;
import obp.loadtest.obp.ObpApi;
import obp.loadtest.report.Redactor;
import obp.loadtest.verdict.PoolEvidence;

/**
 * Samples {@code /obp/v7.0.0/system/database/pool} with the bootstrap user: every
 * {@value #CALIBRATION_TICK_MS} ms during calibration (one request in flight shows how many
 * connections a request holds), then once per interval during the sweep. Each sample carries the time
 * on the sweep clock and how many of our requests were in flight. Preflights once (no role or no
 * endpoint: say so and stop). One sample at a time, never overlapping: a second sample in flight would hold a
 * connection no request of ours holds, which the series would read as busy connections above our requests; a
 * slow or failed sample is recorded as evidence and the next one goes as soon as it has ended. Once the last
 * request has answered, {@link #sampleAfterLoad} takes one more: connections busy then are held by nothing.
 */
public final class PoolSampler implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String token;
    private final Duration interval;
    private final Duration timeout;
    private final PoolEvidence evidence;
    private final SweepClock clock;
    private final IntSupplier inFlight;
    /** When the last sample was sent (ms on the JVM's monotonic clock); no sample sent yet while {@link #sentAny} is false. */
    private volatile long lastSentMs;

    private volatile boolean sentAny;
    private final java.util.concurrent.atomic.AtomicInteger outstanding =
            new java.util.concurrent.atomic.AtomicInteger();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "obp-pool-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean started;

    static final long CALIBRATION_TICK_MS = 200;

    public PoolSampler(
            String baseUrl,
            String token,
            Duration interval,
            Duration timeout,
            PoolEvidence evidence,
            SweepClock clock,
            IntSupplier inFlight) {
        this.url = baseUrl + ObpApi.V7_DATABASE_POOL;
        this.token = token;
        this.interval = interval;
        this.timeout = timeout;
        this.evidence = evidence;
        this.clock = clock;
        this.inFlight = inFlight;
    }

    /** Preflights and, when the endpoint answers, starts sampling. Idempotent. */
    public synchronized void start() {
        if (started || interval.isZero()) return;
        started = true;
        long t0 = System.nanoTime();
        long tMs = clock.ms();
        int busy = inFlight.getAsInt();
        try {
            HttpResponse<String> r = http.send(request(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                evidence.unavailable(Redactor.redact(
                        "pool endpoint answered " + r.statusCode() + " at preflight (" + message(r.body()) + ")"));
                return;
            }
            record(r, tMs, busy, millisSince(t0));
        } catch (Exception e) {
            evidence.unavailable(
                    "pool endpoint unreachable at preflight (" + e.getClass().getSimpleName() + ")");
            return;
        }
        long tick = Math.min(CALIBRATION_TICK_MS, interval.toMillis());
        timer.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Every tick during calibration; once the sweep runs, only when an interval has passed. */
    private void tick() {
        long now = millisSince(0);
        // (A start value of Long.MIN_VALUE here once overflowed the difference: a run whose calibration was shorter
        // than
        // a tick never sampled its sweep.)
        if (clock.started() && sentAny && now - lastSentMs < interval.toMillis() - CALIBRATION_TICK_MS / 2) return;
        // One sample at a time: overlapping samples would hold connections no request of ours holds.
        if (outstanding.get() > 0) return;
        outstanding.incrementAndGet();
        lastSentMs = now;
        sentAny = true;
        long t0 = System.nanoTime();
        long tMs = clock.ms();
        int before = inFlight.getAsInt();
        CompletableFuture<HttpResponse<String>> f = http.sendAsync(request(), HttpResponse.BodyHandlers.ofString());
        f.whenComplete((r, e) -> {
            outstanding.decrementAndGet();
            long ms = millisSince(t0);
            // The counters were read somewhere between send and answer: take the more in flight, so busy-per-request is
            // never overstated.
            int busy = Math.max(before, inFlight.getAsInt());
            if (e != null) evidence.failedSample(tMs, e.getClass().getSimpleName(), busy, ms);
            else if (r.statusCode() != 200)
                evidence.failedSample(tMs, Redactor.redact(r.statusCode() + " " + message(r.body())), busy, ms);
            else record(r, tMs, busy, ms);
        });
    }

    /**
     * One more sample once the last request has answered (the caller checks nothing of ours is in flight), after
     * {@code settle} for the server to put its connections back: busy connections then are held by nothing. Waits
     * for a sample still in flight first (bounded by the sample timeout), so this one overlaps none. Does nothing
     * when the sampler never started or the pool endpoint could not be read.
     */
    public void sampleAfterLoad(Duration settle) {
        synchronized (this) {
            if (!started || !evidence.available()) return;
        }
        timer.shutdownNow();
        long deadline = System.nanoTime() + timeout.toNanos();
        sleep(settle.toMillis());
        while (outstanding.get() > 0 && System.nanoTime() < deadline) sleep(10);
        long t0 = System.nanoTime();
        long tMs = clock.ms();
        int busy = inFlight.getAsInt();
        try {
            HttpResponse<String> r = http.send(request(), HttpResponse.BodyHandlers.ofString());
            long ms = millisSince(t0);
            if (r.statusCode() != 200)
                evidence.failedSample(tMs, Redactor.redact(r.statusCode() + " " + message(r.body())), busy, ms);
            else record(r, tMs, busy, ms);
            evidence.afterLoad(tMs);
        } catch (Exception e) {
            evidence.failedSample(tMs, e.getClass().getSimpleName(), busy, millisSince(t0));
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(HttpResponse<String> r, long tMs, int busy, long ms) {
        try {
            JsonNode p = JSON.readTree(r.body());
            evidence.sample(
                    tMs,
                    p.path("active_connections").asInt(),
                    p.path("idle_connections").asInt(),
                    p.path("total_connections").asInt(),
                    p.path("threads_awaiting_connection").asInt(),
                    p.path("maximum_pool_size").asInt(),
                    p.path("connection_timeout_ms").asLong(),
                    busy,
                    ms);
        } catch (Exception e) {
            evidence.failedSample(tMs, "unreadable pool answer", busy, ms);
        }
    }

    private HttpRequest request() {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header(DirectLogin.HEADER, DirectLogin.token(token))
                .header("Accept", "application/json")
                .GET()
                .build();
    }

    private static String message(String body) {
        try {
            return JSON.readTree(body).path("message").asText("");
        } catch (Exception e) {
            return "";
        }
    }

    private static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
