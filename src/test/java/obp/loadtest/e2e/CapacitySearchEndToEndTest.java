package obp.loadtest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import obp.loadtest.e2e.Launcher.Result;
import obp.loadtest.emulator.FaultPlan;
import obp.loadtest.emulator.ObpEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * --search-v7 for real: ./run.sh steps the v7 workers 1, 2, 4… 32 against an emulator whose every
 * request holds a pooled connection about 100 ms. A pool of 8 queues from about 8 workers and, with a
 * short acquire timeout, breaks; a pool of 40 does neither up to 32 workers.
 */
@Tag("e2e")
class CapacitySearchEndToEndTest {

    private static final Duration LIMIT = Duration.ofMinutes(2);
    private ObpEmulator emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) emulator.kill();
    }

    private Result search(int poolSize) throws Exception {
        emulator = ObpEmulator.start(FaultPlan.defaults()
                .poolSize(poolSize)
                .latency("*", Duration.ofMillis(100), Duration.ZERO)
                .acquireTimeout(Duration.ofMillis(500))
                .sandbox(true));
        return Launcher.run(
                Launcher.against(
                        emulator,
                        "--loop-accounts",
                        "0",
                        "--loop-consents",
                        "0",
                        "--stall-probe",
                        "false",
                        "--search-v7",
                        "true",
                        "--search-max-workers",
                        "32",
                        "--search-step-duration",
                        "3s",
                        "--pool-sample-interval",
                        "250ms",
                        "--stop-after-timeouts",
                        "0",
                        "--request-timeout",
                        "5s",
                        "--slow-threshold",
                        "2s",
                        "--live",
                        "flags"),
                LIMIT);
    }

    private static JsonNode level(JsonNode search, int workers) {
        for (JsonNode l : search.path("levels")) if (l.path("workers").asInt() == workers) return l;
        return null;
    }

    @Test
    void smallPoolQueuesFromAboutEightWorkersAndBreaks() throws Exception {
        Result r = search(8);
        assertEquals(0, r.exitCode(), "a search exits 0 whatever it found:\n" + r.output());
        JsonNode s = r.summary().path("search");
        assertTrue(s.path("levels").size() >= 4, s.toString());
        int pressure = s.path("knee").path("first_pressure_workers").asInt();
        assertTrue(pressure == 8 || pressure == 16, "pool queues from about 8 workers: " + s);
        JsonNode below = level(s, 4);
        assertEquals(0, below.path("pool_max_waiting").asInt(), "4 workers never wait for 8 connections: " + below);
        JsonNode breaking = s.path("breaking_point");
        assertTrue(breaking.path("found").asBoolean(), s.toString());
        JsonNode broke = level(s, breaking.path("workers").asInt());
        assertTrue(broke.path("timeouts").asInt() > 0, broke.toString());
        assertTrue(breaking.path("workers").asInt() > 8, s.toString());
        assertTrue(r.output().contains("capacity search (v7 workers"), r.output());
        assertTrue(
                r.output().contains("knee: ")
                        && r.output()
                                .contains("breaking point: "
                                        + breaking.path("workers").asInt() + " workers"),
                r.output());
        String page = Files.readString(r.summaryFile()
                .resolveSibling(r.summaryFile().getFileName().toString().replace(".json", ".html")));
        assertTrue(
                page.contains("id=\"chart-search\"") && page.contains("<li id=\"search-breaking\">breaking point: "),
                "the verdict page shows it");
        assertTrue(r.took().compareTo(Duration.ofMinutes(1)) < 0, "took " + r.took());
    }

    @Test
    void amplePoolNeitherQueuesNorBreaksUpToThirtyTwo() throws Exception {
        Result r = search(40);
        assertEquals(0, r.exitCode(), r.output());
        JsonNode s = r.summary().path("search");
        assertEquals(6, s.path("levels").size(), "1, 2, 4, 8, 16, 32: " + s);
        assertTrue(s.path("knee").path("first_pressure_workers").isMissingNode(), s.toString());
        assertFalse(s.path("breaking_point").path("found").asBoolean(), s.toString());
        assertTrue(r.output().contains("breaking point: none up to 32 workers"), r.output());
        assertTrue(r.took().compareTo(Duration.ofMinutes(1)) < 0, "took " + r.took());
    }
}
