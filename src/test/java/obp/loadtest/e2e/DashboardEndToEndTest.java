package obp.loadtest.e2e;

import static java.time.Duration.ZERO;
import static java.time.Duration.ofMillis;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import obp.loadtest.e2e.Launcher.Result;
import obp.loadtest.emulator.FaultPlan;
import obp.loadtest.emulator.ObpEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The run watched live, as a user would: --dashboard on the emulator under contention, the printed address opened
 * in headless Chromium mid-run, the pool chart and the counts advancing between two looks, then Stop pressed on the
 * page: the run ends as Ctrl-C ends it (INTERRUPTED, exit 130, summary and page), and the open page shows the
 * verdict.
 */
@Tag("e2e")
class DashboardEndToEndTest {

    private static final Duration LIMIT = Duration.ofMinutes(2);
    private static final Pattern ADDRESS = Pattern.compile("dashboard: (http://127\\.0\\.0\\.1:\\d+/([0-9a-f]{32})/) ");
    /** Set -Ddashboard.screenshots=docs to refresh the README's screenshots from this run. */
    private static final String SHOTS = System.getProperty("dashboard.screenshots", "target/e2e");

    private ObpEmulator emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) emulator.kill();
    }

    @Test
    void thePageFollowsTheRunAndItsStopEndsItAsCtrlCDoes() throws Exception {
        assumeTrue(Browser.available(), "no " + Browser.BINARY + ": .ci/run installs Debian's chromium");
        // A pool of 4, every v7 handler holding its connection 150 ms, 10 workers: they queue for connections.
        emulator =
                ObpEmulator.start(FaultPlan.defaults().sandbox(true).poolSize(4).latency("*", ofMillis(150), ZERO));
        Launcher.Running run = Launcher.start(Launcher.against(
                emulator,
                "--dashboard",
                "--loop-accounts",
                "0",
                "--loop-consents",
                "0",
                "--workers-v7",
                "10",
                "--duration-v7",
                "90s",
                "--stall-probe",
                "false",
                "--slow-threshold",
                "5s",
                "--keep"));
        run.awaitLine(l -> ADDRESS.matcher(l).find(), LIMIT);
        Matcher m = ADDRESS.matcher(run.outputSoFar());
        assertTrue(m.find());
        String url = m.group(1);
        String token = m.group(2);
        run.awaitLine(l -> l.startsWith("calibration: "), LIMIT);

        try (Browser page = Browser.open(url, 1400, 1000)) {
            page.await("document.documentElement.getAttribute('data-updates') >= 2", LIMIT);
            page.await("Number(document.getElementById('chart-pool').getAttribute('data-points')) > 0", LIMIT);
            JsonNode first = look(page);
            Thread.sleep(3_000);
            JsonNode second = look(page);
            assertTrue(
                    second.path("points").asInt() > first.path("points").asInt(),
                    "the pool chart grows: " + first + " then " + second);
            assertTrue(
                    second.path("requests").asLong() > first.path("requests").asLong(),
                    "the counts advance: " + first + " then " + second);
            assertTrue(second.path("updates").asInt() >= first.path("updates").asInt() + 2, "updated every second");
            assertEquals("measuring", second.path("phase").asText(), second.toString());
            assertTrue(second.path("pool").asText().matches("\\d+ / \\d+ / \\d+ / 4"), "the pool now: " + second);
            assertEquals("0", second.path("errors").asText(), "no script error, no blocked request: " + second);
            page.screenshot(Path.of(SHOTS, "dashboard-live.png"));

            // A reload mid-run starts from the run as it stands, before any update arrives: not from zero.
            page.eval("document.documentElement.setAttribute('data-old', '1'), location.reload(), true");
            page.await(
                    "document.readyState === 'complete' && !document.documentElement.hasAttribute('data-old')", LIMIT);
            JsonNode reloaded =
                    page.eval("({points: Number(document.getElementById('chart-pool').getAttribute('data-points')),"
                            + " requests: Number(document.getElementById('live-requests').textContent)})");
            assertTrue(
                    reloaded.path("points").asInt() >= second.path("points").asInt()
                            && reloaded.path("requests").asLong()
                                    >= second.path("requests").asLong(),
                    "reloaded at " + reloaded + " after " + second);
            page.await("document.documentElement.getAttribute('data-updates') >= 1", LIMIT);

            // Stop, as a user clicks it: the page POSTs to its server under the token in its address.
            page.eval("document.getElementById('stop-button').click(), true");
            Result r = run.await(LIMIT);
            assertEquals(130, r.exitCode(), r.output());
            assertEquals("INTERRUPTED", r.verdict(), r.output());
            assertTrue(r.output().contains("stopping (the dashboard's Stop): no new request is sent"), r.output());
            assertTrue(r.output().contains("stopping: done"), r.output());

            // The page left open is now the verdict page, as written beside the summary.
            page.await("document.getElementById('verdict-line') && !document.getElementById('live')", LIMIT);
            String line = page.eval("document.getElementById('verdict-line').textContent")
                    .asText();
            assertTrue(line.startsWith("INTERRUPTED"), line);
            page.screenshot(Path.of(SHOTS, "dashboard-end.png"));

            Path written = r.summaryFile()
                    .resolveSibling(r.summaryFile().getFileName().toString().replace(".json", ".html"));
            assertTrue(Files.readString(written).contains("INTERRUPTED"), "the verdict page is written: " + written);
            // The token reached the terminal once and nothing else.
            assertEquals(1, r.output().split(token, -1).length - 1, "the address is printed once");
            for (Path file : new Path[] {r.log(), r.summaryFile(), written})
                assertFalse(Files.readString(file).contains(token), "no token in " + file);
            assertTrue(r.logText().contains("dashboard: http://127.0.0.1:"), "the log has the masked address");
        }
    }

    /** What the page shows now: chart points, counts, phase, pool, updates and script errors. */
    private static JsonNode look(Browser page) throws Exception {
        return page.eval(
                "(function(){var d=document,t=function(id){var e=d.getElementById(id);return e?e.textContent:'';};"
                        + "return {points:Number(d.getElementById('chart-pool').getAttribute('data-points')),"
                        + "requests:Number(t('live-requests')),phase:t('live-phase'),pool:t('live-pool'),"
                        + "updates:Number(d.documentElement.getAttribute('data-updates')),"
                        + "errors:d.documentElement.getAttribute('data-js-errors')};})()");
    }
}
