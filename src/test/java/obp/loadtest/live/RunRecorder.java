package obp.loadtest.live;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import obp.loadtest.verdict.Classifier;
import obp.loadtest.verdict.Outcome;
import obp.loadtest.verdict.SweepStats;

/**
 * Where every request of the run ends up: classified, counted per endpoint, and for the v7 sweep
 * printed live as {@code [wN] <endpoint> <status> <ms>} with the slow flag.
 */
public final class RunRecorder {

    /** Gatling's "Request timeout to ... after N ms" is recorded at ≈ N ms; refusals come sooner. */
    private static final double TIMEOUT_SHARE = 0.98;

    private final SweepStats stats;
    private final Classifier classifier;
    private final InFlightWatch watch;
    private final LiveConsole console;
    private final long timeoutMs;
    private final long slowMs;

    public RunRecorder(SweepStats stats, Classifier classifier, InFlightWatch watch, LiveConsole console, Duration requestTimeout,
            Duration slowThreshold) {
        this.stats = stats;
        this.classifier = classifier;
        this.watch = watch;
        this.console = console;
        this.timeoutMs = requestTimeout.toMillis();
        this.slowMs = slowThreshold.toMillis();
    }

    /** Endpoints outside the stall probe that have timed out at least once. */
    private final Set<String> timedOut = ConcurrentHashMap.newKeySet();

    /** True once timeouts have hit {@code endpoints} endpoints outside the stall probe (0 = never). */
    public boolean timeoutsOnAtLeast(int endpoints) {
        return endpoints > 0 && timedOut.size() >= endpoints;
    }

    public Set<String> timedOutEndpoints() {
        return Set.copyOf(timedOut);
    }


    public void started(long userKey, String worker, String endpoint, long startNanos, boolean live) {
        if (live) watch.started(userKey, worker, endpoint, startNanos);
    }

    /**
     * @param status 0 when no response arrived
     * @param checksPassed Gatling's verdict on the request: status expected and every check held
     */
    public void completed(long userKey, String worker, String endpoint, String group, boolean stallProbe, int status,
            boolean checksPassed, String versionServed, String message, long durationMs, boolean live) {
        String why = message;
        if (status == 0 && !checksPassed) why = durationMs >= timeoutMs * TIMEOUT_SHARE ? "Request timeout after " + durationMs + " ms" : "connection failed";
        Outcome outcome = classifier.classify(status, checksPassed, durationMs, why);
        stats.endpoint(endpoint, group, stallProbe).record(status, versionServed, durationMs, outcome, why);
        if (outcome == Outcome.TIMEOUT && !stallProbe) timedOut.add(endpoint);
        if (!live) return;
        watch.finished(userKey);
        console.request(worker, endpoint, status, durationMs, outcome, outcome == Outcome.TIMEOUT || durationMs > slowMs);
    }
}
