package obp.loadtest.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import obp.loadtest.config.Settings;
import obp.loadtest.live.InFlightWatch;
import obp.loadtest.live.LiveConsole;
import obp.loadtest.live.RunRecorder;
import obp.loadtest.live.StopSignal;
import obp.loadtest.live.SweepClock;
import obp.loadtest.report.LiveDashboard;
import obp.loadtest.verdict.Calibration;
import obp.loadtest.verdict.Diagnosis;
import obp.loadtest.verdict.Outcome;
import obp.loadtest.verdict.PoolEvidence;
import obp.loadtest.verdict.RunEvidence;
import obp.loadtest.verdict.RunSummary;
import obp.loadtest.verdict.SearchLevels;
import obp.loadtest.verdict.Timeline;
import obp.loadtest.verdict.VerdictRules;

/**
 * What the live page shows, read from the run's own records when a page asks (at most once a second): the summary
 * so far, as the end of the run would write it ({@code RunSummary.sofar} over the same evidence, the verdict the same
 * rules decide now), and the live facts no summary holds (phase, requests in flight, the flags still waiting). No
 * bookkeeping of its own.
 */
final class LiveFeed implements Supplier<LiveDashboard.Snapshot> {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The run's records, as ObpRun holds them. */
    record Sources(
            Instant started,
            Settings settings,
            Supplier<RunEvidence> evidence,
            VerdictRules rules,
            RunRecorder recorder,
            InFlightWatch watch,
            SweepClock clock,
            SearchLevels search) {}

    private final Sources run;

    /**
     * With --dashboard: serves the live page and says where, the address with its token on the terminal alone (the
     * one place it is ever written: it is registered with the redactor, so the log and every other output mask it).
     * A port that cannot be bound costs one line, not the run.
     */
    static LiveDashboard serve(Sources run, LiveConsole console) {
        if (!run.settings().dashboard()) return null;
        try {
            LiveDashboard d = LiveDashboard.open(
                    run.settings().dashboardPort(), new LiveFeed(run), () -> ObpRun.interrupt("the dashboard's Stop"));
            console.flush();
            PrintStream terminal =
                    new PrintStream(new FileOutputStream(FileDescriptor.out), true, Charset.defaultCharset());
            terminal.println("dashboard: " + d.url()
                    + " (open it in a browser on this machine; 127.0.0.1 only, while the run lasts)");
            console.logOnly("dashboard: " + d.maskedUrl() + " (its token was printed to the terminal only)");
            return d;
        } catch (IOException | RuntimeException e) {
            console.line("dashboard: not served: " + e.getMessage());
            return null;
        }
    }

    LiveFeed(Sources run) {
        this.run = run;
    }

    @Override
    public LiveDashboard.Snapshot get() {
        RunEvidence ev = run.evidence().get();
        Diagnosis sofar = run.rules().decide(ev);
        ObjectNode summary = RunSummary.sofar(run.started(), run.settings().masked(), ev, sofar)
                .toTree();
        // No exit code yet: the page's verdict line says so by leaving it out.
        ((ObjectNode) summary.path("verdict")).remove("exit_code");
        return new LiveDashboard.Snapshot(summary, live(ev, sofar));
    }

    private ObjectNode live(RunEvidence ev, Diagnosis sofar) {
        ObjectNode live = JSON.createObjectNode();
        SweepClock clock = run.clock();
        boolean measuring = clock.started();
        long ms = clock.ms();
        live.put(
                "phase",
                StopSignal.stopped()
                        ? "stopping (" + StopSignal.what() + ")"
                        : measuring ? "measuring" : "calibrating (each endpoint alone)");
        live.put("stopping", StopSignal.stopped());
        if (measuring) live.put("elapsed_s", ms / 1000);
        live.put("load", run.settings().loadShape().describe());
        if (run.search() != null && measuring)
            live.put("level_workers", run.search().workersAt(ms));
        live.put("in_flight", run.recorder().inFlight());
        live.put("requests", ev.stats().totalCount());
        live.put("requests_per_s", measuring ? lastSecond(ev.timeline(), ms / 1000 - 1) : 0);
        live.put("timeouts", ev.stats().total(Outcome.TIMEOUT));
        live.put(
                "errors",
                ev.stats().total(Outcome.UNEXPECTED_STATUS) + ev.stats().total(Outcome.CONNECTION_ERROR));
        live.put("slow", ev.stats().total(Outcome.SLOW));
        PoolEvidence pool = ev.pool();
        List<PoolEvidence.Sample> series = pool.series();
        for (int i = series.size() - 1; i >= 0; i--) {
            PoolEvidence.Sample s = series.get(i);
            if (!s.ok()) continue;
            live.putObject("pool_now")
                    .put("active", s.active())
                    .put("idle", s.idle())
                    .put("waiting", s.waiting())
                    .put("max", s.max());
            break;
        }
        // The verdict's own words: its headline, and when the pool filled as its evidence says it.
        live.put("verdict", sofar.headline().isBlank() ? sofar.verdict().name().replace('_', ' ') : sofar.headline());
        sofar.evidence().stream()
                .filter(line -> line.startsWith("pool saturated from "))
                .findFirst()
                .ifPresent(line -> live.put("pool_saturated", line));
        live.putArray("still_waiting")
                .addAll(run.watch().stillWaiting().stream()
                        .map(JSON.getNodeFactory()::textNode)
                        .toList());
        ObjectNode baselines = live.putObject("baselines");
        Calibration calibration = ev.calibration();
        if (calibration.calibrated()) calibration.baselines().values().forEach(b -> baselines.put(b.name(), b.ms()));
        return live;
    }

    /** Requests that ended in second {@code second} of the sweep, every group. */
    private static long lastSecond(Timeline timeline, long second) {
        long n = 0;
        for (List<Timeline.Point> points : timeline.points().values())
            for (Timeline.Point p : points) if (p.tS() == second) n += p.count();
        return n;
    }
}
