package obp.loadtest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import obp.loadtest.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs of one shape are compared with the median of the last five; a slowed endpoint is flagged, alone. */
class HistoryTest {

    private static final String SLOWED = "GET /banks/BANK_ID/accounts";

    /** Five clean runs with ±20% jitter, one of them an outlier that the median must ignore. */
    private static List<JsonNode> fiveEarlierRuns() {
        double[] jitter = {1.0, 1.2, 0.9, 1.1, 3.5};
        List<JsonNode> runs = new ArrayList<>();
        for (int i = 0; i < jitter.length; i++)
            runs.add(SummaryFixtures.clean("2026-11-24T00:0" + i + ":00Z", null, 0, jitter[i]));
        return runs;
    }

    @Test
    void sixthRunWithOneEndpointSlowedIsFlaggedOnThatEndpointOnly() {
        JsonNode sixth = SummaryFixtures.clean("2026-11-24T00:06:00Z", SLOWED, 400, 1.15);
        History.Result r = History.compare(sixth, fiveEarlierRuns(), "history");

        assertTrue(r.section().path("regressed").asBoolean());
        JsonNode section = r.section();
        assertTrue(section.path("compared").asBoolean());
        assertEquals(5, section.path("compared_with").size());
        List<String> flagged = new ArrayList<>();
        for (JsonNode e : section.path("endpoints"))
            if ("REGRESSION".equals(e.path("change").asText()))
                flagged.add(e.path("name").asText());
        assertEquals(List.of(SLOWED), flagged, section.toPrettyString());
        JsonNode slowed = section.path("endpoints").get(3);
        assertEquals(33, slowed.path("median").path("p95_ms").asLong(), "median of 30, 36, 27, 33, 105");
        assertEquals(400, slowed.path("current").path("p95_ms").asLong());
        assertEquals("p95 33 → 400 ms", slowed.path("reasons").get(0).asText());
        assertEquals(
                "  " + SLOWED + ": p95 33 → 400 ms", r.lines().get(1), r.lines().toString());
        assertEquals(6, section.path("trend").size(), "the trend shows the five runs and this one");
        assertEquals(
                400, section.path("trend").get(5).path("p95_ms").path(SLOWED).asLong());
    }

    @Test
    void aP95WithinWhatTheLastRunsAlreadyShowedIsNoise() {
        // 3.5× the usual on every endpoint in one of the five: up to 1.2 × that is the machine's spread.
        JsonNode sixth = SummaryFixtures.clean("2026-11-24T00:06:00Z", SLOWED, 120, 1.15);
        History.Result r = History.compare(sixth, fiveEarlierRuns(), "history");
        assertFalse(r.section().path("regressed").asBoolean(), r.section().toPrettyString());
        JsonNode slowed = r.section().path("endpoints").get(3);
        assertEquals("OK", slowed.path("change").asText());
        assertEquals(
                "p95 within the spread of the compared runs (slowest 105 ms)",
                slowed.path("reasons").get(0).asText());
    }

    @Test
    void sameRunWithoutTheSlowdownIsNoRegression() {
        History.Result r = History.compare(
                SummaryFixtures.clean("2026-11-24T00:06:00Z", null, 0, 1.15), fiveEarlierRuns(), "history");
        assertFalse(r.section().path("regressed").asBoolean(), r.section().toPrettyString());
        assertTrue(
                r.lines().get(0).startsWith("history: no regression against the median of the last 5 runs"),
                r.lines().get(0));
    }

    @Test
    void timeoutsPerRequestRegressEvenWithoutSlowerP95() {
        ObjectNode sixth = SummaryFixtures.clean("2026-11-24T00:06:00Z", null, 0, 1.0);
        ((ObjectNode) sixth.path("endpoints").get(0)).put("timeouts", 2);
        History.Result r = History.compare(sixth, fiveEarlierRuns(), "history");
        assertTrue(r.section().path("regressed").asBoolean());
        assertTrue(
                r.lines().get(1).contains("GET /root: timeouts 0/20 → 2/20"),
                r.lines().toString());
    }

