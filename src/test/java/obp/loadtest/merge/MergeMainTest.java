package obp.loadtest.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import obp.loadtest.report.Redactor;
import obp.loadtest.verdict.Classification;
import obp.loadtest.verdict.Diagnosis;
import obp.loadtest.verdict.RunEvidence;
import obp.loadtest.verdict.RunSummary;
import obp.loadtest.verdict.SweepStats;
import obp.loadtest.verdict.TimeoutCause;
import obp.loadtest.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The merge's checks and its verdict, on hand-made shard summaries (no process, no server). */
class MergeMainTest {

    private static final String USERS = "GET /users";

    @TempDir
    Path dir;

    @Test
    void aDoubledShardIsRefusedNamingBothFiles() {
        Path a = shard("a", 1, 2, "run-1", 10);
        Path b = shard("b", 1, 2, "run-1", 10);
        MergeMain.Refused e = assertThrows(MergeMain.Refused.class, () -> MergeMain.merge(List.of(a, b)));
        assertTrue(
                e.getMessage().contains("shard 1/2 given twice")
                        && e.getMessage().contains(b.toString()),
                e.getMessage());
    }

    @Test
    void anotherShapeIsRefused() {
        Path a = shard("a", 1, 2, "run-1", 10);
        Path b = shard("b", 2, 3, "run-1", 10);
        MergeMain.Refused e = assertThrows(MergeMain.Refused.class, () -> MergeMain.merge(List.of(a, b)));
        assertTrue(e.getMessage().contains("other settings"), e.getMessage());
    }

    /** The verdict is rerun over the whole: timeouts in one shard fail the merged run as they would a single run. */
    @Test
    void theVerdictIsRerunOverTheWhole() {
        Path a = shard("a", 1, 2, "run-1", 0);
        Path b = shard("b", 2, 2, "run-1", 3);
        MergeMain.Result r = MergeMain.merge(List.of(b, a));
        assertEquals(40 + 37 + 3, r.summary().endpoints().get(0).count());
        assertEquals(3, r.summary().endpoints().get(0).timeouts());
        assertTrue(r.summary().verdict().failure(), r.text());
        assertEquals(1, r.exitCode(), r.text());
        assertEquals("run-1", r.summary().shard().runId());
        assertEquals(2, r.summary().shard().mergedFrom());
        assertTrue(r.text().contains("merged 2 shards of run run-1: 80 requests"), r.text());
    }

    /** A shard summary: 40 requests of 20 ms, minus {@code timeouts} that hit the 30 s client timeout. */
    private Path shard(String name, int index, int count, String runId, int timeouts) {
        SweepStats stats = new SweepStats();
        for (int i = 0; i < 40 - timeouts; i++)
            stats.endpoint(USERS, "v7 user", false).record(200, null, 20, Classification.OK);
        for (int i = 0; i < timeouts; i++) {
            stats.endpoint(USERS, "v7 user", false)
                    .record(0, null, 30_000, Classification.timeout(TimeoutCause.CLIENT));
        }
        Diagnosis d = Diagnosis.of(
                Verdict.CLEAN,
                "partial",
                List.of(),
                false,
                Diagnosis.Bottleneck.NONE,
                Diagnosis.Confidence.HIGH,
                List.of(),
                List.of());
        RunSummary s = RunSummary.of(
                        Instant.parse("2026-01-01T00:00:0" + index + "Z"),
                        Instant.parse("2026-01-01T00:01:00Z"),
                        Map.of("request-timeout", "30s", "slow-threshold", "5s"),
                        new RunEvidence(stats, null, null, null, null),
                        d,
                        null)
                .withShard(new RunSummary.ShardSection(runId, index, count, count == 2 ? "abc" : "def", null));
        Path file = dir.resolve(name + ".json");
        s.write(file, Redactor::redact);
        return file;
    }
}
