package obp.loadtest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import obp.loadtest.e2e.Launcher.Result;
import obp.loadtest.emulator.EmulatorState;
import obp.loadtest.emulator.FaultPlan;
import obp.loadtest.emulator.ObpEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Nothing is lost when things go wrong; bad input costs no request; secrets stay secret. */
@Tag("e2e")
class FailureBehaviourTest {

    private static final Duration LIMIT = Duration.ofMinutes(2);
    private ObpEmulator emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) emulator.kill();
    }

    private Launcher.Running longSweep(Duration timeout) throws IOException {
        emulator = ObpEmulator.start(
                FaultPlan.defaults().sandbox(true).latency("*", Duration.ofMillis(100), Duration.ZERO));
        return Launcher.start(Launcher.against(
                emulator,
                "--loop-accounts",
                "0",
                "--loop-consents",
                "0",
                "--workers-v7",
                "2",
                "--loop-v7",
                "30",
                "--stall-probe",
                "false",
                "--request-timeout",
                timeout.toSeconds() + "s",
                "--slow-threshold",
                "1s"));
    }

    @Test
    void serverStoppedMidRunEndsTheRunPromptlyWithTheVerdict() throws Exception {
        Duration timeout = Duration.ofSeconds(3);
        Launcher.Running run = longSweep(timeout);
        run.awaitLine(l -> l.startsWith("[w"), LIMIT);
        long killed = System.nanoTime();
        emulator.kill();
        Result r = run.await(LIMIT);
        Duration afterKill = Duration.ofNanos(System.nanoTime() - killed);
        assertTrue(afterKill.compareTo(timeout.plusSeconds(5)) <= 0, "ended " + afterKill + " after the server died");
        assertEquals("SERVER_UNREACHABLE", r.verdict(), r.output());
        assertEquals(1, r.exitCode());
        assertTrue(r.logText().contains("VERDICT: SERVER UNREACHABLE"), "the log has the verdict");
    }

    @Test
    void interruptStillWritesSummaryAndLog() throws Exception {
        long startedMs = System.currentTimeMillis();
        Launcher.Running run = longSweep(Duration.ofSeconds(3));
        run.awaitLine(l -> l.startsWith("[w"), LIMIT);
        // Gatling writes simulation.log through an 8 KB buffer it never flushes on interrupt: wait
        // until the first buffer is on disk, so there is a partial log to build its report from.
        awaitPartialGatlingLog(startedMs, Duration.ofSeconds(60));
        run.signal("INT");
        Result r = run.await(LIMIT);
        assertEquals(130, r.exitCode(), r.output());
        assertEquals(
                130,
                r.summary().path("verdict").path("exit_code").asInt(),
                "the summary says what the process exited with");
        assertEquals("INTERRUPTED", r.verdict(), r.output());
        assertTrue(r.summary().path("verdict").path("failure").asBoolean());
        assertTrue(r.summary().path("endpoints").size() > 0, "partial statistics kept");
        assertTrue(r.logText().contains("[w"), "the log has what ran before the interrupt");
        assertTrue(r.logText().contains("interrupted"), r.logText());

        // The pictures are kept: our verdict page, and Gatling's report rebuilt from its partial log.
        Matcher report = REPORT_LINE.matcher(r.output());
        assertTrue(report.find(), "the last lines name the verdict page and Gatling's report:\n" + r.output());
        Path page = Path.of(report.group(1));
        assertEquals(
                r.summaryFile()
                        .resolveSibling(r.summaryFile().getFileName().toString().replace(".json", ".html"))
                        .toAbsolutePath(),
                page.toAbsolutePath(),
                "the page sits beside the summary");
        String html = Files.readString(page);
        assertTrue(html.contains("<span class=\"name\">INTERRUPTED</span>"), "the page says INTERRUPTED");
        Path index = Path.of(report.group(2));
        assertTrue(Files.isRegularFile(index), "Gatling's report was built from the partial simulation.log: " + index);
        assertTrue(
                Files.readString(index).contains("href=\"verdict.html\""),
                "Gatling's report links to the verdict page");
        assertTrue(
                Files.isRegularFile(index.resolveSibling("verdict.html")),
                "the verdict page is in Gatling's folder too");
    }

    private static void awaitPartialGatlingLog(long sinceMs, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Path results = Launcher.ROOT.resolve("target/gatling");
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(results)) {
                try (Stream<Path> dirs = Files.list(results)) {
                    boolean written = dirs.map(d -> d.resolve("simulation.log"))
                            .filter(Files::isRegularFile)
                            .anyMatch(f -> f.toFile().lastModified() >= sinceMs
                                    && f.toFile().length() > 0);
                    if (written) return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Gatling wrote nothing to simulation.log within " + limit);
    }

    /** {@code report: PAGE (verdict) · INDEX (Gatling)}, the run's closing line. */
    static final Pattern REPORT_LINE =
            Pattern.compile("(?m)^report: (\\S+) \\(verdict\\) · (\\S+index\\.html) \\(Gatling\\)$");

    @Test
    void badInputIsOneLineExitTwoAndNoRequest() throws Exception {
        emulator = ObpEmulator.start(FaultPlan.defaults().sandbox(true));
        String host = emulator.baseUrl();
        String key = emulator.consumerKey();
        List<List<String>> cases = List.of(
                List.of("--host", host, "--consumer", key, "--bogus"),
                List.of("--host", host, "--consumer", key, "--loop-v7", "abc"),
                List.of("--host", host, "--consumer", key, "--workers-v7", "-3"),
                List.of("--host", host, "--consumer", key, "--users-v7", "5", "--workers-v7", "2"),
                List.of("--host", "not-a-url", "--consumer", key),
                List.of("--host", host));
        for (List<String> args : cases) {
            Result r = Launcher.run(args, LIMIT);
            List<String> lines = r.output().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(2, r.exitCode(), args + " → " + r.output());
            assertEquals(1, lines.size(), args + " → " + r.output());
            assertTrue(lines.get(0).startsWith("obp-loadtest: "), lines.get(0));
        }
        assertEquals(0, emulator.requestCount(), "no request reached the server");
    }

    @Test
    void secretsReachNoOutput() throws Exception {
        emulator = ObpEmulator.start(FaultPlan.defaults().sandbox(true));
        String password = "Lt!9hushhushQ";
        Launcher.createUser(emulator, "ltsecret01", password);
        Result r = Launcher.run(
                Launcher.against(
                        emulator,
                        "--username",
                        "ltsecret01",
                        "--password",
                        password,
                        "--loop-accounts",
                        "1",
                        "--loop-consents",
                        "2",
                        "--loop-v7",
                        "1",
                        "--workers-v7",
                        "2",
                        "--users-v7",
                        "2",
                        "--stall-probe",
                        "false"),
                LIMIT);
        assertEquals(0, r.exitCode(), r.output());

        List<String> secrets = new ArrayList<>(List.of(password, emulator.consumerKey()));
        secrets.addAll(EmulatorState.of(emulator).issuedTokens());
        secrets.addAll(EmulatorState.of(emulator).consentJwts());
        assertTrue(
                EmulatorState.of(emulator).issuedTokens().size() >= 2
                        && EmulatorState.of(emulator).consentJwts().size() >= 3,
                "the run used real secrets");

        List<Path> outputs = new ArrayList<>(List.of(r.log(), r.summaryFile()));
        Matcher report = REPORT_LINE.matcher(r.output());
        assertTrue(report.find(), "the report paths are printed");
        outputs.add(Path.of(report.group(1)));
        try (Stream<Path> files = Files.walk(Path.of(report.group(2)).getParent())) {
            files.filter(Files::isRegularFile).forEach(outputs::add);
        }
        String console = r.output();
        for (String secret : secrets) {
            assertFalse(console.contains(secret), "console leaks a secret");
            for (Path f : outputs) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(secret), f + " leaks a secret");
            }
        }
    }
}
