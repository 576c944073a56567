package obp.loadtest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import obp.loadtest.e2e.Launcher.Result;
import obp.loadtest.emulator.FaultPlan;
import obp.loadtest.emulator.ObpEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Stop means stop: after Ctrl-C, SIGTERM or the early stop no request leaves but the ones already in flight,
 * the statistics end at the stop, and the run exits promptly. The emulator counts every request it receives.
 */
@Tag("e2e")
class StopEndToEndTest {

    private static final Duration LIMIT = Duration.ofMinutes(2);
    private static final int WORKERS = 8;
    /** What may still arrive after the stop besides the workers' requests in flight: a pool sample in flight. */
    private static final int SAMPLER = 1;

    private ObpEmulator emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) emulator.kill();
    }

    /** A fast sweep (no stall probe) that would run for a minute: thousands of requests a second on loopback. */
    private Launcher.Running sweep(String... more) throws Exception {
        return Launcher.start(sweepOnNewEmulator(WORKERS, more));
    }

    /** The arguments of that sweep with {@code workers} workers, against a new emulator. */
    private List<String> sweepOnNewEmulator(int workers, String... more) throws Exception {
        emulator = ObpEmulator.start(FaultPlan.defaults().sandbox(true));
        List<String> flags = new java.util.ArrayList<>(List.of(
                "--loop-accounts",
                "0",
                "--loop-consents",
                "0",
                "--workers-v7",
                Integer.toString(workers),
                "--duration-v7",
                "60s",
                "--stall-probe",
                "false",
                "--keep"));
        flags.addAll(List.of(more));
        return Launcher.against(emulator, flags.toArray(String[]::new));
    }

    @Test
    void ctrlCStopsTheSweepAtOnce() throws Exception {
        signalMidSweep("INT", "Ctrl-C");
    }

    @Test
    void sigtermStopsTheSweepAtOnce() throws Exception {
        signalMidSweep("TERM", "SIGTERM");
    }

    private void signalMidSweep(String signal, String named) throws Exception {
        Launcher.Running run = sweep();
        // Mid-sweep: past the calibration, the workers' digest is printing.
        run.awaitLine(l -> l.matches("^\\[\\d\\d:\\d\\d:\\d\\d] \\d+ req/s.*"), LIMIT);
        long rateFrom = emulator.requestCount();
        long rateFromNanos = System.nanoTime();
        Thread.sleep(1_500);
        double perSecond = (emulator.requestCount() - rateFrom) * 1e9 / (System.nanoTime() - rateFromNanos);
        Instant signalled = Instant.now();
        long signalledNanos = System.nanoTime();
        run.signal(signal);
        // The signal was delivered by now: what the server has received so far left before it, give or take the
        // requests sent while kill started (a few ms at over 1,000 requests a second).
        long before = emulator.requestCount();
        Result r = run.await(LIMIT);
        Duration toExit = Duration.ofNanos(System.nanoTime() - signalledNanos);
        long after = emulator.requestCount() - before;

        assertEquals(130, r.exitCode(), r.output());
        assertEquals("INTERRUPTED", r.verdict(), r.output());
        // At most the requests in flight at the signal reach the server afterwards (--keep: no cleanup requests),
        // and whatever left within the 200 ms the JVM may take to act on the signal (in practice a few ms).
        long allowed = WORKERS + SAMPLER + Math.round(perSecond * 0.2);
        assertTrue(
                after <= allowed,
                after + " requests arrived after " + named + " (allowed " + allowed + " at " + Math.round(perSecond)
                        + " requests/s)\n" + r.output());
        assertTrue(perSecond > 100, "the sweep was at full rate before the signal: " + perSecond + "/s");
        JsonNode summary = r.summary();
        long interrupted = summary.path("interrupted").asLong(-1);
        assertTrue(interrupted >= 0 && interrupted <= WORKERS, "interrupted " + interrupted);
        // The statistics end at the signal: every request they count had reached the server before it.
        long counted = 0;
        for (JsonNode e : summary.path("endpoints")) counted += e.path("count").asLong();
        assertTrue(counted > 0 && counted <= before, counted + " counted, " + before + " received before the signal");
        Instant finished = Instant.parse(summary.path("finished").asText());
        assertTrue(
                !finished.isAfter(signalled.plusMillis(500)),
                "the statistics end at the signal: finished " + finished + ", signal " + signalled);
        // The console says each stage, in order.
        String out = r.output();
        int stopping = out.indexOf("stopping (" + named + "): no new request is sent");
        int outputs = out.indexOf("writing the outputs");
        int done = out.indexOf("stopping: done");
        assertTrue(stopping >= 0 && stopping < outputs && outputs < done, out);
        assertTrue(out.contains("cleanup: --keep: left bank"), "says what was left: " + out);
        // Prompt: the grace (1 s), the outputs, Gatling's report; a loaded CI machine gets slack.
        assertTrue(toExit.compareTo(Duration.ofSeconds(15)) < 0, "exited " + toExit + " after the signal");
    }

    /**
     * Started as nohup, or {@code &} from a script, start it: with SIGINT ignored, which the JVM keeps. The run says
     * at once that Ctrl-C will not stop it and how to stop it instead, and that way works.
     */
    @Test
    void aRunStartedWithCtrlCIgnoredSaysSoAndStopsOnSigterm() throws Exception {
        Launcher.Running run = Launcher.startIgnoringCtrlC(sweepOnNewEmulator(2));
        run.awaitLine(l -> l.matches("^\\[\\d\\d:\\d\\d:\\d\\d] \\d+ req/s.*"), LIMIT);
        String warning = "obp-loadtest: warning: Ctrl-C (SIGINT) will not stop this run: it was started with it ignored"
                + " (nohup, or & from a script); stop it with kill " + run.process.pid();
        assertTrue(run.outputSoFar().contains(warning), run.outputSoFar());
        // What it says is so: Ctrl-C does nothing, and the way it names stops the run.
        run.kill("INT");
        Thread.sleep(1_000);
        assertTrue(run.process.isAlive(), "Ctrl-C was ignored, as the warning said");
        run.signal("TERM");
        Result r = run.await(LIMIT);
        assertEquals(130, r.exitCode(), r.output());
        assertEquals("INTERRUPTED", r.verdict(), r.output());
        assertTrue(r.output().contains("stopping (SIGTERM)"), r.output());
        assertTrue(r.logText().contains(warning), "the log has the warning too");
    }

    @Test
    void theEarlyStopStopsEveryWorker() throws Exception {
        // Three endpoints answer after 2 s, past the 1 s client timeout: the third endpoint's timeout settles the
        // verdict while the other workers sweep on fast.
        emulator = ObpEmulator.start(FaultPlan.defaults()
                .sandbox(true)
                .latency("/providers", Duration.ofSeconds(2), Duration.ZERO)
                .latency("/cards", Duration.ofSeconds(2), Duration.ZERO)
                .latency("/system/migrations", Duration.ofSeconds(2), Duration.ZERO));
        Launcher.Running run = Launcher.start(Launcher.against(
                emulator,
                "--loop-accounts",
                "0",
                "--loop-consents",
                "0",
                "--workers-v7",
                Integer.toString(WORKERS),
                "--duration-v7",
                "60s",
                "--stall-probe",
                "false",
                "--calibration",
                "false",
                "--request-timeout",
                "1s",
                "--slow-threshold",
                "500ms",
                "--stop-after-timeouts",
                "3",
                "--keep"));
        run.awaitLine(l -> l.startsWith("stopping (early stop"), LIMIT);
        long seen = emulator.requestCount();
        Result r = run.await(LIMIT);
        long after = emulator.requestCount() - seen;
        assertTrue(after <= WORKERS + SAMPLER, after + " requests arrived after the early stop\n" + r.output());
        JsonNode summary = r.summary();
        assertTrue(summary.path("interrupted").asLong(-1) >= 0, "the summary counts the interrupted requests");
        assertTrue(
                summary.path("timeline").path("marks").has("stopped_early_ms"),
                "the early stop is marked: " + summary.path("timeline"));
        assertTrue(r.exitCode() == 1, "the verdict's exit code, not 130: " + r.exitCode() + "\n" + r.output());
    }
}
