package obp.loadtest.run;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import obp.loadtest.ci.CiReport;
import obp.loadtest.config.Durations;
import obp.loadtest.config.Settings;
import obp.loadtest.config.SettingsException;
import obp.loadtest.emulator.EmulatorSettings;
import obp.loadtest.emulator.ObpEmulator;
import obp.loadtest.live.ApiMetricsReader;
import obp.loadtest.live.GeneratorWatch;
import obp.loadtest.live.InFlightWatch;
import obp.loadtest.live.LiveConsole;
import obp.loadtest.live.PoolSampler;
import obp.loadtest.live.RunRecorder;
import obp.loadtest.live.StopSignal;
import obp.loadtest.live.SweepClock;
import obp.loadtest.live.TelemetryScraper;
import obp.loadtest.obp.EndpointPaths;
import obp.loadtest.obp.ObpApi;
import obp.loadtest.obp.Operation;
import obp.loadtest.obp.Roles;
import obp.loadtest.obp.ServerFacts;
import obp.loadtest.obp.V7Endpoint;
import obp.loadtest.outcome.ExitCode;
import obp.loadtest.report.Redactor;
import obp.loadtest.scenarios.Timed;
import obp.loadtest.scenarios.V7Sweep;
import obp.loadtest.setup.Cleanup;
import obp.loadtest.setup.Fixture;
import obp.loadtest.setup.ObpClient;
import obp.loadtest.setup.Preflight;
import obp.loadtest.setup.Provisioner;
import obp.loadtest.setup.SetupFailure;
import obp.loadtest.verdict.BaselineComparison;
import obp.loadtest.verdict.Calibration;
import obp.loadtest.verdict.Classifier;
import obp.loadtest.verdict.Diagnosis;
import obp.loadtest.verdict.FixtureReport;
import obp.loadtest.verdict.GeneratorEvidence;
import obp.loadtest.verdict.PoolEvidence;
import obp.loadtest.verdict.RunEvidence;
import obp.loadtest.verdict.RunSummary;
import obp.loadtest.verdict.ServerRefusals;
import obp.loadtest.verdict.ServerView;
import obp.loadtest.verdict.StatsTable;
import obp.loadtest.verdict.SweepStats;
import obp.loadtest.verdict.Timeline;
import obp.loadtest.verdict.Verdict;
import obp.loadtest.verdict.VerdictRules;
import obp.loadtest.verdict.VerdictThresholds;

/**
 * One run, shared by the simulations: settings, the embedded emulator when no server is
 * configured, the provisioned fixture, our statistics, and the end of run (table, verdict,
 * summary JSON, exit code). The summary is written even when the run is cut short.
 */
public final class ObpRun {

    /** A p95 more than 20% above the baseline's is flagged as a regression. */
    private static final double BASELINE_REGRESSION_RATIO = 1.2;

    /** Which phases a simulation runs; setup provisions only what they need. */
    public record Phases(boolean accounts, boolean consents, boolean v7) {}

    private final Instant started = Instant.now();
    private final Settings settings;
    private final LiveConsole console;
    private final ObpEmulator emulator;
    private final Fixture fixture;
    private final SweepStats stats = new SweepStats();
    private final PoolEvidence pool;
    private final PoolSampler sampler;
    /** The server's own view (Telemetry during the run, API metrics after it), beside the client's. */
    private final ServerView serverView = new ServerView();

    private final TelemetryScraper scraper;
    private final InFlightWatch watch;
    private final SweepClock clock = new SweepClock();
    private final Calibration calibration;
    private final Timeline timeline = new Timeline();
    /** Rate limits and load shedding, in the setup and under the load. */
    private final ServerRefusals refusals = new ServerRefusals();

    private final GeneratorEvidence generator;
    private final GeneratorWatch generatorWatch;
    private final VerdictRules rules;
    private final Timed timed;
    private final CiReport ci;
    private volatile boolean finished;
    /** A run has its exit hook: from here on, an interruption is reported by {@link #onExit}. */
    private static volatile boolean hooked;
    /** The run of this JVM, for Main's signal handler (null until its console is open). */
    private static volatile ObpRun current;
    /**
     * The settings run.sh's JVM validated before Gatling started ({@link #handOver}): the run takes them as they
     * are. Under {@code mvn gatling:test} no one hands any over, and the run reads them itself, once.
     */
    private static volatile Settings handedOver;

