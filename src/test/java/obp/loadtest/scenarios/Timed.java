package obp.loadtest.scenarios;

import static io.gatling.javaapi.core.CoreDsl.ElFileBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.http.response.Response;
import io.gatling.javaapi.core.Body;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.Http;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import obp.loadtest.live.RequestResult;
import obp.loadtest.live.RunRecorder;
import obp.loadtest.live.StopSignal;
import obp.loadtest.obp.BodyTemplate;
import obp.loadtest.obp.DirectLogin;
import obp.loadtest.obp.ObpApi;

/**
 * Wraps a request so it lands in our per-endpoint statistics as well as Gatling's: Gatling has
 * no public hook into its stats, so we time the request ourselves around it. The status check is
 * always explicit ({@code saveAs} alone would drop Gatling's default 2xx check). A request is named
 * once, by its {@link Step}: Gatling's request gets the same name, so the two reports agree.
 */
public final class Timed {

    /** Session attributes only this class reads. */
    private static final String REQUEST = "obp.request";

    private static final String MESSAGE = "obp.message";

    private static final Pattern VERSIONED = Pattern.compile("^v\\d+\\.\\d+\\.\\d+ .*");

    private final RunRecorder recorder;
    private final Duration timeout;
    /** Every step wrapped so far, one per Gatling path (group / name). */
    private final Map<String, Step> steps = new LinkedHashMap<>();

    public Timed(RunRecorder recorder, Duration timeout) {
        this.recorder = recorder;
        this.timeout = timeout;
    }

    /** What Gatling's controller is told (at INFO, not shown) when the first virtual user meets the shut gate. */
    static final String STOPPED = "obp-loadtest stop gate";

    /**
     * The stop gate between two requests: a virtual user whose session the exec before marked as stopped
     * (it read {@link StopSignal} shut) goes no further and is not replaced — Gatling's stopLoadGenerator drops
     * it, and the first one dropped ends the injection. The check is a session flag: the volatile read
     * was done once, in the exec before, which also decided not to start the next request's clock.
     */
    private static final ChainBuilder GATE = exec(stopLoadGeneratorIf(STOPPED, Session::isFailed));

    /**
     * The request a virtual user has in flight, one mutable object per user kept in its session: the
     * clock, the status, the served version and a limiter's headers are written in place (by the exec
     * before and by the response's one condition), so a request costs no session copy for them. A virtual
     * user runs one request at a time, always on its own event loop, so no two threads touch one.
     */
    static final class InFlight {
        long startNanos;
        int status;
        String versionServed;
        /** A 429's X-Rate-Limit-Limit and -Reset (APIUtil.scala, getRateLimitHeadersNewStyle); null otherwise. */
        String rateLimit;

        String rateReset;
        /** Read from the session once per sweep (at the first request's start), not per request. */
        String worker;

        boolean calibrating;

        void clear() {
            status = 0;
            versionServed = null;
            rateLimit = null;
            rateReset = null;
        }

        /**
         * Keeps what the recorder needs of an answer; true when OBP's message is to be read: an error
         * status with a JSON object for a body (jmesPath fails the request, optional or not, on a body it
         * cannot parse: empty, a proxy's HTML).
         */
        boolean answered(Response response) {
            int code = response.status().code();
            status = code;
            versionServed = response.headers().get(ObpApi.VERSION_SERVED_HEADER);
            if (code == 429) {
                rateLimit = response.headers().get(ObpApi.RATE_LIMIT_LIMIT_HEADER);
                rateReset = response.headers().get(ObpApi.RATE_LIMIT_RESET_HEADER);
            }
            return code >= 400 && jsonObject(response.body().string());
        }
    }

    /** The user's in-flight request, or null before its first start. */
    private static InFlight inFlight(Session session) {
        return session.contains(REQUEST) ? (InFlight) session.get(REQUEST) : null;
    }

    /** What a request is, for our stats: its report name, group, and which statuses are fine. */
    public record Step(String name, String group, boolean stallProbe, List<Integer> expected, boolean live) {
        public static Step of(String name, String group, Integer... expected) {
            return new Step(name, group, false, List.of(expected), false);
        }

        /**
         * The version that served the answer: the bridge's header when present; else the version a
         * request named "vX.Y.Z action" was called under; null for the v7 sweep's own names (native).
         */
        String servedBy(String header) {
            if (header != null) return header;
            // The v7 sweep's names start with the HTTP method: no regex per request for them.
            return name.startsWith("v") && VERSIONED.matcher(name).matches()
                    ? name.substring(0, name.indexOf(' '))
                    : null;
        }
    }

    /** A shared body file for Gatling, filled from the session attributes the scenario names (exactly its placeholders). */
    public static Body body(BodyTemplate template, String... sessionKeys) {
        return ElFileBody(template.resourceFilledBy(sessionKeys));
    }

    /** Every step wrapped so far, one per Gatling path: the simulation asserts on each. */
    public Collection<Step> steps() {
        return steps.values();
    }

