package obp.loadtest.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import obp.loadtest.ci.JUnitReport;
import obp.loadtest.ci.MarkdownReport;
import obp.loadtest.verdict.Diagnosis;
import obp.loadtest.verdict.RunEvidence;
import obp.loadtest.verdict.RunSummary;
import obp.loadtest.verdict.SweepStats;
import obp.loadtest.verdict.Verdict;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every verdict, the new ones included, reaches each output a user reads: console block, page, Markdown, JUnit. */
class EveryVerdictRendersTest {

    @ParameterizedTest
    @EnumSource(Verdict.class)
    void eachOutputNamesTheVerdict(Verdict verdict, @TempDir Path dir) throws Exception {
        boolean failure = verdict != Verdict.CLEAN;
        Diagnosis d = Diagnosis.of(
                verdict,
                verdict.headline(),
                List.of("the evidence of " + verdict.name()),
                failure,
                Diagnosis.Bottleneck.SERVER,
                Diagnosis.Confidence.HIGH,
                List.of(),
                List.of());
        assertTrue(d.render().startsWith("VERDICT: " + verdict.headline()), d.render());
        JsonNode summary = RunSummary.of(
                        Instant.parse("2026-12-06T10:00:00Z"),
                        Instant.parse("2026-12-06T10:01:00Z"),
                        Map.of(),
                        new RunEvidence(new SweepStats(), null, null, null, null),
                        d,
                        null)
                .toTree();
        ((ObjectNode) summary).putArray("thresholds");
        String page = VerdictPage.render(summary, new VerdictPage.Links(null, null));
        assertTrue(page.contains(VerdictPage.label(verdict.name())), verdict + " on the page");
        MarkdownReport.write(summary, dir.resolve("run.md"), null);
        String md = Files.readString(dir.resolve("run.md"));
        assertTrue(md.contains(VerdictPage.label(verdict.name())), md);
        JUnitReport.write(summary, failure, dir.resolve("junit.xml"));
        String xml = Files.readString(dir.resolve("junit.xml"));
        assertTrue(xml.contains("verdict: " + VerdictPage.label(verdict.name())), xml);
    }
}