    /** Who ends the run: Gatling's after() ({@link #finish}), the stop's own thread, or the exit hook; the first one. */
    private final AtomicBoolean ending = new AtomicBoolean();
    /** The run was cut short by a signal: its verdict is INTERRUPTED and its cleanup comes after the outputs. */
    private volatile boolean interruptedRun;
    /** The cleanup after a stop has started: a second signal then exits at once. */
    private volatile boolean cleaningUp;
    /** Everything printed and written, the console closed. */
    private volatile boolean closed;

    private volatile String closing;
    /** What the preflight learnt of the server, for the summary (null until it answered). */
    private volatile ServerFacts server;

    private RunRecorder recorder;
    private final CapacitySearch search;
    /** The live page (--dashboard), or null. */
    private final obp.loadtest.report.LiveDashboard dashboard;
    /** The run's result, built once at its end (null until then); its summary is written once. */
    private volatile RunResult result;
    /** The history comparison's lines, printed with the closing text. */
    private volatile List<String> historyLines = List.of();

    private ObpRun(Phases phases) {
        settings = handedOver != null ? handedOver : loadSettingsOrExit();
        Redactor.guardStandardStreams();
        settings.secrets().forEach(Redactor::register);
        ci = openCiOrExit(phases);
        // Under run.sh (Main) the whole console is already copied to the log: then our console only prints.
        console = LiveConsole.open(
                settings.logFile(),
                ConsoleTee.installed(),
                LiveConsole.Mode.parse(settings.live()),
                settings.liveDigestRate());
        Runtime.getRuntime().addShutdownHook(new Thread(this::onExit, "obp-loadtest-exit"));
        hooked = true;
        current = this;
        printBanner(phases);
        VerdictThresholds thresholds = new VerdictThresholds(
                settings.requestTimeout(),
                settings.slowThreshold(),
                settings.verdictCapRatio(),
                settings.verdictUnreachableRatio(),
                settings.verdictSpikeRatio(),
                settings.verdictInflationFactor(),
                settings.verdictInflationMin(),
                settings.verdictPoolShare(),
                settings.strict());
        rules = new VerdictRules(thresholds);
        calibration = new Calibration(settings.slowThreshold().toMillis());
        generator = new GeneratorEvidence(settings.embedded());
        generatorWatch = new GeneratorWatch(generator);
        pool = new PoolEvidence(
                settings.poolSampleInterval().isZero() ? Duration.ofSeconds(1) : settings.poolSampleInterval());
        watch = new InFlightWatch(settings.slowThreshold().toMillis(), console::flag);
        console.digestFrom(watch::inFlight, pool::latest);
        emulator = settings.embedded() ? startEmulator() : null;
        String baseUrl = emulator != null ? emulator.baseUrl() : settings.host();
        String consumerKey = emulator != null
                ? emulator.consumerKey()
                : settings.consumerKey().reveal();
        fixture = provisionOrExit(phases, baseUrl, consumerKey);
        recorder = new RunRecorder(
                stats,
                calibration,
                timeline,
                new Classifier(thresholds, pool::connectionTimeoutMs),
                watch,
                console,
                clock,
                settings.slowThreshold().toMillis(),
                settings.stopAfterTimeouts());
        sampler = new PoolSampler(
                baseUrl,
                fixture.bootstrap().token(),
                poolSampled() ? settings.poolSampleInterval() : Duration.ZERO,
                settings.requestTimeout(),
                pool,
                clock,
                recorder::inFlight);
        recorder.refusalsInto(refusals);
        scraper = telemetryScraper(baseUrl);
        search = CapacitySearch.of(settings, clock);
        if (search != null) {
            recorder.searchInto(search.levels());
        }
        timed = new Timed(recorder, settings.requestTimeout());
        dashboard = LiveFeed.serve(
                new LiveFeed.Sources(
                        started,
                        settings,
                        this::evidence,
                        rules,
                        recorder,
                        watch,
                        clock,
                        search == null ? null : search.levels()),
                console);
    }

    /** How long the server gets to put its connections back before the sample after the load. */
    private static final Duration SETTLE_AFTER_LOAD = Duration.ofMillis(500);

    /** Calibration: up to this many sweeps alone... */
    private static final int CALIBRATION_SWEEPS = 3;
    /** ...while under this long (the first always runs). */
    private static final Duration CALIBRATION_BUDGET = Duration.ofSeconds(3);

    /** The calibration sweeps (or, with --calibration false, nothing), then the measured sweep's clock starts. */
    public ChainBuilder calibration() {
        if (settings.calibration())
            return V7Sweep.calibration(fixture, timed, CALIBRATION_SWEEPS, CALIBRATION_BUDGET, this::calibrated);
        return exec(session -> {
            calibrated();
            return session;
        });
    }

