package obp.loadtest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import obp.loadtest.e2e.Launcher.Result;
import obp.loadtest.emulator.ConnectionScope;
import obp.loadtest.emulator.FaultPlan;
import obp.loadtest.emulator.ObpEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * --rate-v7 end to end: sweeps start at the set rate although every answer is slow, so the
 * arrivals do not wait for the answers (no coordinated omission); the console stays a digest.
 */
@Tag("e2e")
class OpenModelTest {

    private static final Pattern IN_FLIGHT = Pattern.compile("\\| in flight (\\d+) \\|");
    private ObpEmulator emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) emulator.kill();
    }

    @Test
    void openModelHoldsTheArrivalRateWhileTheServerIsSlow() throws Exception {
        // Every answer takes 200 ms: a sweep of 22 requests takes about 4.4 s.
        emulator = ObpEmulator.start(FaultPlan.defaults()
                .sandbox(true)
                .connectionScope(ConnectionScope.WRITES)
                .latency("*", Duration.ofMillis(200), Duration.ZERO));
        int rate = 5;
        int seconds = 8;
        Result r = Launcher.run(
                Launcher.against(
                        emulator,
                        "--loop-accounts",
                        "0",
                        "--loop-consents",
                        "0",
                        "--rate-v7",
                        Integer.toString(rate),
                        "--duration-v7",
                        seconds + "s",
                        "--users-v7",
                        "2",
                        "--stall-probe",
                        "false"),
                Duration.ofMinutes(4));

        assertEquals(0, r.exitCode(), r.output());
        JsonNode summary = r.summary();
        assertEquals("open", summary.path("settings").path("model-v7").asText(), "the summary records the model");
        assertEquals(rate, summary.path("settings").path("rate-v7").asInt());
        assertEquals("CLEAN", r.verdict(), r.output());

        // Every sweep that was due started and finished: rate × duration of each endpoint.
        int sweepEndpoints = 0;
        for (JsonNode e : summary.path("endpoints")) {
            if (!e.path("group").asText().startsWith("v7 ")
                    || e.path("group").asText().equals("v7 round trip")) continue;
            sweepEndpoints++;
            assertEquals(rate * seconds, e.path("count").asInt(), e.path("name").asText() + "\n" + r.output());
        }
        assertEquals(22, sweepEndpoints, r.output());

        // The arrivals did not wait for the answers: far more sweeps in flight at once than the
        // rate (a closed model of `rate` workers never has more than `rate` requests in flight).
        int maxInFlight = 0;
        int requestLines = 0;
        for (String line : r.logText().lines().toList()) {
            Matcher m = IN_FLIGHT.matcher(line);
            if (m.find()) maxInFlight = Math.max(maxInFlight, Integer.parseInt(m.group(1)));
            if (line.startsWith("[w") && !line.contains("[SLOW")) requestLines++;
        }
        assertTrue(maxInFlight >= 3 * rate, "max in flight " + maxInFlight + "\n" + r.output());

        // The console switched to digests: at most the digest rate (20) of request lines per second.
        int requests = rate * seconds * 22;
        assertTrue(
                requestLines <= 20 * (seconds + 6),
                requestLines + " request lines for " + requests + " requests\n" + r.output());
        List<String> digests = r.logText()
                .lines()
                .filter(l -> l.matches("\\[\\d\\d:\\d\\d:\\d\\d] \\d+ req/s .*"))
                .toList();
        assertTrue(digests.size() >= seconds / 2, "digest lines: " + digests);
    }
}
