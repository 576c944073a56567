package obp.loadtest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import obp.loadtest.report.Redactor;
import obp.loadtest.verdict.Diagnosis;
import obp.loadtest.verdict.FixtureReport;
import obp.loadtest.verdict.GeneratorEvidence;
import obp.loadtest.verdict.PoolEvidence;
import obp.loadtest.verdict.RunEvidence;
import obp.loadtest.verdict.RunSummary;
import obp.loadtest.verdict.SweepStats;
import obp.loadtest.verdict.Timeline;
import obp.loadtest.verdict.VerdictRules;
import obp.loadtest.verdict.VerdictThresholds;
import org.junit.jupiter.api.Test;

/** The run's result is built once and its summary written once; nothing reads the summary back to extend it. */
class RunResultTest {

    private static final Path FILE = Path.of("last_run.json");

    /** Every write that reaches the (fake) file system. */
    private final List<String> writes = new ArrayList<>();

    private RunResult result() {
        RunEvidence ev = new RunEvidence(
                new SweepStats(),
                new obp.loadtest.verdict.Calibration(5_000),
                new PoolEvidence(java.time.Duration.ofSeconds(1)),
                new GeneratorEvidence(false),
                new Timeline());
        VerdictThresholds t = new VerdictThresholds(
                java.time.Duration.ofSeconds(30),
                java.time.Duration.ofSeconds(5),
                0.5,
                0.5,
                3,
                3,
                java.time.Duration.ofMillis(200),
                0.5,
                false);
        Diagnosis d = new VerdictRules(t).decide(ev);
        Redactor.register("s3cret-in-host");
        RunSummary summary = RunSummary.of(
                Instant.parse("2026-01-02T10:00:00Z"),
                Instant.parse("2026-01-02T10:05:00Z"),
                Map.of("host", "http://a:s3cret-in-host@h"),
                ev,
                d,
                null);
        return new RunResult(FILE, summary, (file, json) -> writes.add(RunSummary.text(json, Redactor::redact)));
    }

    @Test
    void aNormalRunWritesItsCompleteSummaryOnce() {
        RunResult r = result().with("search", null).with("thresholds", JsonNodeFactory.instance.arrayNode());
        r.tree().set("history", JsonNodeFactory.instance.objectNode().put("compared", false));
        JsonNode rendered = r.written();
        assertTrue(r.write());
        assertFalse(r.write(), "a second write is refused");
        assertEquals(1, writes.size(), "the summary is written exactly once");
        assertEquals(rendered.toPrettyString() + "\n", writes.get(0), "the renderers read what is written");
        assertFalse(writes.get(0).contains("s3cret-in-host"), "through the redactor");
        assertTrue(rendered.has("thresholds") && rendered.has("history") && !rendered.has("search"));
        assertThrows(IllegalStateException.class, () -> r.with("history", null), "nothing is added after the write");
        assertThrows(IllegalStateException.class, r::tree);
    }

    @Test
    void afterAStopTheSummaryIsWrittenOnceTheCleanupIsDoneWithItsFixture() {
        RunResult r = result().with("thresholds", JsonNodeFactory.instance.arrayNode());
        r.written(); // the page, JUnit and Markdown render before the cleanup
        assertEquals(List.of(), writes, "nothing written before the cleanup");
        r.withFixture(
                new FixtureReport(FixtureReport.Items.NONE, FixtureReport.Items.NONE, false, "u1", null, List.of()));
        assertTrue(r.write());
        assertFalse(r.write(), "a second Ctrl-C's write, after the cleanup's, writes nothing");
        assertEquals(1, writes.size());
        assertTrue(writes.get(0).contains("\"fixture\""), writes.get(0));
    }

    /**
     * Only --baseline (ObpRun), the merge (MergeMain) and the history's earlier runs (History) read a summary file;
     * no product class parses a JSON file or reads the summary's path otherwise.
     */
    @Test
    void nothingReadsTheSummaryBack() throws IOException {
        Path root = Path.of("src/test/java/obp/loadtest");
        Pattern summaryRead = Pattern.compile(
                "RunSummary\\.read\\(|readTree\\([^)]*(toFile|Files\\.read)|summaryFile\\(\\)\\.toFile|Files\\.read\\w*\\(\\s*(settings\\.)?summaryFile");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith("Test.java") || f.startsWith(root.resolve("e2e"))) continue;
                String text = Files.readString(f);
                Matcher m = summaryRead.matcher(text);
                while (m.find()) found.add(root.relativize(f) + ": " + m.group());
            }
        }
        assertEquals(
                List.of(
                        "merge/MergeMain.java: RunSummary.read(",
                        "report/History.java: readTree(f.toFile",
                        "run/ObpRun.java: RunSummary.read("),
                found.stream().sorted().toList(),
                "readers of a summary file: --baseline, merge and the history's earlier runs alone");
    }
}