    /** From here on the pool endpoint is sampled (the calibration sweeps are sampled closely). */
    public ChainBuilder startPoolSampling() {
        return exec(session -> {
            sampler.start();
            if (scraper != null) scraper.start();
            return session;
        });
    }

    /** This generator's part of a total (--shard I/N: as even as possible; the whole total without --shard). */
    public int share(int total) {
        return settings.shard().map(sh -> sh.share(total)).orElse(total);
    }

    /**
     * This generator's share of a phase's loop count, or nothing when the count is 0 (the phase is left
     * out). A shard whose share is 0 still runs the phase, with no loops, as its siblings do.
     */
    public Optional<Integer> shareOf(int total) {
        return total == 0 ? Optional.empty() : Optional.of(share(total));
    }

    /**
     * The phases that run, each after the previous one has finished; a phase left out (its loop
     * count is 0) is skipped. With nothing left to run, the run ends as a usage error.
     */
    @SafeVarargs
    public final PopulationBuilder inSequence(Optional<PopulationBuilder>... phases) {
        List<PopulationBuilder> run =
                Stream.of(phases).flatMap(Optional::stream).toList();
        if (run.isEmpty()) {
            System.err.println("obp-loadtest: nothing to run: this simulation's loop counts are all 0");
            RunOutcome.exit(ExitCode.USAGE_ERROR);
        }
        PopulationBuilder chain = run.get(run.size() - 1);
        for (int i = run.size() - 2; i >= 0; i--) chain = run.get(i).andThen(chain);
        return chain;
    }

    /** Calibration is over (or off): baselines are fixed, and the measured sweep's clock starts. */
    private void calibrated() {
        calibration.finish();
        clock.start();
        pool.sweepStarted(clock.startOffsetMs());
        serverView.sweepStarted(clock.startOffsetMs());
        generatorWatch.start();
        if (!calibration.calibrated()) return;
        var baselines = calibration.baselines().values();
        var slowest = baselines.stream()
                .max(java.util.Comparator.comparingLong(Calibration.Baseline::ms))
                .orElseThrow();
        long failing =
                baselines.stream().filter(Calibration.Baseline::failedAlone).count();
        console.line("calibration: " + baselines.size() + " endpoints swept alone, slowest " + slowest.name() + " "
                + VerdictRules.human(slowest.ms()) + (failing > 0 ? ", " + failing + " already failing alone" : ""));
    }

    /**
     * Telemetry from the Prometheus port the user named, else through OBP's own endpoint when the server lists its role
     * (OBP of 2026), else none: the view says why.
     */
    private TelemetryScraper telemetryScraper(String baseUrl) {
        Duration every = settings.poolSampleInterval().isZero() ? Duration.ofSeconds(1) : settings.poolSampleInterval();
        Optional<String> named = settings.telemetryUrl();
        if (named.isPresent())
            return new TelemetryScraper(
                    named.get(), null, named.get(), every, settings.requestTimeout(), serverView, clock);
        var roles = fixture.server().roles();
        if (roles != null && roles.containsKey(Roles.CAN_GET_TELEMETRY))
            return new TelemetryScraper(
                    baseUrl + ObpApi.V7_TELEMETRY,
                    fixture.bootstrap().token(),
                    "GET " + ObpApi.V7_TELEMETRY,
                    every,
                    settings.requestTimeout(),
                    serverView,
                    clock);
        serverView.telemetryAbsent("the server has no Telemetry endpoint (no " + Roles.CAN_GET_TELEMETRY
                + " role: OBP before 2026) and no --telemetry URL was given");
        return null;
    }

    /** The server's API metrics of the run's calls, read once after the load. */
    private void readApiMetrics() {
        new ApiMetricsReader(fixture.baseUrl(), fixture.bootstrap().token(), settings.requestTimeout())
                .read(
                        started.minusSeconds(1),
                        Instant.now().plusSeconds(1),
                        fixture.bootstrap().userId(),
                        EndpointPaths.of(fixture.server()),
                        serverView);
    }