    /**
     * One request timed on its own: start, the request, record. For the phases that run once per loop.
     * {@code request} builds it from Gatling's {@code http(step.name())}.
     */
    public ChainBuilder request(Step step, Function<Http, HttpRequestActionBuilder> request) {
        return exec(session -> start(session, step.name(), step.live()))
                .exec(GATE)
                .exec(checked(step, request))
                .exec(end(step, null));
    }

    /**
     * The request, named after {@code step}, with our checks, for a sequence of steps run back to
     * back: the caller puts {@link #begin} before the first and {@link #end} after each, so one exec
     * between two requests both records the first and starts the clock of the next.
     */
    public HttpRequestActionBuilder checked(Step step, Function<Http, HttpRequestActionBuilder> request) {
        steps.putIfAbsent(step.group() + " / " + step.name(), step);
        // Two checks per request: the status, and one condition that keeps what the recorder needs in the request in
        // flight (status, served version, a limiter's headers) and reads OBP's message on errors only. OBP puts its
        // words in "message"; some of its limiters answer in "error".
        return request.apply(http(step.name()))
                .requestTimeout(timeout)
                .check(status().in(step.expected()))
                .checkIf((response, session) -> {
                    InFlight r = inFlight(session);
                    return r != null && r.answered(response);
                })
                .then(jmesPath("message || error").optional().saveAs(MESSAGE));
    }

    /** Whether a body is, by its first character, a JSON object: OBP's errors are; an empty body or an HTML page is not. */
    static boolean jsonObject(String body) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (!Character.isWhitespace(c)) return c == '{';
        }
        return false;
    }

    /** The request with the DirectLogin header: {@code token} is a token or a {@code #{...}} session expression holding one. */
    public static HttpRequestActionBuilder directLogin(HttpRequestActionBuilder request, String token) {
        return request.header(DirectLogin.HEADER, DirectLogin.token(token));
    }

    /** Starts the clock (and the in-flight watch) for the first request of a sequence. */
    public ChainBuilder begin(String name, boolean live) {
        return exec(session -> start(session, name, live)).exec(GATE);
    }

    /**
     * Records the request of {@code step} and, when {@code next} names one, starts the next
     * request's clock in the same exec, then the stop gate: once the run is stopped the next request is not sent.
     */
    public ChainBuilder end(Step step, String next) {
        ChainBuilder record = exec(session -> {
            long now = System.nanoTime();
            InFlight r = inFlight(session);
            long ms = TimeUnit.NANOSECONDS.toMillis(now - r.startNanos);
            int status = r.status;
            // OBP's message and a limiter's headers are only saved on an error status.
            boolean error = status >= 400;
            recorder.completed(new RequestResult(
                    session.userId(),
                    r.worker,
                    step.name(),
                    step.group(),
                    step.stallProbe(),
                    status,
                    !session.isFailed(),
                    step.servedBy(r.versionServed),
                    error ? session.getString(MESSAGE) : null,
                    ms,
                    step.live() && !r.calibrating,
                    r.calibrating,
                    r.rateLimit,
                    r.rateReset));
            // Recorded: the failure and the saved values must not leak into the next request's.
            r.clear();
            Session done = cleared(session);
            if (next == null) return done;
            if (StopSignal.stopped()) return done.markAsFailed();
            recorder.started(session.userId(), r.worker, next, now, step.live() && !r.calibrating);
            r.startNanos = now;
            return done;
        });
        return next == null ? record : record.exec(GATE);
    }

    private Session start(Session session, String name, boolean live) {
        if (StopSignal.stopped()) return session.markAsFailed();
        long now = System.nanoTime();
        InFlight r = inFlight(session);
        if (r == null) session = session.set(REQUEST, r = new InFlight());
        r.worker = worker(session);
        r.calibrating = calibrating(session);
        r.clear();
        recorder.started(session.userId(), r.worker, name, now, live && !r.calibrating);
        r.startNanos = now;
        // Failed only ever means "stopped" at the gate that follows.
        return cleared(session);
    }

    /** Succeeded, without an error's message: no session copy when there is nothing to clear. */
    private static Session cleared(Session session) {
        Session s = session.isFailed() ? session.markAsSucceeded() : session;
        return s.contains(MESSAGE) ? s.remove(MESSAGE) : s;
    }

    /** The calibration worker's requests set baselines: not measured, not shown live. */
    static boolean calibrating(Session session) {
        return session.contains(Keys.CALIBRATING);
    }

    /** "[wN]" for worker N, built once per worker number. */
    private static final String[] LABELS = new String[10_001];

    static String worker(Session session) {
        if (!session.contains(Keys.WORKER)) return "[setup]";
        int n = session.getInt(Keys.WORKER);
        if (n < 0 || n >= LABELS.length) return "[w" + n + "]";
        String label = LABELS[n];
        // A race only builds the same immutable string twice.
        if (label == null) LABELS[n] = label = "[w" + n + "]";
        return label;
    }
}
