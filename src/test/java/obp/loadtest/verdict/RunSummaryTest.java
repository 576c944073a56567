package obp.loadtest.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import obp.loadtest.report.Redactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryTest {

    @TempDir
    Path dir;

    /** As {@code Settings.masked()} hands them to the summary, with a secret the masking cannot know: one inside the host. */
    static Map<String, Object> settings() {
        Redactor.register("hunter2-secret");
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("host", "http://alice:hunter2-secret@127.0.0.1:8080");
        settings.put("password", "****");
        settings.put("consumer-key", "");
        settings.put("workers-v7", 40);
        return settings;
    }

    static RunSummary starvedRun() {
        RunFixture run = new RunFixture()
                .calibrated(3)
                .poolSamples(12, 20, 15, 20, 40)
                .healthy(20, 30)
                .noAnswer(RunFixture.ROOT, 3, 30_000)
                .answers(RunFixture.CACHE_INFO, 2, 500, false, 30_010, RunFixture.HIKARI_30S);
        Diagnosis diagnosis = new VerdictRules(RunFixture.thresholds(false)).decide(run.evidence());
        return RunSummary.of(
                Instant.parse("2026-01-02T10:00:00Z"),
                Instant.parse("2026-01-02T10:05:00Z"),
                settings(),
                run.evidence(),
                diagnosis,
                null);
    }

    @Test
    void writtenSummaryHasEveryRequiredFieldAndNoSecret() throws Exception {
        Path file = dir.resolve("nested/last_run.json");
        starvedRun().write(file, Redactor::redact);
        String text = Files.readString(file);
        assertFalse(text.contains("hunter2-secret"), "the redactor saw the file on its way out");
        assertEquals(
                "rw-r--r--",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                "readable by CI, as before");
        assertEquals(
                "http://alice:****@127.0.0.1:8080",
                new ObjectMapper().readTree(text).get("settings").get("host").asText());

        JsonNode json = new ObjectMapper().readTree(text);
        assertEquals("obp-loadtest/summary", json.get("schema").asText());
        assertEquals(2, json.get("schema_version").asInt());
        assertEquals("2026-01-02T10:00:00Z", json.get("started").asText());
        assertEquals("2026-01-02T10:05:00Z", json.get("finished").asText());
        assertEquals("****", json.get("settings").get("password").asText());

        JsonNode banks = json.get("endpoints").get(0);
        for (String field : List.of(
                "name",
                "group",
                "stall_probe",
                "count",
                "p50_ms",
                "p95_ms",
                "p99_ms",
                "max_ms",
                "mean_ms",
                "statuses",
                "outcomes",
                "slow",
                "timeouts",
                "connection_errors",
                "unexpected_statuses",
                "versions_served",
                "timeout_min_ms",
                "timeout_max_ms",
                "timeout_causes",
                "baseline_ms",
                "inflation",
                "problem")) {
            assertTrue(banks.has(field), "endpoint field " + field);
        }
        assertEquals("GET /root", banks.get("name").asText());
        assertEquals(3, banks.get("baseline_ms").asLong());
        assertTrue(banks.get("problem").asBoolean(), "the verdict points at it");
        assertEquals(3, banks.get("statuses").get("0").asLong());
        assertEquals(20, banks.get("statuses").get("200").asLong());
        assertEquals(3, banks.get("outcomes").get("TIMEOUT").asLong());
        assertEquals(3, banks.get("timeout_causes").get("CLIENT").asLong());
        assertFalse(json.get("endpoints").get(1).has("timeout_min_ms"), "absent when nothing timed out");

        JsonNode pool = json.get("pool");
        assertTrue(pool.get("available").asBoolean());
        assertEquals(20, pool.get("max_active").asInt());
        assertEquals(15, pool.get("max_waiting").asInt());
        assertEquals(12.0, pool.get("seconds_saturated").asDouble());
        assertEquals(12, pool.get("series").size());
        assertEquals(40, pool.get("series").get(0).get("in_flight").asInt());

        assertTrue(json.get("timeline").get("groups").size() > 0);
        assertTrue(json.get("timeline").get("marks").has("first_timeout_ms"));
        assertTrue(json.has("generator"));

        JsonNode verdict = json.get("verdict");
        assertEquals("POOL_STARVATION", verdict.get("name").asText());
        assertEquals(Verdict.POOL_STARVATION.headline(), verdict.get("headline").asText());
        assertTrue(verdict.get("failure").asBoolean());
        assertEquals(1, verdict.get("exit_code").asInt());
        assertEquals("pool", verdict.get("bottleneck").asText());
        assertTrue(List.of("high", "medium", "low")
                .contains(verdict.get("confidence").asText()));
        assertTrue(verdict.has("caveats"));
        assertTrue(verdict.get("evidence").size() > 2);
        assertFalse(json.has("comparison"));
    }

    @Test
    void summaryRoundTripsThroughAFile() {
        RunSummary written = starvedRun();
        Path file = dir.resolve("run.json");
        written.write(file, Redactor::redact);
        RunSummary read = RunSummary.read(file);
        assertEquals(written.endpoints(), read.endpoints());
        assertEquals(written.pool(), read.pool());
        assertEquals(written.verdict(), read.verdict());
        assertEquals(written.started(), read.started());
        assertEquals(written.settings().get("password"), read.settings().get("password"));
        assertNull(read.comparison());
    }

    @Test
    void comparisonRoundTripsToo() {
        RunSummary run = starvedRun();
        RunSummary compared = new RunSummary(
                run.schema(),
                run.schemaVersion(),
                run.started(),
                run.finished(),
                run.settings(),
                run.endpoints(),
                run.pool(),
                run.verdict(),
                run.generator(),
                run.timeline(),
                BaselineComparison.compare(run, run, 1.2),
                null,
                null,
                null,
                0);
        Path file = dir.resolve("compared.json");
        compared.write(file, Redactor::redact);
        BaselineComparison read = RunSummary.read(file).comparison();
        assertNotNull(read);
        assertEquals(compared.comparison(), read);
    }

    @Test
    void badFilesAreRefusedWithAClearMessage() throws Exception {
        Path missing = dir.resolve("missing.json");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunSummary.read(missing))
                .getMessage()
                .contains("does not exist"));

        Path garbage = Files.writeString(dir.resolve("garbage.json"), "{not json");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunSummary.read(garbage))
                .getMessage()
                .contains("not valid JSON"));

        Path other = Files.writeString(dir.resolve("other.json"), "{\"hello\": 1}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunSummary.read(other))
                .getMessage()
                .contains("not an obp-loadtest summary"));

        Path future = Files.writeString(
                dir.resolve("future.json"),
                "{\"schema\":\"obp-loadtest/summary\",\"schema_version\":9,\"endpoints\":[],\"verdict\":{}}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunSummary.read(future))
                .getMessage()
                .contains("schema_version 9"));
    }

    @Test
    void unknownFieldsFromANewerWriterAreIgnored() throws Exception {
        Path file = dir.resolve("newer.json");
        String json = starvedRun().toJson().replaceFirst("\\{", "{\"added_later\": true,");
        Files.writeString(file, json);
        assertEquals("POOL_STARVATION", RunSummary.read(file).verdict().name());
    }
}
