package obp.loadtest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import obp.loadtest.e2e.Launcher.Result;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Six runs of one shape on the built-in emulator; the sixth has one endpoint slowed by the
 * emulator. The history compares it with the median of the five before it and flags that
 * endpoint alone, in the console, the summary and the page. Twenty loops give each endpoint 40
 * requests, so its p95 is not the first, cold call; the slowdown (1 s) stands clear of this
 * machine's run-to-run spread.
 */
@Tag("e2e")
class HistoryEndToEndTest {

    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static final String SLOWED = "GET /system/cache/info";

    @Test
    void sixthRunWithOneEndpointSlowedIsFlaggedAgainstTheMedianOfTheFiveBefore() throws Exception {
        Path history = Files.createTempDirectory(Path.of("target"), "e2e-history-");
        List<String> shape = List.of(
                "--loop-accounts",
                "0",
                "--loop-consents",
                "0",
                "--loop-v7",
                "20",
                "--workers-v7",
                "2",
                "--stall-probe",
                "false",
                "--history",
                history.toString());
        for (int i = 1; i <= 5; i++) {
            Result r = Launcher.run(shape, LIMIT);
            assertEquals(0, r.exitCode(), "run " + i + ":\n" + r.output());
            System.out.printf("history run %d: %d s%n", i, r.took().toSeconds());
        }
        List<String> slowed = new ArrayList<>(shape);
        slowed.addAll(List.of("--emulator-latency", "/system/cache/info=1s"));
        Result r = Launcher.run(slowed, LIMIT);
        assertEquals(0, r.exitCode(), "a regression is reported, not failed:\n" + r.output());

        try (Stream<Path> files = Files.list(history)) {
            assertEquals(6, files.count(), "every run is kept");
        }
        JsonNode h = r.summary().path("history");
        assertTrue(h.path("compared").asBoolean(), h.toPrettyString());
        assertEquals(5, h.path("compared_with").size());
        List<String> flagged = new ArrayList<>();
        for (JsonNode e : h.path("endpoints"))
            if ("REGRESSION".equals(e.path("change").asText()))
                flagged.add(e.path("name").asText());
        assertEquals(List.of(SLOWED), flagged, h.toPrettyString());
        assertTrue(
                r.output().contains("history: REGRESSION against the median of the last 5 runs of this shape"),
                r.output());
        assertTrue(r.output().lines().anyMatch(l -> l.startsWith("  " + SLOWED + ": p95 ")), r.output());
        String page = Files.readString(r.summaryFile()
                .resolveSibling(r.summaryFile().getFileName().toString().replace(".json", ".html")));
        assertTrue(page.contains("id=\"chart-trend\""), "the page plots the trend");
        assertFalse(page.contains("Not compared"), "the page shows the comparison");
    }
}