    @Test
    void otherShapesInterruptedRunsAndTooFewRunsAreNotCompared() {
        List<JsonNode> earlier = new ArrayList<>(fiveEarlierRuns());
        ObjectNode otherShape = SummaryFixtures.clean("2026-11-24T00:05:30Z", SLOWED, 5, 1.0);
        ((ObjectNode) otherShape.get("settings")).put("workers-v7", 8);
        earlier.add(otherShape);
        ObjectNode interrupted = SummaryFixtures.clean("2026-11-24T00:05:40Z", SLOWED, 5, 1.0);
        ((ObjectNode) interrupted.get("verdict")).put("name", "INTERRUPTED");
        earlier.add(interrupted);
        JsonNode sixth = SummaryFixtures.clean("2026-11-24T00:06:00Z", SLOWED, 400, 1.0);
        History.Result r = History.compare(sixth, earlier, "history");
        assertEquals(
                5,
                r.section().path("compared_with").size(),
                "neither the other shape nor the interrupted run is in the median");
        assertEquals(6, r.section().path("earlier_runs").asInt(), "the interrupted run is of the same shape");
        assertTrue(r.section().path("regressed").asBoolean());

        History.Result few = History.compare(sixth, earlier.subList(0, 2), "history");
        assertFalse(few.section().path("compared").asBoolean());
        assertTrue(
                few.lines().get(0).contains("comparison with their median starts at 3"),
                few.lines().toString());
    }

    @Test
    void reportsKeepsEveryRunAndWritesThePageAndTheHistorySection(@TempDir Path dir) throws Exception {
        Path history = dir.resolve("hist");
        Path summaryFile = dir.resolve("run.json");
        Settings settings = Settings.load(new Settings.Layers(
                Map.of(), Map.of(), Map.of("obp.summary", summaryFile.toString(), "obp.history", history.toString())));
        List<String> console = new ArrayList<>();
        // As a run does it: the history completes the result before the summary's one write, the page renders it.
        for (JsonNode run : fiveEarlierRuns()) {
            console.addAll(Reports.history(settings, (ObjectNode) run));
            Reports.write(settings, run, Instant.now(), console::add);
        }
        ObjectNode sixth = SummaryFixtures.clean("2026-11-24T00:06:00Z", SLOWED, 400, 1.0);
        console.clear();
        long t0 = System.nanoTime();
        console.addAll(Reports.history(settings, sixth));
        Reports.write(settings, sixth, Instant.now(), console::add);
        System.out.printf("Reports.write with history: %d ms%n", (System.nanoTime() - t0) / 1_000_000);

        try (var files = Files.list(history)) {
            assertEquals(6, files.count(), "every run's summary is kept");
        }
        JsonNode written = sixth;
        assertTrue(
                written.path("history").path("regressed").asBoolean(),
                written.path("history").toPrettyString());
        assertEquals(
                "rw-r--r--",
                java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(dir.resolve("run.html"))),
                "the page is readable by others, like the summary");
        String page = Files.readString(dir.resolve("run.html"));
        assertTrue(
                page.contains("id=\"history\"") && page.contains("id=\"chart-trend\""),
                "the page has the history and its trend");
        assertTrue(
                page.contains("Regression against the median of the last 5 runs"),
                "the regression is said near the top");
        assertTrue(console.get(0).startsWith("history: REGRESSION"), console.toString());
        String last = console.get(console.size() - 1);
        assertTrue(last.startsWith("report: ") && last.contains("run.html (verdict) · "), last);

        Settings off = Settings.load(new Settings.Layers(
                Map.of(),
                Map.of(),
                Map.of(
                        "obp.summary",
                        summaryFile.toString(),
                        "obp.history",
                        "off",
                        "obp.html",
                        dir.resolve("p.html").toString())));
        console.addAll(Reports.history(off, sixth.deepCopy()));
        Reports.write(off, sixth, Instant.now(), console::add);
        try (var files = Files.list(history)) {
            assertEquals(6, files.count(), "--history off keeps nothing");
        }
        assertTrue(Files.isRegularFile(dir.resolve("p.html")), "--html names the page");
    }
}
