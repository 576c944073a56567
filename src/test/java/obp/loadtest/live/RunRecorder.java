package obp.loadtest.live;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import obp.loadtest.verdict.Calibration;
import obp.loadtest.verdict.Classification;
import obp.loadtest.verdict.Classifier;
import obp.loadtest.verdict.Outcome;
import obp.loadtest.verdict.SearchLevels;
import obp.loadtest.verdict.ServerRefusals;
import obp.loadtest.verdict.SweepStats;
import obp.loadtest.verdict.Timeline;

/**
 * Where every request of the run ends up: a calibration request sets its endpoint's baseline; a
 * measured one is classified against that baseline, counted per endpoint and per second, and for the
 * v7 sweep printed live as {@code [wN] <endpoint> <status> <ms>} with the slow flag. Also counts our
 * requests in flight, which the pool sampler sets beside the pool's busy connections. Once the run's
 * {@link StopSignal} is tripped, a request that ends is counted as interrupted and nothing else: the
 * statistics, timeline, capacity search and console end at the stop.
 */
public final class RunRecorder {

    private final SweepStats stats;
    private final Calibration calibration;
    private final Timeline timeline;
    private final Classifier classifier;
    private final InFlightWatch watch;
    private final LiveConsole console;
    private final SweepClock clock;
    private final long slowMs;
    private final int stopAfterTimeouts;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Requests that ended after the stop: cut off by it, in no statistics. */
    private final LongAdder interrupted = new LongAdder();
    /** Endpoints outside the stall probe that have timed out at least once. */
    private final Set<String> timedOut = ConcurrentHashMap.newKeySet();
    /** The capacity search's per-level accounting, when --search-v7 is on. */
    private volatile SearchLevels search;
    /** Rate limits and load shedding the measured requests met. */
    private volatile ServerRefusals refusals = new ServerRefusals();

    public RunRecorder(
            SweepStats stats,
            Calibration calibration,
            Timeline timeline,
            Classifier classifier,
            InFlightWatch watch,
            LiveConsole console,
            SweepClock clock,
            long slowMs,
            int stopAfterTimeouts) {
        this.stats = stats;
        this.calibration = calibration;
        this.timeline = timeline;
        this.classifier = classifier;
        this.watch = watch;
        this.console = console;
        this.clock = clock;
        this.slowMs = slowMs;
        this.stopAfterTimeouts = stopAfterTimeouts;
    }

    /** With --search-v7: every measured sweep request is also put into its level. */
    public void searchInto(SearchLevels levels) {
        search = levels;
    }

    /** Rate limits and load shedding are recorded into these. */
    public void refusalsInto(ServerRefusals into) {
        refusals = into;
    }

    /** True once timeouts have hit {@code endpoints} endpoints outside the stall probe (0 = never). */
    public boolean timeoutsOnAtLeast(int endpoints) {
        return endpoints > 0 && timedOut.size() >= endpoints;
    }

    public Set<String> timedOutEndpoints() {
        return Set.copyOf(timedOut);
    }

    /** Our requests in flight right now, calibration's included. */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Requests cut off by the stop: those that ended after it plus those still in flight (abandoned).
     * 0 while the run is not stopped.
     */
    public long interrupted() {
        return interrupted.sum() + (StopSignal.stopped() ? Math.max(0, inFlight.get()) : 0);
    }

    public void started(long userKey, String worker, String endpoint, long startNanos, boolean live) {
        inFlight.incrementAndGet();
        if (live) watch.started(userKey, worker, endpoint, startNanos);
    }

    /** A request ended: counted as interrupted after the stop, else a baseline or a measurement. */
    public void completed(RequestResult r) {
        String endpoint = r.endpoint();
        String group = r.group();
        boolean stallProbe = r.stallProbe();
        int status = r.status();
        long durationMs = r.durationMs();
        boolean live = r.live();
        int nowInFlight = inFlight.decrementAndGet() + 1;
        if (StopSignal.stopped()) {
            // Cut off by the stop: what it measured is not the server's doing alone, and nothing after the stop counts.
            interrupted.increment();
            if (live) watch.finished(r.userKey());
            return;
        }
        if (r.calibrating()) {
            calibration.record(endpoint, durationMs, r.checksPassed());
            return;
        }
        Classification c = classifier.classify(
                status, r.checksPassed(), durationMs, r.message(), calibration.baselineMs(endpoint));
        stats.endpoint(endpoint, group, stallProbe).record(status, r.versionServed(), durationMs, c, r.message());
        if (!r.checksPassed() && status >= 400) {
            if (ServerRefusals.shed(status, r.message())) refusals.shed(endpoint, r.message(), clock.ms(), nowInFlight);
            else
                refusals.rateLimited(
                        endpoint,
                        ServerRefusals.Phase.LOAD,
                        status,
                        r.message(),
                        r.rateLimit(),
                        r.rateReset(),
                        clock.ms());
        }
        if (!live) return;
        SearchLevels levels = search;
        if (levels != null)
            levels.record(clock.ms(), endpoint, group, stallProbe, status, r.versionServed(), durationMs, c);
        timeline.record(group, clock.ms(), durationMs, c.outcome(), nowInFlight);
        if (c.outcome() == Outcome.TIMEOUT
                && !stallProbe
                && timedOut.add(endpoint)
                && timeoutsOnAtLeast(stopAfterTimeouts)
                && StopSignal.trip(StopSignal.Reason.EARLY, "early stop")) {
            timeline.stoppedEarly(clock.ms());
        }
        watch.finished(r.userKey());
        console.request(
                r.worker(),
                endpoint,
                status,
                durationMs,
                c.outcome(),
                c.outcome() == Outcome.TIMEOUT || durationMs > slowMs);
    }
}
