package obp.loadtest.e2e;

import static java.time.Duration.ZERO;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import obp.loadtest.e2e.Launcher.Result;
import obp.loadtest.emulator.FaultPlan;
import obp.loadtest.emulator.ObpEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The server's own view, for real: ./run.sh against an emulator whose HikariCP pool reports through Micrometer and
 * whose calls are API-metrics rows, as OBP's do. A clean run, contention and starvation each show it in the summary,
 * the console and the page, and the verdict's evidence cites it; a server without it gives the same verdict with a
 * caveat saying its view was absent.
 */
@Tag("e2e")
class ServerViewEndToEndTest {

    private static final Duration LIMIT = Duration.ofMinutes(3);
    private ObpEmulator emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) emulator.kill();
    }

    private Result sweep(FaultPlan plan, String... flags) throws Exception {
        emulator = ObpEmulator.start(plan.sandbox(true));
        List<String> args = new ArrayList<>(
                List.of("--loop-accounts", "0", "--loop-consents", "0", "--pool-sample-interval", "500ms", "--keep"));
        args.addAll(Arrays.asList(flags));
        return Launcher.run(Launcher.against(emulator, args.toArray(String[]::new)), LIMIT);
    }

    private static String evidence(Result r) {
        return r.summary().path("verdict").path("evidence").toString();
    }

    private static JsonNode telemetry(Result r) {
        return r.summary().path("server_view").path("telemetry");
    }

    /** The page and the console show the server's view; the API metrics give a server p95 beside the client's. */
    private static void assertShown(Result r) throws Exception {
        JsonNode metrics = r.summary().path("server_view").path("api_metrics");
        assertTrue(metrics.path("available").asBoolean(), metrics.toString());
        JsonNode users = null;
        for (JsonNode e : metrics.path("endpoints"))
            if (e.path("name").asText().equals("GET /users/current")) users = e;
        assertTrue(users != null && users.path("count").asInt() > 0, metrics.toString());
        assertTrue(
                users.path("client_p95_ms").isNumber() && users.path("gap_ms").isNumber(), users.toString());
        assertTrue(r.output().contains("server p95"), "the console table has the server's column");
        String page = Files.readString(r.summaryFile()
                .resolveSibling(r.summaryFile().getFileName().toString().replace(".json", ".html")));
        assertTrue(
                page.contains("id=\"server-view\"") && page.contains("id=\"server-endpoints\""), "page: server view");
        if (telemetry(r).path("available").asBoolean())
            assertTrue(page.contains("id=\"chart-server\""), "page: the chart of acquire time and pending threads");
    }

    @Test
    void cleanRunIsConfirmedByThePoolsOwnMeters() throws Exception {
        // A shared machine's noise can inflate one endpoint's few requests: only a wide inflation counts here.
        Result r = sweep(
                FaultPlan.defaults(),
                "--workers-v7",
                "4",
                "--loop-v7",
                "3",
                "--stall-probe",
                "false",
                "--verdict-inflation-min",
                "2s");
        assertEquals("CLEAN", r.verdict(), r.output());
        JsonNode t = telemetry(r);
        assertTrue(t.path("available").asBoolean(), t.toString());
        assertEquals("GET /obp/v7.0.0/management/telemetry", t.path("source").asText());
        assertEquals(0, t.path("timeouts").asInt(), t.toString());
        assertTrue(t.path("acquires").asLong() > 0, t.toString());
        assertTrue(evidence(r).contains("server's own pool (Telemetry)"), evidence(r));
        assertTrue(evidence(r).contains("0 acquire timeouts"), evidence(r));
        assertShown(r);
    }

    @Test
    void contentionShowsThreadsPendingOnTheServersPool() throws Exception {
        Result r = sweep(
                FaultPlan.defaults().poolSize(4).latency("*", ofMillis(150), ZERO),
                "--workers-v7",
                "10",
                "--loop-v7",
                "2",
                "--stall-probe",
                "false",
                "--request-timeout",
                "20s",
                "--slow-threshold",
                "5s");
        assertEquals("CONTENTION", r.verdict(), r.output());
        JsonNode t = telemetry(r);
        assertTrue(t.path("pending_max").asInt() > 0, "the server saw threads waiting: " + t);
        assertEquals(0, t.path("timeouts").asInt(), t.toString());
        assertTrue(t.path("acquire_p95_ms").asDouble() >= 100, "acquires waited on held connections: " + t);
        assertTrue(evidence(r).contains("server's own pool (Telemetry)"), evidence(r));
        assertShown(r);
    }

    private static final String[] STARVING = {
        "--stall-probe",
        "true",
        "--workers-v7",
        "6",
        "--ramp-v7",
        "1s",
        "--loop-v7",
        "20",
        "--request-timeout",
        "10s",
        "--slow-threshold",
        "5s"
    };

    @Test
    void starvationIsConfirmedByTheServersTimeoutCounterReadFromItsPrometheusPort() throws Exception {
        // The stall probes hold their connections 3 s: the run's API metrics are read once the pool is free again.
        FaultPlan plan =
                FaultPlan.defaults().poolSize(2).acquireTimeout(ofSeconds(1)).connectorDialTimeout(ofSeconds(3));
        emulator = ObpEmulator.start(plan.sandbox(true));
        // OBP's telemetry port answers on its own thread: named, it is read while the pool is starved.
        List<String> args = new ArrayList<>(List.of(
                "--loop-accounts",
                "0",
                "--loop-consents",
                "0",
                "--pool-sample-interval",
                "500ms",
                "--keep",
                "--telemetry",
                emulator.telemetryUrl().orElseThrow()));
        args.addAll(Arrays.asList(STARVING));
        // The whole sweep, not an early stop 2 s in: the server's timeout counter is read at the sampler's pace, and
        // on a loaded machine the stop came before a scrape after the first timeouts (a CI run read 0).
        args.set(args.indexOf("--loop-v7") + 1, "3");
        args.addAll(List.of("--stop-after-timeouts", "0"));
        Result r = Launcher.run(Launcher.against(emulator, args.toArray(String[]::new)), LIMIT);
        assertEquals("POOL_STARVATION", r.verdict(), r.output());
        JsonNode t = telemetry(r);
        assertEquals(emulator.telemetryUrl().orElseThrow(), t.path("source").asText());
        assertTrue(t.path("timeouts").asInt() > 0, t.toString());
        assertTrue(t.path("acquire_p99_ms").asDouble() >= 500, "acquires waited out the 1 s timeout: " + t);
        assertTrue(evidence(r).contains("starvation confirmed by the server"), evidence(r));
        assertShown(r);
    }

    @Test
    void aServerWithoutItsOwnViewGivesTheSameVerdictAndSaysTheViewWasAbsent() throws Exception {
        Result r = sweep(
                FaultPlan.defaults()
                        .poolSize(2)
                        .acquireTimeout(ofSeconds(1))
                        .telemetry(false)
                        .apiMetrics(false),
                STARVING);
        assertEquals("POOL_STARVATION", r.verdict(), r.output());
        assertFalse(telemetry(r).path("available").asBoolean());
        String caveats = r.summary().path("verdict").path("caveats").toString();
        assertTrue(caveats.contains("the server's own pool view was absent"), caveats);
        assertTrue(caveats.contains("the server's API metrics were absent"), caveats);
        assertFalse(evidence(r).contains("server's own pool"), evidence(r));
        assertFalse(r.output().contains("server p95"), "no server column without the server's durations");
    }
}
