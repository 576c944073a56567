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
import obp.loadtest.obp.ObpApi;
import obp.loadtest.report.Redactor;
import obp.loadtest.verdict.PoolEvidence;

/**
 * Samples {@code /obp/v7.0.0/system/database/pool} about once a second during the sweep with the
 * bootstrap user. Preflights once (no role or no endpoint: say so and stop); samples are sent
 * without waiting for the previous one, so a slow or failed sample is recorded as evidence and
 * never delays the next.
 */
public final class PoolSampler implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String token;
    private final Duration interval;
    private final Duration timeout;
    private final PoolEvidence evidence;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "obp-pool-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean started;

    public PoolSampler(String baseUrl, String token, Duration interval, Duration timeout, PoolEvidence evidence) {
        this.url = baseUrl + ObpApi.V7_DATABASE_POOL;
        this.token = token;
        this.interval = interval;
        this.timeout = timeout;
        this.evidence = evidence;
    }

    /** Preflights and, when the endpoint answers, starts sampling. Idempotent. */
    public synchronized void start() {
        if (started || interval.isZero()) return;
        started = true;
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                evidence.unavailable(Redactor.redact("pool endpoint answered " + r.statusCode() + " at preflight (" + message(r.body()) + ")"));
                return;
            }
            record(r, millisSince(t0));
        } catch (Exception e) {
            evidence.unavailable("pool endpoint unreachable at preflight (" + e.getClass().getSimpleName() + ")");
            return;
        }
        timer.scheduleAtFixedRate(this::sampleOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sampleOnce() {
        long t0 = System.nanoTime();
        CompletableFuture<HttpResponse<String>> f = http.sendAsync(request(), HttpResponse.BodyHandlers.ofString());
        f.whenComplete((r, e) -> {
            long ms = millisSince(t0);
            if (e != null) evidence.failedSample(e.getClass().getSimpleName(), ms);
            else if (r.statusCode() != 200) evidence.failedSample(Redactor.redact(r.statusCode() + " " + message(r.body())), ms);
            else record(r, ms);
        });
    }

    private void record(HttpResponse<String> r, long ms) {
        try {
            JsonNode p = JSON.readTree(r.body());
            evidence.sample(p.path("active_connections").asInt(), p.path("idle_connections").asInt(), p.path("total_connections").asInt(),
                    p.path("threads_awaiting_connection").asInt(), p.path("maximum_pool_size").asInt(), ms);
        } catch (Exception e) {
            evidence.failedSample("unreadable pool answer", ms);
        }
    }

    private HttpRequest request() {
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("DirectLogin", ObpApi.tokenHeader(token)).header("Accept", "application/json").GET().build();
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
