package obp.loadtest.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import obp.loadtest.emulator.FaultPlan;
import obp.loadtest.emulator.ObpEmulator;
import obp.loadtest.simulations.Launcher.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every verdict of SPEC §4, produced for real: ./run.sh against an emulator whose pool, latency,
 * locks or listener make that condition happen. Short timeouts keep each run to seconds. Each
 * asserts the verdict, its evidence, the exit code, the summary JSON and the log.
 */
class DiagnosisMatrixTest {

    private static final Duration LIMIT = Duration.ofMinutes(3);
    private ObpEmulator emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) emulator.kill();
    }

    private Result sweep(FaultPlan plan, String... flags) throws Exception {
        emulator = ObpEmulator.start(plan.sandbox(true));
        List<String> args = new ArrayList<>(List.of("--loop-accounts", "0", "--loop-consents", "0", "--pool-sample-interval", "500ms"));
        args.addAll(Arrays.asList(flags));
        return Launcher.run(Launcher.against(emulator, args.toArray(String[]::new)), LIMIT);
    }

    private static void assertVerdict(Result r, String verdict, int exitCode) {
        assertEquals(verdict, r.verdict(), r.output());
        assertEquals(exitCode, r.exitCode(), r.output());
        JsonNode v = r.summary().path("verdict");
        assertEquals(exitCode, v.path("exit_code").asInt(), "summary and exit code agree");
        assertEquals(exitCode != 0, v.path("failure").asBoolean());
        String headline = v.path("headline").asText();
        assertTrue(r.output().contains("VERDICT: " + headline), "console shows the verdict:\n" + r.output());
        assertTrue(r.logText().contains("VERDICT: " + headline), "log shows the verdict");
    }

    private static JsonNode endpoint(Result r, String name) {
        for (JsonNode e : r.summary().path("endpoints")) if (e.path("name").asText().equals(name)) return e;
        throw new AssertionError("no endpoint " + name + " in the summary");
    }

    private static String evidence(Result r) {
        return r.summary().path("verdict").path("evidence").toString();
    }

    @Test
    void amplePoolIsClean() throws Exception {
        Result r = sweep(FaultPlan.defaults(), "--workers-v7", "4", "--users-v7", "2", "--loop-v7", "2", "--stall-probe", "false",
                "--request-timeout", "4s", "--slow-threshold", "1s", "--live", "all");
        assertVerdict(r, "CLEAN", 0);
        assertEquals(8, endpoint(r, "GET /root").path("count").asInt(), "4 workers × 2 sweeps");
        // Workers on the second user do not own the account: 403 is expected, shown, and not a failure.
        JsonNode owner = endpoint(r, "GET /my/banks/BANK_ID/accounts/ACCOUNT_ID/account");
        assertEquals(4, owner.path("statuses").path("200").asInt(), owner.toString());
        assertEquals(4, owner.path("statuses").path("403").asInt(), owner.toString());
        assertTrue(r.output().contains("[w4] GET /root 200"), "live lines name the worker");
    }

    @Test
    void smallPoolHeldByEveryHandlerIsContention() throws Exception {
        Result r = sweep(FaultPlan.defaults().poolSize(2).latency("*", Duration.ofMillis(400), Duration.ZERO),
                "--workers-v7", "6", "--loop-v7", "1", "--stall-probe", "false", "--request-timeout", "6s", "--slow-threshold", "1s");
        assertVerdict(r, "CONTENTION", 0);
        assertTrue(r.output().contains("[SLOW — suspect stall]"), r.output());
        assertEquals(2, r.summary().path("pool").path("max_active").asInt(), "the pool was seen saturated");
    }

    @Test
    void stallProbesPinningThePoolIsStarvationAndStopTheSweepEarly() throws Exception {
        // 20 loops would wait out hundreds of 1 s timeouts; the sweep stops once 3 endpoints have timed out.
        Result r = sweep(FaultPlan.defaults().poolSize(2),
                "--workers-v7", "6", "--ramp-v7", "1s", "--loop-v7", "20", "--request-timeout", "1s", "--slow-threshold", "500ms");
        assertVerdict(r, "POOL_STARVATION", 1);
        long endpointsTimedOut = 0;
        for (JsonNode e : r.summary().path("endpoints")) {
            if (!e.path("stall_probe").asBoolean() && e.path("timeouts").asInt() > 0) endpointsTimedOut++;
        }
        assertTrue(endpointsTimedOut >= 3, evidence(r));
        assertTrue(r.summary().path("pool").path("max_waiting").asInt() > 0, "threads were seen waiting for a connection");
        assertTrue(evidence(r).contains("stopped early"), evidence(r));
        assertTrue(endpoint(r, "GET /root").path("count").asInt() < 6 * 20, "not every loop ran");
    }

    @Test
    void heldRowLockIsSuspectDeadlock() throws Exception {
        Result r = sweep(FaultPlan.defaults().dbLock(Duration.ofSeconds(40)).dbLockTimeout(Duration.ofMillis(700)),
                "--workers-v7", "2", "--loop-v7", "1", "--stall-probe", "false", "--request-timeout", "3s", "--slow-threshold", "1s");
        assertVerdict(r, "SUSPECT_DEADLOCK", 1);
        // The sweep stops once 3 endpoints have timed out; /root comes first, so it always ran.
        JsonNode root = endpoint(r, "GET /root");
        assertEquals(2, root.path("timeouts").asInt(), root.toString());
        assertTrue(root.path("timeout_max_ms").asLong() < 2000, "failed well before the 3 s cap: " + root);
        assertTrue(evidence(r).contains("lock"), evidence(r));
    }

    @Test
    void oneSlowEndpointIsNamed() throws Exception {
        Result r = sweep(FaultPlan.defaults().latency("/system/cache/info", Duration.ofMillis(1500), Duration.ZERO),
                "--workers-v7", "2", "--loop-v7", "2", "--stall-probe", "false", "--request-timeout", "4s", "--slow-threshold", "1s");
        assertVerdict(r, "ONE_ENDPOINT", 0);
        assertTrue(r.summary().path("verdict").path("headline").asText().endsWith("GET /system/cache/info"), evidence(r));
        assertEquals(4, endpoint(r, "GET /system/cache/info").path("slow").asInt());
    }

    @Test
    void stallProbeAloneOnAHealthyPoolIsOneEndpointAndPasses() throws Exception {
        Result r = sweep(FaultPlan.defaults(), "--workers-v7", "2", "--loop-v7", "1", "--request-timeout", "2s", "--slow-threshold", "1s");
        assertVerdict(r, "ONE_ENDPOINT", 0);
        assertTrue(evidence(r).contains("known dev-instance case"), evidence(r));
        assertTrue(r.output().contains("still waiting after"), "flagged while in flight:\n" + r.output());
    }

    @Test
    void injectedServerErrorsAreUnexpectedStatuses() throws Exception {
        Result r = sweep(FaultPlan.defaults().errorRate(0.25),
                "--workers-v7", "2", "--loop-v7", "3", "--stall-probe", "false", "--request-timeout", "4s", "--slow-threshold", "1s",
                "--live", "all");
        assertVerdict(r, "UNEXPECTED_STATUSES", 1);
        assertTrue(evidence(r).contains("500"), evidence(r));
        assertTrue(r.output().contains("[w1] ") && r.output().contains(" 500 "), "the live lines show the 500s");
    }

    @Test
    void refusedConnectionsAreServerUnreachable() throws Exception {
        emulator = ObpEmulator.start(FaultPlan.defaults().sandbox(true).latency("*", Duration.ofMillis(100), Duration.ZERO));
        Launcher.Running run = Launcher.start(Launcher.against(emulator, "--loop-accounts", "0", "--loop-consents", "0",
                "--workers-v7", "2", "--loop-v7", "10", "--stall-probe", "false", "--request-timeout", "2s", "--slow-threshold", "1s"));
        run.awaitLine(l -> l.startsWith("[w"), LIMIT);
        emulator.refuseConnections(true);
        Result r = run.await(LIMIT);
        assertVerdict(r, "SERVER_UNREACHABLE", 1);
        assertTrue(endpoint(r, "GET /root").path("connection_errors").asInt() > 0);
    }
}
