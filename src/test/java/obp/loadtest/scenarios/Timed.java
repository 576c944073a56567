package obp.loadtest.scenarios;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.TimeUnit;
import obp.loadtest.live.RunRecorder;
import obp.loadtest.obp.ObpApi;

/**
 * Wraps a request so it lands in our per-endpoint statistics as well as Gatling's: Gatling has
 * no public hook into its stats, so we time the request ourselves around it. The status check is
 * always explicit ({@code saveAs} alone would drop Gatling's default 2xx check).
 */
public final class Timed {

    private static final String MESSAGE_PATTERN = "\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"";

    private final RunRecorder recorder;
    private final Duration timeout;
    /** Every step wrapped so far, one per Gatling path (group / name). */
    private final Map<String, Step> steps = new LinkedHashMap<>();

    private final int stopAfterTimeouts;

    /** @param stopAfterTimeouts stop the load once this many endpoints have timed out (0 = never) */
    public Timed(RunRecorder recorder, Duration timeout, int stopAfterTimeouts) {
        this.recorder = recorder;
        this.timeout = timeout;
        this.stopAfterTimeouts = stopAfterTimeouts;
    }

    /** The message Gatling prints when the sweep stops early. */
    public static final String STOPPED_EARLY = "stopping the sweep early: timeouts on several endpoints already settle the verdict"
        + " (--stop-after-timeouts; 0 runs every loop)";

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
            return name.matches("^v\\d+\\.\\d+\\.\\d+ .*") ? name.substring(0, name.indexOf(' ')) : null;
        }
    }

    /** Every step wrapped so far, one per Gatling path: the simulation asserts on each. */
    public Collection<Step> steps() {
        return steps.values();
    }

    public ChainBuilder request(Step step, HttpRequestActionBuilder request) {
        steps.putIfAbsent(step.group() + " / " + step.name(), step);
        HttpRequestActionBuilder checked = request.requestTimeout(timeout).check(
                status().saveAs(Keys.STATUS),
                status().in(step.expected()),
                header(ObpApi.VERSION_SERVED_HEADER).optional().saveAs(Keys.VERSION),
                regex(MESSAGE_PATTERN).optional().saveAs(Keys.MESSAGE));
        return exec(session -> {
                    long now = System.nanoTime();
                    recorder.started(session.userId(), worker(session), step.name(), now, step.live() && !calibrating(session));
                    return session.removeAll(Keys.STATUS, Keys.VERSION, Keys.MESSAGE).set(Keys.START, now);
                })
                .exec(checked)
                .exec(session -> {
                    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - session.getLong(Keys.START));
                    int status = session.contains(Keys.STATUS) ? session.getInt(Keys.STATUS) : 0;
                    recorder.completed(session.userId(), worker(session), step.name(), step.group(), step.stallProbe(), status,
                            !session.isFailed(), step.servedBy(session.getString(Keys.VERSION)), session.getString(Keys.MESSAGE), ms,
                            step.live() && !calibrating(session), calibrating(session));
                    // Recorded: the failure must not leak into the next request's verdict.
                    return session.markAsSucceeded();
                })
                .exec(step.live() && stopAfterTimeouts > 0
                    ? stopLoadGeneratorIf(STOPPED_EARLY, session -> recorder.timeoutsOnAtLeast(stopAfterTimeouts))
                    : exec(session -> session));
    }

    static boolean calibrating(Session session) {
        return session.contains(Keys.CALIBRATING);
    }

    static String worker(Session session) {
        return session.contains(Keys.WORKER) ? "[w" + session.getInt(Keys.WORKER) + "]" : "[setup]";
    }
}