    /** Each endpoint's p95 as this tool measured it, for the server view's comparison. */
    private Map<String, Long> clientP95() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (var e : stats.all()) if (e.count() > 0) out.put(e.name(), e.p95Ms());
        return out;
    }

    private RunEvidence evidence() {
        return new RunEvidence(stats, calibration, pool, generator, timeline, refusals);
    }

    public static ObpRun start(Phases phases) {
        return new ObpRun(phases);
    }

    /** The one settings value this JVM's run uses, read and validated by run/Main before Gatling starts. */
    static void handOver(Settings settings) {
        handedOver = settings;
    }

    /** The measured sweep has begun (the calibration is over): the benchmark's steady phase starts here. */
    public boolean sweepStarted() {
        return clock.started();
    }

    public Settings settings() {
        return settings;
    }

    public Fixture fixture() {
        return fixture;
    }

    public Timed timed() {
        return timed;
    }
    /** The capacity search, or null when --search-v7 is off. */
    public CapacitySearch search() {
        return search;
    }

    public HttpProtocolBuilder protocol() {
        // Warm up on the target itself (Gatling's default goes to an outside host): the first request of a JVM
        // pays for class loading and would be measured as server latency.
        return http.baseUrl(fixture.baseUrl())
                .warmUp(fixture.baseUrl() + ObpApi.ROOT_V121)
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .disableCaching()
                .disableFollowRedirect()
                .disableAutoReferer();
    }

    /**
     * The verdict as Gatling assertions: no failed request on any path outside the stall probe
     * (and, when strict, none slower than the threshold), so Gatling's exit code and our printed
     * verdict come from the same events.
     */
    public List<Assertion> assertions() {
        List<Assertion> out = new ArrayList<>();
        for (Timed.Step step : timed.steps()) {
            if (step.stallProbe()) continue;
            out.add(details(step.group(), step.name()).failedRequests().count().is(0L));
            if (settings.strict())
                out.add(details(step.group(), step.name()).responseTime().max().lte((int)
                        settings.slowThreshold().toMillis()));
        }
        out.addAll(ci.assertions());
        return out;
    }

    /**
     * End of run (Gatling's after()): decide, write the summary, record the exit code. The table and
     * verdict are printed at JVM exit, after Gatling's own report blocks, so they are what the user
     * reads last.
     */
    public void finish() {
        if (!ending.compareAndSet(false, true)) {
            // The stop's own thread or the exit hook ends this run and the JVM with it: Gatling must not go on to
            // its report meanwhile.
            if (StopSignal.reason() == StopSignal.Reason.SIGNAL) parkUntilExit();
            return;
        }
        StopSignal.Reason stop = StopSignal.reason();
        if (stop == StopSignal.Reason.EARLY) {
            announceStop(
                    "early stop: timeouts on " + recorder.timedOutEndpoints().size()
                            + " endpoints settle the verdict (--stop-after-timeouts; 0 runs every loop)");
        }
        if (stop != null) awaitInFlight();
        synchronized (this) {
            if (finished) return;
            if (stop == StopSignal.Reason.SIGNAL) {
                conclude(interruptedDiagnosis());
                return;
            }
            // The Telemetry scrapes end first: one still out would hold connections the next sample counts.
            if (scraper != null) {
                scraper.close();
                scraper.cost().ifPresent(console::line);
            }
            // Every request has answered: one more pool sample, whose busy connections are held by nothing (a leak).
            if (stop == null && sampler != null && recorder.inFlight() == 0) sampler.sampleAfterLoad(SETTLE_AFTER_LOAD);
            readApiMetrics();
            Diagnosis d = serverView.inform(rules.decide(evidence()), clientP95());
            if (recorder.timeoutsOnAtLeast(settings.stopAfterTimeouts())) {
                d = d.withEvidence(List.of("stopped early: timeouts had hit "
                        + recorder.timedOutEndpoints().size()
                        + " endpoints, which settles the verdict; --stop-after-timeouts 0 runs every loop"));
            }
            conclude(d);
        }
    }

    // ---- the stop: Ctrl-C, SIGTERM, the early stop -------------------------------------------------------------

    /**
     * Main's handler for Ctrl-C and SIGTERM (run.sh's JVM). The first shuts the gate: no request starts any
     * more, the requests in flight get the grace, then the outputs, then the cleanup, then exit 130. Gatling's
     * own thread normally does that: the first virtual user to meet the gate stops the injection, which runs
     * {@link #finish}; when none does within the grace (all waiting on slow answers, or setup still running),
     * this thread ends the run itself. A second signal skips what is left to wait for and the cleanup.
     *
     * @return false when no run has started yet (nothing was sent): Main then simply exits
     */
    public static boolean interrupt(String what) {
        ObpRun run = current;
        if (run == null) return false;
        run.onSignal(what);
        return true;
    }

    private void onSignal(String what) {
        if (!StopSignal.trip(StopSignal.Reason.SIGNAL, what)) {
            againSignalled(what);
            return;
        }
        if (finished) {
            // The run had already ended (its summary is written): only the reports and the exit are left.
            System.exit(ExitCode.INTERRUPTED);
            return;
        }
        announceStop(what);
        long graceEnd = StopSignal.atNanos() + settings.stopGrace().toNanos();
        while (!ending.get()
                && System.nanoTime() < graceEnd
                && !StopSignal.hurried()
                && (recorder == null || recorder.inFlight() > 0)) pause(10);
        // Every request ended: a virtual user meets the gate at once, and Gatling's thread takes over.
        long handover = System.nanoTime() + HANDOVER.toNanos();
        boolean allEnded = recorder != null && recorder.inFlight() == 0;
        while (allEnded && !ending.get() && System.nanoTime() < handover && !StopSignal.hurried()) pause(10);
        if (!ending.compareAndSet(false, true)) return;
        // No virtual user met the gate: end the run from here.
        awaitInFlight();
        synchronized (this) {
            if (!finished && rules != null) conclude(interruptedDiagnosis());
        }
        closeOut();
        RunOutcome.exit(ExitCode.INTERRUPTED);
    }

    /** Once no request is in flight, how long the stop waits for Gatling's thread to take the end of the run over. */
    private static final Duration HANDOVER = Duration.ofMillis(500);

    /** A signal while the run already stops: skip the rest of the wait and the cleanup; during the cleanup, exit now. */
    private void againSignalled(String what) {
        boolean before = StopSignal.hurried();
        StopSignal.hurry();
        if (before || cleaningUp || finished) {
            console.line("obp-loadtest: " + what + " again: exiting now, cleanup skipped");
            leftovers(what + " again");
            // The summary is written once the cleanup is done; halted during it, it is written here, without the
            // fixture.
            if (finished) writeSummary(this::summaryNotWritten);
            console.flush();
            System.out.flush();
            Runtime.getRuntime().halt(ExitCode.INTERRUPTED);
        }
        console.line("stopping: " + what + " again: no more waiting; the cleanup will be skipped");
    }

    /** The cleanup was skipped: what this run leaves on the server, as --keep would say it. */
    private void leftovers(String why) {
        Cleanup.atEnd(
                true,
                true,
                settings.requestTimeout(),
                line -> console.line(line.replace(
                        "cleanup: --keep: left ",
                        "cleanup: skipped (" + why + "): " + (cleaningUp ? "may have left " : "left "))));
    }

    /** The gate is shut: stop the pool sampler and the watches (no request of ours, no line about one), say so. */
    private void announceStop(String what) {
        if (sampler != null) sampler.close();
        if (scraper != null) scraper.close();
        if (generatorWatch != null) generatorWatch.close();
        if (watch != null) watch.close();
        console.endDigests();
        int inFlight = recorder == null ? 0 : recorder.inFlight();
        console.line("stopping (" + what + "): no new request is sent; " + inFlight + " request"
                + (inFlight == 1 ? "" : "s") + " in flight, up to " + Durations.format(settings.stopGrace())
                + " for " + (inFlight == 1 ? "it" : "them") + " to end");
    }

    /** The grace after the stop: until the requests in flight have ended, at most --stop-grace after the stop. */
    private void awaitInFlight() {
        long deadline = StopSignal.atNanos() + settings.stopGrace().toNanos();
        while (recorder != null && recorder.inFlight() > 0 && System.nanoTime() < deadline && !StopSignal.hurried())
            pause(5);
        int left = recorder == null ? 0 : recorder.inFlight();
        String after = String.format(java.util.Locale.ROOT, "%.2f s", secondsSinceStop());
        console.line(
                left == 0
                        ? "stopping: no request in flight (" + after + " after the stop); writing the outputs"
                        : "stopping: " + left + " request" + (left == 1 ? "" : "s") + " still in flight after " + after
                                + ": abandoned, counted as interrupted; writing the outputs");
    }

    private static double secondsSinceStop() {
        return (System.nanoTime() - StopSignal.atNanos()) / 1e9;
    }

    private Diagnosis interruptedDiagnosis() {
        String what = StopSignal.what();
        return rules.interrupted(evidence(), (what == null ? "the run" : what) + " stopped the run before it finished");
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Gatling's thread, while another one ends the run and the JVM: wait for the exit. */
    private static void parkUntilExit() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // keep waiting: System.exit is on its way
            }
        }
    }

    private void conclude(Diagnosis diagnosis) {
        diagnosis = obp.loadtest.merge.ShardRun.partial(ci.judge(diagnosis), settings);
        if (search != null) diagnosis = CapacitySearch.passed(diagnosis);
        if (sampler != null) sampler.close();
        if (scraper != null) scraper.close();
        generatorWatch.close();
        watch.close();
        // A setup failure was already said in its one line: no table, no verdict block to repeat it.
        StringBuilder text = new StringBuilder();
        if (diagnosis.verdict() != Verdict.SETUP_FAILED)
            text.append('\n')
                    .append(StatsTable.render(stats, calibration, serverView.serverP95()))
                    .append('\n')
                    .append(diagnosis.render());
        if (search != null && diagnosis.verdict() != Verdict.SETUP_FAILED)
            text.append("\n\n").append(search.conclude(pool, calibration, rules));
        BaselineComparison comparison = null;
        Optional<Path> baseline = settings.baseline();
        if (baseline.isPresent()) {
            try {
                comparison =
                        BaselineComparison.compare(RunSummary.read(baseline.get()), stats, BASELINE_REGRESSION_RATIO);
                text.append('\n').append(comparison.render());
            } catch (IllegalArgumentException e) {
                text.append("\nbaseline not compared: ").append(e.getMessage());
            }
        }
        boolean interrupted = diagnosis.verdict() == Verdict.INTERRUPTED;
        // After a stop the cleanup comes last, after the other outputs (a second Ctrl-C may skip it): the summary is
        // written then, once, with the fixture section (closeOut).
        FixtureReport removed =
                interrupted ? null : Cleanup.atEnd(settings.keep(), false, settings.requestTimeout(), console::line);
        if (interrupted) interruptedRun = true;
        RunSummary summary = obp.loadtest.merge.ShardRun.mark(
                RunSummary.of(started, endOfStatistics(), settings.masked(), evidence(), diagnosis, comparison)
                        .withFixture(removed)
                        .withServer(server == null ? null : server.report())
                        .withInterrupted(recorder == null ? 0 : recorder.interrupted()),
                settings);
        // The whole result before its one write: the search, the thresholds, the history comparison.
        RunResult complete = RunResult.of(settings.summaryFile(), summary)
                .with("search", search == null ? null : search.section())
                .with("refusals", refusals.section() == null ? null : RunSummary.section(refusals.section()))
                // Nothing was sent after a setup failure: the server's view of a run that never ran is no section.
                .with(
                        "server_view",
                        diagnosis.verdict() == Verdict.SETUP_FAILED ? null : serverView.section(clientP95()))
                .with("thresholds", ci.section());
        historyLines = obp.loadtest.report.Reports.history(settings, complete.tree());
        result = complete;
        Path file = complete.file();
        if (interrupted)
            text.append(text.length() == 0 ? "" : "\n").append("summary: ").append(file.toAbsolutePath());
        else writeSummary(line -> text.append(text.length() == 0 ? "" : "\n").append(line));
        ci.publish(complete.written(), text);
        RunOutcome.write(diagnosis.exitCode());
        closing = text.toString();
        finished = true;
    }

    /**
     * The run's one summary write (a normal run's in {@link #conclude}; after a stop once the cleanup is done or
     * skipped, or, on a second signal during it, before the JVM halts). Says where it went, or why not.
     */
    private void writeSummary(java.util.function.Consumer<String> say) {
        RunResult r = result;
        if (r == null) return;
        try {
            if (r.write() && !interruptedRun) say.accept("summary: " + r.file().toAbsolutePath());
        } catch (UncheckedIOException e) {
            say.accept("obp-loadtest: cannot write the summary " + r.file() + ": " + e.getMessage());
        }
    }

    /** After a stop the summary's path was said already: only a failure to write it is news. */
    private void summaryNotWritten(String line) {
        if (!line.startsWith("summary: ")) console.line(line);
    }

    /** The statistics end at the stop when there was one: the summary's finished instant is the stop's. */
    private static Instant endOfStatistics() {
        long at = StopSignal.atNanos();
        Instant now = Instant.now();
        return at == 0 ? now : now.minusNanos(Math.max(0, System.nanoTime() - at));
    }

    /** Whether a run got as far as its exit hook (Main reports a Ctrl-C that came before). */
    static boolean hooked() {
        return hooked;
    }

    /**
     * JVM exit: after an interruption, still conclude; then the verdict and the report path. Under
     * run.sh a Ctrl-C ends the JVM here (it then exits 130), so the last line says it was interrupted.
     */
    private void onExit() {
        if (closed) return;
        boolean signalled = RunOutcome.signalled();
        if (!finished && rules != null) {
            // The JVM is stopping on a signal without Main's handler (mvn gatling:test): the same stop, from here.
            if (StopSignal.trip(StopSignal.Reason.SIGNAL, "interrupted")) announceStop("interrupted");
            if (ending.compareAndSet(false, true)) {
                awaitInFlight();
                synchronized (this) {
                    if (!finished) conclude(interruptedDiagnosis());
                }
            } else {
                // Gatling's after() is ending it: wait for its summary.
                long deadline = System.nanoTime()
                        + settings.stopGrace().plus(Duration.ofSeconds(10)).toNanos();
                while (!finished && System.nanoTime() < deadline) pause(20);
            }
        }
        if (!interruptedRun && signalled)
            console.line("obp-loadtest: interrupted after the run finished; its summary and log are complete");
        closeOut();
    }

    /**
     * The end of every run: the table and verdict, the verdict page and Gatling's report; after a stop then the
     * cleanup (bounded; a second signal skips it), the last stage line; the embedded emulator ends with the JVM.
     */
    private synchronized void closeOut() {
        if (closed) return;
        if (closing != null) closing.lines().forEach(console::line);
        historyLines.forEach(console::line);
        if (result != null) obp.loadtest.report.Reports.write(settings, result.written(), started, console::line);
        else console.line("report: no verdict page: the run ended before its result was built");
        if (dashboard != null) dashboard.finish(result == null ? null : result.written(), console::line);
        if (interruptedRun && finished) {
            if (StopSignal.hurried()) {
                leftovers("Ctrl-C again");
            } else {
                console.line("stopping: cleanup (Ctrl-C again skips it)");
                cleaningUp = true;
                FixtureReport removed = Cleanup.atEnd(settings.keep(), true, settings.requestTimeout(), console::line);
                cleaningUp = false;
                try {
                    result.withFixture(removed);
                } catch (IllegalStateException e) {
                    // a second signal wrote the summary, without the fixture, and is halting the JVM
                }
            }
            writeSummary(this::summaryNotWritten);
        }
        if (emulator != null) emulator.kill();
        if (interruptedRun) {
            console.line("obp-loadtest: interrupted; partial summary and log written");
            if (StopSignal.atNanos() > 0)
                console.line(String.format(
                        java.util.Locale.ROOT,
                        "stopping: done, %.1f s after %s; exit %d",
                        secondsSinceStop(),
                        StopSignal.what(),
                        ExitCode.INTERRUPTED));
        }
        closed = true;
        console.close();
    }

    /** The thresholds of these phases; a bad one is one line each and exit 2, before setup sends anything. */
    private CiReport openCiOrExit(Phases phases) {
        try {
            return CiReport.open(settings, stats, phases.accounts(), phases.consents(), phases.v7());
        } catch (SettingsException e) {
            e.problems().forEach(p -> System.err.println("obp-loadtest: " + p));
            RunOutcome.exit(ExitCode.USAGE_ERROR);
            throw e;
        }
    }

    /**
     * This process's settings for a run, the embedded emulator's section checked by the emulator itself when
     * the run will start it (each problem one line, as run.sh's flag): run/SettingsCheck's gate and this
     * run's start read the same.
     */
    static Settings loadSettings() {
        return loadSettings(Settings.Layers.of(Path.of("").toAbsolutePath()));
    }

    static Settings loadSettings(Settings.Layers layers) {
        Settings settings = Settings.load(layers);
        if (settings.embedded()) EmulatorSettings.plan(settings.emulator());
        return settings;
    }

    private static Settings loadSettingsOrExit() {
        try {
            return loadSettings();
        } catch (SettingsException e) {
            e.problems().forEach(p -> System.err.println("obp-loadtest: " + p));
            RunOutcome.exit(ExitCode.USAGE_ERROR);
            throw e;
        }
    }

    private void printBanner(Phases phases) {
        console.line("obp-loadtest: " + (settings.embedded() ? "built-in OBP emulator" : settings.host())
                + " | accounts " + (phases.accounts() ? settings.loopAccounts() : 0)
                + " | consents " + (phases.consents() ? settings.loopConsents() : 0)
                + " | v7 "
                + (phases.v7() && settings.sweepRuns() ? settings.loadShape().describe() : "skipped"));
        Map<String, String> overrides = settings.overrides();
        if (!overrides.isEmpty()) console.line("settings: " + overrides);
    }

    private ObpEmulator startEmulator() {
        ObpEmulator e = ObpEmulator.start(EmulatorSettings.plan(settings.emulator()));
        console.line(
                "emulator: listening on " + e.baseUrl() + " (pool " + e.plan().poolSize() + ", acquire timeout "
                        + Durations.format(e.plan().acquireTimeout()) + ", "
                        + e.plan().connectionScope().name().toLowerCase() + "-scoped connections)");
        return e;
    }

    private Fixture provisionOrExit(Phases phases, String baseUrl, String consumerKey) {
        boolean v7 = phases.v7() && settings.sweepRuns();
        Set<Operation.Phase> calls = EnumSet.noneOf(Operation.Phase.class);
        if (phases.accounts() && settings.loopAccounts() > 0) calls.add(Operation.Phase.ACCOUNTS);
        boolean consents = phases.consents() && settings.loopConsents() > 0;
        if (consents) calls.add(Operation.Phase.CONSENTS);
        try (ObpClient client = new ObpClient(baseUrl, consumerKey, settings.requestTimeout())) {
            ServerFacts facts = new Preflight(client)
                    .learn(calls, V7Endpoint.sweep("BANK_ID", "ACCOUNT_ID", "USER_ID", settings.stallProbe()), v7);
            server = facts;
            console.line(serverLine(facts));
            for (Operation.Phase phase : calls)
                facts.changes(phase)
                        .forEach(c -> console.line("server: " + phase.name().toLowerCase() + ": " + c));
            if (v7) {
                List<String> skipped =
                        facts.notSwept(V7Endpoint.sweep("BANK_ID", "ACCOUNT_ID", "USER_ID", settings.stallProbe()));
                if (!skipped.isEmpty())
                    console.line("server: the v7 sweep skips " + skipped.size()
                            + " endpoint(s) the server lacks or whose role it does not know: "
                            + String.join(", ", skipped));
            }
            Provisioner.Plan plan = new Provisioner.Plan(
                    settings.username(),
                    settings.password().reveal(),
                    v7 ? settings.usersV7() : 1,
                    v7,
                    consents,
                    settings.embedded() ? null : settings.credentialsDir(),
                    !settings.keep(),
                    facts);
            Provisioner provisioner = new Provisioner(client, console::line);
            settings.shard().ifPresent(sh -> provisioner.forShard(sh.index()));
            try {
                Fixture f = provisioner.provision(plan);
                server = f.server();
                return f;
            } finally {
                setupRateLimits(client);
            }
        } catch (SetupFailure f) {
            console.line("obp-loadtest: " + f.line());
            if (f.cut()) console.logOnly("obp-loadtest: the server's whole message: " + f.obpMessage());
            synchronized (this) {
                conclude(rules.setupFailed(f.line()));
            }
            RunOutcome.exit(ExitCode.SETUP_FAILURE);
            throw f;
        }
    }

    /** The setup's rate-limited requests, for the verdict: each one, and the time waited for limits to reset. */
    private void setupRateLimits(ObpClient client) {
        long waited = 0;
        for (ObpClient.RateLimitWait w : client.rateLimited()) {
            refusals.rateLimited(
                    w.step(),
                    ServerRefusals.Phase.SETUP,
                    w.status(),
                    w.message(),
                    w.limitHeader(),
                    w.resetHeader(),
                    -1);
            waited += w.waitedMs();
        }
        refusals.waited(waited);
        if (waited > 0)
            console.line("setup: rate limited " + client.rateLimited().size() + " time(s); waited "
                    + VerdictRules.human(waited) + " in all for the limits to reset");
    }

    /** The pool endpoint is sampled where the sweep calls it: the server has it and knows its role. */
    private boolean poolSampled() {
        return V7Endpoint.sweep("BANK_ID", "ACCOUNT_ID", "USER_ID", false).stream()
                .filter(e -> e.path().equals(ObpApi.V7_DATABASE_POOL))
                .allMatch(fixture.server()::sweeps);
    }

    /** One line of what the preflight learnt: versions, the server's own version, where the endpoints came from. */
    private static String serverLine(ServerFacts facts) {
        String commit = facts.gitCommit() == null || facts.gitCommit().isBlank()
                ? ""
                : ", commit "
                        + facts.gitCommit()
                                .substring(0, Math.min(12, facts.gitCommit().length()));
        return "server: OBP " + facts.versionRange() + " (root " + facts.rootVersion() + commit + "); endpoints from "
                + facts.endpointsFrom() + "; preflight " + facts.preflightMs() + " ms";
    }
}
