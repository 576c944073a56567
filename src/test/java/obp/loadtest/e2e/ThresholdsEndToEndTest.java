package obp.loadtest.e2e;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import obp.loadtest.e2e.Launcher.Result;
import obp.loadtest.emulator.FaultPlan;
import obp.loadtest.emulator.ObpEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Thresholds, JUnit XML and Markdown for real: ./run.sh (and plain {@code mvn gatling:test}) against
 * an emulator this test owns. Every request takes at least 20 ms, so "p95 < 1ms" cannot be met.
 */
@Tag("e2e")
class ThresholdsEndToEndTest {

    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static final Path OUT = Launcher.ROOT.resolve("target/e2e");
    private ObpEmulator emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) emulator.kill();
    }

    private static final String[] SMALL_SWEEP = {
        "--loop-accounts",
        "0",
        "--loop-consents",
        "1",
        "--workers-v7",
        "2",
        "--loop-v7",
        "1",
        // Generous limits: on a busy machine a slow request would change the verdict's cause, which these tests do not
        // judge.
        "--stall-probe",
        "false",
        "--request-timeout",
        "30s",
        "--slow-threshold",
        "20s"
    };

    /** A run, with the JUnit XML and Markdown files Launcher puts beside its summary. */
    private record Run(Result result, Path junit, Path markdown) {}

    private Run run(String... flags) throws Exception {
        Result r = Launcher.run(Launcher.against(emulator, flags), LIMIT);
        String base = r.summaryFile().toString().replaceAll("\\.json$", "");
        return new Run(r, Path.of(base + "-junit.xml"), Path.of(base + ".md"));
    }

    private void slowEmulator() {
        emulator = ObpEmulator.start(
                FaultPlan.defaults().sandbox(true).latency("*", Duration.ofMillis(20), Duration.ZERO));
    }

    private static String[] with(String[] base, String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(base));
        all.addAll(Arrays.asList(more));
        return all.toArray(String[]::new);
    }

    /**
     * The summary is written once, complete (issue 23): the run adds the thresholds and the history to its result before
     * the one atomic write, and nothing rewrites the file after it. The summary's folder is watched while the run goes:
     * an atomic move into it is one ENTRY_CREATE for the summary's name; a second write, or a rewrite in place, would
     * be a second event.
     */
    @Test
    void theSummaryIsWrittenOnceWithItsThresholdsAndHistory() throws Exception {
        slowEmulator();
        Path history = Files.createTempDirectory(Path.of("target"), "e2e-history-");
        Files.createDirectories(OUT);
        List<String> events = new ArrayList<>();
        try (WatchService watcher = OUT.getFileSystem().newWatchService()) {
            OUT.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
            Launcher.Running running = Launcher.start(Launcher.against(
                    emulator, with(SMALL_SWEEP, "--threshold", "all: p95 < 30s", "--history", history.toString())));
            String name = running.summary.getFileName().toString();
            while (running.process.isAlive()) {
                drain(watcher.poll(100, TimeUnit.MILLISECONDS), watcher, name, events);
            }
            Result r = running.await(LIMIT);
            drain(watcher.poll(500, TimeUnit.MILLISECONDS), watcher, name, events);
            assertEquals(0, r.exitCode(), r.output());
            assertEquals(List.of("ENTRY_CREATE"), events, "one write of the summary, nothing after it: " + r.output());
            assertTrue(r.summary().path("thresholds").get(0).path("met").asBoolean(), r.output());
            assertTrue(r.summary().has("history"), "the history is in the one write: " + r.output());
        }
    }

    /** The summary's events among a watch key's; an overflow would hide some, so it fails the test. */
    private static void drain(WatchKey key, WatchService watcher, String name, List<String> events) {
        for (; key != null; key = watcher.poll()) {
            for (WatchEvent<?> e : key.pollEvents()) {
                if (e.kind() == OVERFLOW) throw new AssertionError("the watch overflowed: events were lost");
                if (name.equals(String.valueOf(e.context())))
                    for (int i = 0; i < e.count(); i++) events.add(e.kind().name());
            }
            key.reset();
        }
    }

    @Test
    void aMissedThresholdFailsTheRunNamingItAndTheMeasuredP95() throws Exception {
        slowEmulator();
        Run run = run(with(SMALL_SWEEP, "--threshold", "all: p95 < 1ms", "--threshold", "v7 user: error-rate < 1%"));
        Result r = run.result();
        assertEquals(1, r.exitCode(), r.output());
        JsonNode verdict = r.summary().path("verdict");
        assertEquals("CLEAN", verdict.path("name").asText(), "the verdict's cause is untouched: " + r.output());
        assertTrue(verdict.path("failure").asBoolean());
        assertEquals(1, verdict.path("exit_code").asInt(), "the summary and the exit code agree");
        JsonNode missed = r.summary().path("thresholds").get(0);
        assertEquals("all: p95 < 1ms", missed.path("text").asText());
        assertFalse(missed.path("met").asBoolean());
        long p95 = missed.path("measured").asLong();
        assertTrue(p95 >= 20, "measured p95 " + p95);
        assertTrue(r.summary().path("thresholds").get(1).path("met").asBoolean(), "no errors in v7 user");
        String line = "threshold missed: all: p95 < 1ms (measured p95 " + p95 + " ms)";
        assertTrue(
                r.output().contains(line),
                "the verdict's evidence names the threshold and the measured p95:\n" + r.output());
        assertTrue(r.output().contains("RESULT: FAIL (exit code 1)"), r.output());
        assertTrue(r.output().contains("THRESHOLDS: 1 of 2 missed"), r.output());
        assertTrue(
                r.output().indexOf("VERDICT: ") < r.output().indexOf("THRESHOLDS: "), "thresholds after the verdict");
        assertTrue(r.output().contains("MISSED  all: p95 < 1ms — measured p95 " + p95 + " ms"), r.output());

        Document junit = validated(run.junit());
        assertTrue(failed(testcase(junit, "threshold: all: p95 < 1ms")));
        assertFalse(failed(testcase(junit, "threshold: v7 user: error-rate < 1%")));
        assertFalse(
                failed(testcase(junit, "verdict: " + verdict.path("headline").asText())),
                "the cause passed; the threshold failed the run");
        String md = Files.readString(run.markdown());
        assertTrue(md.startsWith("## ❌ FAIL: CLEAN"), md);
        assertTrue(md.contains("| ❌ missed | `all: p95 < 1ms` | p95 " + p95 + " ms |"), md);
    }

    @Test
    void metThresholdsPass() throws Exception {
        slowEmulator();
        Run run = run(with(
                SMALL_SWEEP,
                "--threshold",
                "all: p95 < 30s",
                "--threshold",
                "v7 sweep: error-rate <= 0%",
                "--threshold",
                "GET /users: p99 < 30s",
                "--threshold",
                "consents: count >= 4"));
        Result r = run.result();
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("THRESHOLDS: all 4 met"), r.output());
        for (JsonNode t : r.summary().path("thresholds"))
            assertTrue(t.path("met").asBoolean(), t.toString());
        assertEquals(4, r.summary().path("thresholds").size());
        Document junit = validated(run.junit());
        assertEquals("0", junit.getDocumentElement().getAttribute("failures"));
        assertTrue(Files.readString(run.markdown()).startsWith("## ✅ PASS: CLEAN"));
        for (Path f : List.of(run.junit(), run.markdown())) {
            assertFalse(Files.readString(f).contains(emulator.consumerKey()), f + " leaks the consumer key");
        }
    }

    @Test
    void aMalformedThresholdExits2WithOneLineAndSendsNothing() throws Exception {
        emulator = ObpEmulator.start(FaultPlan.defaults().sandbox(true));
        long before = emulator.requestCount();
        for (String bad : List.of("all: p95 < 800", "GET /nope: p95 < 1s", "all p95 < 1s")) {
            Result r = run(with(SMALL_SWEEP, "--threshold", bad)).result();
            assertEquals(2, r.exitCode(), r.output());
            List<String> lines = r.output().strip().lines().toList();
            assertEquals(1, lines.size(), "one line:\n" + r.output());
            assertTrue(lines.get(0).startsWith("obp-loadtest: --threshold '" + bad + "'"), lines.get(0));
        }
        assertEquals(before, emulator.requestCount(), "no request reached the server");
    }

    @Test
    void plainMavenGatlingTestJudgesTheSameThresholds() throws Exception {
        slowEmulator();
        Mvn missed = mvnGatlingTest("all: p95 < 1ms");
        assertNotEquals(0, missed.exitCode(), missed.output());
        assertTrue(
                missed.output().contains("95th percentile of response time is less than 1.0 : false"), missed.output());
        Mvn met = mvnGatlingTest("all: p95 < 30s");
        assertEquals(0, met.exitCode(), met.output());
        assertTrue(met.output().contains("95th percentile of response time is less than 30000.0 : true"), met.output());
    }

    private record Mvn(int exitCode, String output) {}

    /** `mvn gatling:test` with the thresholds as a -D property, as a user without run.sh runs it. */
    private Mvn mvnGatlingTest(String thresholds) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Files.createDirectories(OUT);
        Path output = OUT.resolve(id + "-mvn.out");
        List<String> command = List.of(
                "mvn",
                "-B",
                "-q",
                "-Dstyle.color=never",
                "-Dmaven.test.skip=true",
                "gatling:test",
                "-Dgatling.simulationClass=obp.loadtest.simulations.V7SweepSimulation",
                "-Dobp.host=" + emulator.baseUrl(),
                "-Dobp.consumer-key=" + emulator.consumerKey(),
                "-Dobp.workers-v7=2",
                "-Dobp.loop-v7=1",
                "-Dobp.stall-probe=false",
                "-Dobp.request-timeout=30s",
                "-Dobp.slow-threshold=20s",
                "-Dobp.log=" + OUT.resolve(id + ".log"),
                "-Dobp.summary=" + OUT.resolve(id + ".json"),
                "-Dobp.junit=" + OUT.resolve(id + "-junit.xml"),
                "-Dobp.markdown=" + OUT.resolve(id + ".md"),
                "-Dobp.thresholds=" + thresholds);
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(Launcher.ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("OBP_"));
        pb.environment().put("OBP_ENV_FILE", OUT.resolve("no-such.env").toString());
        Process p = pb.start();
        if (!p.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("mvn gatling:test did not finish within " + LIMIT);
        }
        return new Mvn(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    @Test
    void junitOfAPoolStarvationRunValidatesWithAFailedCasePerStarvedEndpoint() throws Exception {
        // The starvation setup of DiagnosisMatrixTest: pool 2, 6 workers, 1 s request timeout, stall probes pinning the
        // pool.
        emulator = ObpEmulator.start(FaultPlan.defaults().poolSize(2).sandbox(true));
        Run run = run(
                "--loop-accounts",
                "0",
                "--loop-consents",
                "0",
                "--pool-sample-interval",
                "500ms",
                "--workers-v7",
                "6",
                "--ramp-v7",
                "1s",
                "--loop-v7",
                "20",
                "--request-timeout",
                "1s",
                "--slow-threshold",
                "500ms");
        Result r = run.result();
        assertEquals("POOL_STARVATION", r.verdict(), r.output());
        assertEquals(1, r.exitCode());
        Set<String> starved = new TreeSet<>();
        for (JsonNode e : r.summary().path("endpoints")) {
            if (!e.path("stall_probe").asBoolean() && e.path("timeouts").asInt() > 0)
                starved.add(e.path("name").asText());
        }
        assertTrue(starved.size() >= 3, starved.toString());
        Document junit = validated(run.junit());
        Element sweep = suite(junit, "v7 sweep");
        Set<String> failedCases = new TreeSet<>();
        NodeList cases = sweep.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            if (failed(c)) failedCases.add(c.getAttribute("name"));
        }
        assertEquals(starved, failedCases, "one failed case per starved endpoint");
        assertEquals(Integer.toString(starved.size()), sweep.getAttribute("failures"));
        Element failure = (Element) testcase(junit, starved.iterator().next())
                .getElementsByTagName("failure")
                .item(0);
        assertTrue(
                failure.getAttribute("message").matches("\\d+ timeouts? \\(.*\\) after .* — \\d+ requests: p50 .*"),
                failure.getAttribute("message"));
        assertTrue(failed(testcase(
                junit,
                "verdict: " + r.summary().path("verdict").path("headline").asText())));
        assertTrue(Files.readString(run.markdown()).startsWith("## ❌ FAIL: POOL STARVATION"));
    }

    static Document validated(Path file) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.newSchema(ThresholdsEndToEndTest.class.getResource("/junit.xsd"))
                .newValidator()
                .validate(new StreamSource(file.toFile()));
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static Element suite(Document d, String name) {
        NodeList suites = d.getElementsByTagName("testsuite");
        for (int i = 0; i < suites.getLength(); i++) {
            Element s = (Element) suites.item(i);
            if (s.getAttribute("name").equals(name)) return s;
        }
        throw new AssertionError("no testsuite " + name);
    }

    private static Element testcase(Document d, String name) {
        NodeList cases = d.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            if (c.getAttribute("name").equals(name)) return c;
        }
        throw new AssertionError("no testcase " + name);
    }

    private static boolean failed(Element testcase) {
        return testcase.getElementsByTagName("failure").getLength() > 0;
    }
}
