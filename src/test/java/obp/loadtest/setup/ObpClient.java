package obp.loadtest.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import obp.loadtest.obp.BodyTemplate;
import obp.loadtest.obp.DirectLogin;
import obp.loadtest.obp.ObpApi;
import obp.loadtest.obp.RateLimiter;

/**
 * A small asynchronous OBP client for provisioning (outside Gatling: setup is not the load). A
 * semaphore bounds requests in flight so a 50-user setup does not itself starve the server. A rate limit's 429
 * waits as the server says (its X-Rate-Limit-Reset, or Retry-After) and sends again, at most
 * {@link #RATE_LIMIT_BUDGET} in all per request; past that the step fails in one line naming the limiter.
 */
public final class ObpClient implements AutoCloseable {

    /** An answer with its parsed JSON body (an empty object when there is none). */
    public record Answer(int status, JsonNode body) {
        public String text(String field) {
            return body.path(field).asText("");
        }
    }

    /** A setup request refused by a rate limit, and how long it waited before it went on (or gave up). */
    public record RateLimitWait(
            String step, int status, String message, String limitHeader, String resetHeader, long waitedMs) {}

    /** The longest one setup request waits, in all, for rate limits to reset. */
    public static final Duration RATE_LIMIT_BUDGET = Duration.ofSeconds(30);
    /** The wait when the server says nothing of when its limit resets. */
    static final Duration RATE_LIMIT_DEFAULT_WAIT = Duration.ofSeconds(1);

    static final ObjectMapper JSON = new ObjectMapper();
    /** The default bound on requests in flight. */
    public static final int MAX_IN_FLIGHT = 16;

    private final String baseUrl;
    private final String consumerKey;
    private final Duration timeout;
    private final HttpClient http;
    private final Semaphore inFlight;
    /** Requests waiting for a slot: queued, never blocking a thread (the client has only 4). */
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    /** Every rate-limited setup request, in the order answered. */
    private final Queue<RateLimitWait> rateLimited = new ConcurrentLinkedQueue<>();

    public ObpClient(String baseUrl, String consumerKey, Duration timeout) {
        this(baseUrl, consumerKey, timeout, MAX_IN_FLIGHT);
    }

    /** {@code maxInFlight} 1 makes setup serial (the benchmark's baseline). */
    public ObpClient(String baseUrl, String consumerKey, Duration timeout, int maxInFlight) {
        this.inFlight = new Semaphore(maxInFlight);
        this.baseUrl = baseUrl;
        this.consumerKey = consumerKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .executor(Executors.newFixedThreadPool(4, r -> {
                    Thread t = new Thread(r, "obp-setup");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String consumerKey() {
        return consumerKey;
    }

    public CompletableFuture<Answer> login(String step, String username, String password) {
        return send(
                step,
                request(ObpApi.DIRECT_LOGIN)
                        .header(DirectLogin.HEADER, DirectLogin.credentials(username, password, consumerKey))
                        .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** POSTs {@code body} filled with {@code values} (see {@link BodyTemplate#fill}). */
    public CompletableFuture<Answer> post(
            String step, String path, String token, BodyTemplate body, Map<String, String> values) {
        return send(step, authed(path, token).POST(HttpRequest.BodyPublishers.ofString(body.fill(values))));
    }

    public CompletableFuture<Answer> get(String step, String path, String token) {
        return send(step, authed(path, token).GET());
    }

    public CompletableFuture<Answer> get(String step, String path, Map<String, String> headers) {
        HttpRequest.Builder b = request(path).GET();
        headers.forEach(b::header);
        return send(step, b);
    }

    public CompletableFuture<Answer> delete(String step, String path, String token) {
        return send(step, authed(path, token).DELETE());
    }

    /** A GET that may take at most {@code timeout} (shorter than the run's request timeout). */
    public CompletableFuture<Answer> get(String step, String path, String token, Duration timeout) {
        return send(step, authed(path, token).timeout(timeout).GET());
    }

    /**
     * Any method, with an empty JSON object as the body of a POST or PUT. With a null token it is
     * unauthenticated: what the preflight probes with, since OBP routes before it authenticates.
     */
    public CompletableFuture<Answer> call(String step, String verb, String path, String token) {
        boolean body = verb.equals("POST") || verb.equals("PUT");
        return send(
                step,
                authed(path, token)
                        .method(
                                verb,
                                body
                                        ? HttpRequest.BodyPublishers.ofString("{}")
                                        : HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder authed(String path, String token) {
        HttpRequest.Builder b = request(path);
        return token == null ? b : b.header(DirectLogin.HEADER, DirectLogin.token(token));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    /** The setup requests a rate limit refused so far. */
    public List<RateLimitWait> rateLimited() {
        return List.copyOf(rateLimited);
    }

    private CompletableFuture<Answer> send(String step, HttpRequest.Builder builder) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        send(step, builder.build(), answer, 0);
        return answer;
    }

    private void send(String step, HttpRequest request, CompletableFuture<Answer> answer, long waitedMs) {
        waiting.add(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, error) -> {
                    inFlight.release();
                    startWaiting();
                    if (error != null) {
                        answer.completeExceptionally(unreachable(step, error));
                        return;
                    }
                    Answer a = new Answer(response.statusCode(), parse(response.body()));
                    String message = a.text("message").isEmpty() ? a.text("error") : a.text("message");
                    RateLimiter limiter = RateLimiter.of(a.status(), message);
                    if (a.status() != 429 || limiter == null) {
                        answer.complete(a);
                        return;
                    }
                    String limit = response.headers()
                            .firstValue(ObpApi.RATE_LIMIT_LIMIT_HEADER)
                            .orElse(null);
                    String reset = response.headers()
                            .firstValue(ObpApi.RATE_LIMIT_RESET_HEADER)
                            .or(() -> response.headers().firstValue("Retry-After"))
                            .orElse(null);
                    long waitMs = waitMs(reset);
                    if (waitedMs + waitMs > RATE_LIMIT_BUDGET.toMillis()) {
                        rateLimited.add(new RateLimitWait(step, a.status(), message, limit, reset, 0));
                        answer.completeExceptionally(
                                rateLimitedFailure(step, message, limiter, limit, reset, waitedMs));
                        return;
                    }
                    rateLimited.add(new RateLimitWait(step, a.status(), message, limit, reset, waitMs));
                    CompletableFuture.delayedExecutor(waitMs, TimeUnit.MILLISECONDS)
                            .execute(() -> send(step, request, answer, waitedMs + waitMs));
                }));
        startWaiting();
    }

    /** As the server says: its reset in seconds (a little over, so the window has turned), else a second. */
    static long waitMs(String resetSeconds) {
        try {
            long s = Long.parseLong(resetSeconds.trim());
            return Math.max(100, s * 1000 + 100);
        } catch (RuntimeException e) {
            return RATE_LIMIT_DEFAULT_WAIT.toMillis();
        }
    }

    private static SetupFailure rateLimitedFailure(
            String step, String message, RateLimiter limiter, String limit, String reset, long waitedMs) {
        // The figures lead the fix, so the one line keeps them however long OBP's message is.
        String figures = (limit == null ? "" : ", limit " + limit)
                + (reset == null ? ", no reset time given" : ", resets in " + reset + " s")
                + " (setup waited " + Math.round(waitedMs / 1000.0) + " s, waits at most "
                + RATE_LIMIT_BUDGET.toSeconds() + " s)";
        return new SetupFailure(
                step, 429, message, "rate limited by " + limiter.words() + figures + ": " + limiter.advice());
    }

    private void startWaiting() {
        while (!waiting.isEmpty() && inFlight.tryAcquire()) {
            Runnable next = waiting.poll();
            if (next == null) {
                inFlight.release();
                return;
            }
            next.run();
        }
    }

    private SetupFailure unreachable(String step, Throwable error) {
        Throwable cause = SetupFailure.unwrap(error);
        String why;
        if (cause instanceof HttpConnectTimeoutException) why = "connect timed out after " + timeout.toSeconds() + " s";
        else if (cause instanceof HttpTimeoutException) why = "no answer within " + timeout.toSeconds() + " s";
        else if (cause instanceof ConnectException) why = "connection refused";
        else if (cause instanceof IOException)
            why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        else why = String.valueOf(cause);
        return new SetupFailure(
                step, 0, "cannot reach " + baseUrl + " (" + why + ")", "check --host and that the server is running");
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("message", body.length() > 200 ? body.substring(0, 200) + "…" : body);
        }
    }

    @Override
    public void close() {
        http.executor().ifPresent(e -> ((java.util.concurrent.ExecutorService) e).shutdownNow());
    }
}
