package obp.loadtest.e2e;

import static java.time.Duration.ZERO;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import obp.loadtest.e2e.Launcher.Result;
import obp.loadtest.emulator.Database;
import obp.loadtest.emulator.FaultPlan;
import obp.loadtest.emulator.ObpEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every verdict and bottleneck, produced for real: ./run.sh against an emulator configured as a real
 * OBP would be (pool endpoint behind the pool, PostgreSQL's words, HikariCP's messages) whose pool,
 * latency, locks or listener make that condition happen. Each case measures at least 20 requests per
 * endpoint and asserts the verdict, bottleneck, evidence, exit code, summary and log.
 */
@Tag("e2e")
class DiagnosisMatrixTest {

    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static final String USER_BY_ID = "GET /users/user-id/USER_ID";
    private ObpEmulator emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) emulator.kill();
    }

    private Result sweep(FaultPlan plan, String... flags) throws Exception {
        emulator = ObpEmulator.start(plan.sandbox(true));
        List<String> args = new ArrayList<>(List.of(
                "--loop-accounts",
                "0",
                "--loop-consents",
                "0",
                "--pool-sample-interval",
                "500ms",
                "--stall-probe",
                "false",
                "--keep"));
        args.addAll(Arrays.asList(flags));
        return Launcher.run(Launcher.against(emulator, args.toArray(String[]::new)), LIMIT);
    }

    private static void assertVerdict(Result r, String verdict, String bottleneck, int exitCode) {
        JsonNode v = r.summary().path("verdict");
        assertEquals(verdict, r.verdict(), r.output());
        assertEquals(bottleneck, v.path("bottleneck").asText(), r.output());
        assertEquals(exitCode, r.exitCode(), r.output());
        assertEquals(exitCode, v.path("exit_code").asInt(), "summary and exit code agree");
        assertEquals(exitCode != 0, v.path("failure").asBoolean());
        String headline = v.path("headline").asText();
        assertTrue(r.output().contains("VERDICT: " + headline), "console shows the verdict:\n" + r.output());
        assertTrue(r.logText().contains("VERDICT: " + headline), "log shows the verdict");
    }

    private static JsonNode endpoint(Result r, String name) {
        for (JsonNode e : r.summary().path("endpoints"))
            if (e.path("name").asText().equals(name)) return e;
        throw new AssertionError("no endpoint " + name + " in the summary");
    }

    private static String evidence(Result r) {
        return r.summary().path("verdict").path("evidence").toString();
    }

    /** No case rides on one sample: every sweep endpoint measured at least this often. */
    private static void assertMeasuredAtLeast(Result r, int n) {
        for (JsonNode e : r.summary().path("endpoints")) {
            if (e.path("group").asText().startsWith("v7 ")
                    && !e.path("group").asText().equals("v7 round trip")) {
                assertTrue(
                        e.path("count").asInt() >= n,
                        e.path("name").asText() + " measured " + e.path("count").asInt());
            }
        }
    }

    @Test
    void amplePoolIsClean() throws Exception {
        Result r = sweep(
                FaultPlan.defaults(),
                "--workers-v7",
                "4",
                "--users-v7",
                "2",
                "--loop-v7",
                "5",
                "--request-timeout",
                "4s",
                "--slow-threshold",
                "1s",
                "--live",
                "all");
        assertVerdict(r, "CLEAN", "none", 0);
        assertMeasuredAtLeast(r, 20);
        assertTrue(endpoint(r, "GET /root").path("baseline_ms").isNumber(), "calibrated");
        // Workers on the second user do not own the account: a 4xx is expected, shown, and not a failure.
        JsonNode owner = endpoint(r, "GET /my/banks/BANK_ID/accounts/ACCOUNT_ID/account");
        assertEquals(10, owner.path("statuses").path("200").asInt(), owner.toString());
        assertTrue(r.output().contains("[w4] GET /root 200"), "live lines name the worker");
        assertTrue(r.output().contains("calibration: "), r.output());
    }

    @Test
    void saturatedPoolIsContentionEvenWithLatencyWellUnderASecond() throws Exception {
        // A pool of 4, every v7 handler holding its connection 150 ms, 10 workers: they queue for connections.
        Result r = sweep(
                FaultPlan.defaults().poolSize(4).latency("*", ofMillis(150), ZERO),
                "--workers-v7",
                "10",
                "--loop-v7",
                "2",
                "--request-timeout",
                "20s",
                "--slow-threshold",
                "5s");
        assertVerdict(r, "CONTENTION", "pool", 0);
        assertMeasuredAtLeast(r, 20);
        assertTrue(endpoint(r, "GET /root").path("p95_ms").asLong() < 5_000, "not slow: the pool decided");
        assertTrue(evidence(r).contains("saturated with threads waiting in"), evidence(r));
        assertTrue(evidence(r).contains("pool saturated from"), evidence(r));
    }

    @Test
    void stallProbesPinningThePoolIsStarvationAtTheServersAcquireTimeout() throws Exception {
        // Stall probes hold the two connections; everything else waits the server's 1 s acquire timeout, far under the
        // 10 s client cap.
        Result r = sweep(
                FaultPlan.defaults().poolSize(2).acquireTimeout(ofSeconds(1)),
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
                "5s");
        assertVerdict(r, "POOL_STARVATION", "pool", 1);
        // Which endpoints wait out the acquire timeout before the early stop depends on the machine's pace (on a
        // loaded one GET /root got through 6 times): every one that did, did so at the server's 1 s.
        List<JsonNode> waited = new ArrayList<>();
        for (JsonNode e : r.summary().path("endpoints"))
            if (!e.path("stall_probe").asBoolean()
                    && e.path("timeout_causes").path("POOL_ACQUIRE").asInt() > 0) waited.add(e);
        assertFalse(waited.isEmpty(), "requests waited out the server's acquire timeout: " + r.summary());
        for (JsonNode e : waited)
            assertTrue(
                    e.path("timeout_max_ms").asLong() < 5_000,
                    "at the server's acquire timeout, not the client's: " + e);
        assertTrue(evidence(r).contains("server acquire timeout 1.0 s"), evidence(r));
        assertTrue(evidence(r).contains("stopped early"), evidence(r));
        assertEquals(
                1000, r.summary().path("pool").path("connection_timeout_ms").asInt());
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void deadlockWordedByEachDatabaseIsSuspectDeadlock(Database database) throws Exception {
        // Two endpoints that write the same row hang on a lock a stuck transaction holds, then the database gives up.
        FaultPlan.LockKind kind =
                database.ordinal() % 2 == 0 ? FaultPlan.LockKind.DEADLOCK : FaultPlan.LockKind.LOCK_TIMEOUT;
        Result r = sweep(
                FaultPlan.defaults()
                        .database(database)
                        .dbLock(ofSeconds(60))
                        .dbLockTimeout(ofMillis(600))
                        .dbLockKind(kind)
                        .dbLockPaths(List.of("GET /users/user-id/{USER_ID}", "GET /users")),
                "--workers-v7",
                "4",
                "--loop-v7",
                "5",
                "--request-timeout",
                "10s",
                "--slow-threshold",
                "5s");
        assertVerdict(r, "SUSPECT_DEADLOCK", "server", 1);
        assertMeasuredAtLeast(r, 20);
        JsonNode hung = endpoint(r, USER_BY_ID);
        String cause = kind == FaultPlan.LockKind.DEADLOCK ? "DEADLOCK" : "LOCK";
        assertTrue(hung.path("timeout_causes").path(cause).asInt() >= 20, database + ": " + hung);
        assertTrue(evidence(r).contains("lock or deadlock words"), evidence(r));
        assertEquals(0, endpoint(r, "GET /root").path("timeouts").asInt(), "the other endpoints stayed healthy");
    }

    @Test
    void hangsEndingInADroppedConnectionAreSuspectDeadlock() throws Exception {
        Result r = sweep(
                FaultPlan.defaults()
                        .dbLock(ofSeconds(60))
                        .dbLockTimeout(ofMillis(1500))
                        .dbHangEnding(FaultPlan.HangEnding.DROP)
                        .dbLockPaths(List.of("GET /users/user-id/{USER_ID}", "GET /users")),
                "--workers-v7",
                "4",
                "--loop-v7",
                "5",
                "--request-timeout",
                "10s",
                "--slow-threshold",
                "5s");
        assertVerdict(r, "SUSPECT_DEADLOCK", "server", 1);
        JsonNode hung = endpoint(r, USER_BY_ID);
        assertTrue(hung.path("timeout_causes").path("DROPPED").asInt() >= 20, hung.toString());
        assertTrue(evidence(r).contains("well before every known cap"), evidence(r));
        assertFalse(r.verdict().equals("SERVER_UNREACHABLE"));
    }

    @Test
    void twoConnectionsPerRequestSaturateThePoolAtHalfItsSize() throws Exception {
        Result r = sweep(
                FaultPlan.defaults()
                        .poolSize(10)
                        .acquireTimeout(ofSeconds(2))
                        .connectionsPerRequest(2)
                        .latency("*", ofMillis(100), ZERO),
                "--workers-v7",
                "7",
                "--loop-v7",
                "3",
                "--request-timeout",
                "20s",
                "--slow-threshold",
                "5s");
        assertVerdict(r, "CONTENTION", "pool", 0);
        assertTrue(evidence(r).contains("connections per request"), evidence(r));
        assertTrue(evidence(r).contains("pool ≥ threads × (connections per request − 1) + 1"), evidence(r));
    }

    @Test
    void twoConnectionsPerRequestAtThePoolSizeLockUpIntoStarvation() throws Exception {
        // Once requests in flight reach the pool size, each can hold one connection while waiting for a second:
        // the pool locks up until the first waiter gives up at the acquire timeout.
        Result r = sweep(
                FaultPlan.defaults()
                        .poolSize(10)
                        .acquireTimeout(ofSeconds(1))
                        .connectionsPerRequest(2)
                        .latency("*", ofMillis(200), ZERO),
                "--workers-v7",
                "12",
                "--loop-v7",
                "3",
                "--request-timeout",
                "20s",
                "--slow-threshold",
                "5s",
                "--stop-after-timeouts",
                "0");
        assertVerdict(r, "POOL_STARVATION", "pool", 1);
        assertTrue(evidence(r).contains("connections per request"), evidence(r));
        assertTrue(evidence(r).contains("needs at least 13 connections to avoid locking up"), evidence(r));
    }

    @Test
    void oneConnectionPerRequestOnTheSamePoolIsClean() throws Exception {
        Result r = sweep(
                FaultPlan.defaults().poolSize(10).acquireTimeout(ofSeconds(2)).latency("*", ofMillis(100), ZERO),
                "--workers-v7",
                "7",
                "--loop-v7",
                "3",
                "--request-timeout",
                "20s",
                "--slow-threshold",
                "5s");
        assertVerdict(r, "CLEAN", "none", 0);
        assertFalse(evidence(r).contains("connections per request"), evidence(r));
    }

    @Test
    void oneSlowEndpointIsNamed() throws Exception {
        Result r = sweep(
                FaultPlan.defaults().latency("/system/cache/info", ofMillis(1500), ZERO),
                "--workers-v7",
                "4",
                "--loop-v7",
                "5",
                "--request-timeout",
                "4s",
                "--slow-threshold",
                "1s");
        assertVerdict(r, "ONE_ENDPOINT", "server", 0);
        assertTrue(
                r.summary().path("verdict").path("headline").asText().endsWith("GET /system/cache/info"), evidence(r));
        assertEquals(20, endpoint(r, "GET /system/cache/info").path("slow").asInt());
    }

    @Test
    void stallProbeAloneOnAHealthyPoolIsOneEndpointAndPasses() throws Exception {
        Result r = sweep(
                FaultPlan.defaults(),
                "--stall-probe",
                "true",
                "--workers-v7",
                "2",
                "--loop-v7",
                "1",
                "--request-timeout",
                "2s",
                "--slow-threshold",
                "1s");
        assertVerdict(r, "ONE_ENDPOINT", "server", 0);
        assertTrue(evidence(r).contains("known dev-instance case"), evidence(r));
        assertTrue(r.output().contains("still waiting after"), "flagged while in flight:\n" + r.output());
    }

    @Test
    void injectedServerErrorsAreUnexpectedStatuses() throws Exception {
        Result r = sweep(
                FaultPlan.defaults().errorRate(0.25),
                "--workers-v7",
                "4",
                "--loop-v7",
                "5",
                "--request-timeout",
                "4s",
                "--slow-threshold",
                "1s",
                "--live",
                "all");
        assertVerdict(r, "UNEXPECTED_STATUSES", "none", 1);
        assertTrue(evidence(r).contains("500"), evidence(r));
        assertTrue(r.output().contains("[w1] ") && r.output().contains(" 500 "), "the live lines show the 500s");
        // Each request is judged by its own answer: the 500s are the unexpected statuses, and every other answer (an
        // owner's 200, another user's 403 or 400 on an ownership-checked endpoint) was expected, also right after a
        // 500 earlier in the same sweep.
        int errors = 0;
        for (JsonNode e : r.summary().path("endpoints")) {
            int fiveHundreds = e.path("statuses").path("500").asInt();
            errors += fiveHundreds;
            assertEquals(fiveHundreds, e.path("unexpected_statuses").asInt(), e.toString());
        }
        assertTrue(errors > 0, "the emulator answered 500s");
    }

    @Test
    void refusedConnectionsAreServerUnreachable() throws Exception {
        emulator = ObpEmulator.start(FaultPlan.defaults().sandbox(true).latency("*", ofMillis(100), ZERO));
        Launcher.Running run = Launcher.start(Launcher.against(
                emulator,
                "--loop-accounts",
                "0",
                "--loop-consents",
                "0",
                "--keep",
                "--workers-v7",
                "2",
                "--loop-v7",
                "10",
                "--stall-probe",
                "false",
                "--request-timeout",
                "2s",
                "--slow-threshold",
                "1s",
                "--live",
                "all"));
        run.awaitLine(l -> l.startsWith("[w"), LIMIT);
        emulator.refuseConnections(true);
        Result r = run.await(LIMIT);
        assertVerdict(r, "SERVER_UNREACHABLE", "server", 1);
        assertTrue(endpoint(r, "GET /root").path("connection_errors").asInt() > 0);
    }

    // ---- what a server refuses or loses beside its pool: each short, a few seconds of sweep ----

    @Test
    void aHandlerThatNeverClosesItsConnectionIsAConnectionLeakNotStarvation() throws Exception {
        // Every 3rd call to the cache endpoint takes a connection it never gives back: 20 calls, about 7 held by
        // nothing.
        Result r = sweep(
                FaultPlan.defaults().leak("/system/cache/info", 3).latency("*", ofMillis(20), ZERO),
                "--workers-v7",
                "4",
                "--loop-v7",
                "5",
                "--request-timeout",
                "10s",
                "--slow-threshold",
                "5s");
        assertVerdict(r, "CONNECTION_LEAK", "pool", 1);
        assertMeasuredAtLeast(r, 20);
        assertTrue(evidence(r).contains("connections held with nothing in flight"), evidence(r));
        assertTrue(evidence(r).contains("connections per minute"), evidence(r));
        assertTrue(evidence(r).contains("leakDetectionThreshold"), evidence(r));
        JsonNode pool = r.summary().path("pool");
        assertTrue(pool.path("after_load_t_ms").isNumber(), "sampled once more after the load: " + pool);
    }

    @Test
    void theConsumersRateLimitIsRateLimitedWithItsLimitAndFix() throws Exception {
        Result r = sweep(
                FaultPlan.defaults().consumerRateLimit(30),
                "--workers-v7",
                "4",
                "--loop-v7",
                "5",
                "--request-timeout",
                "10s",
                "--slow-threshold",
                "5s");
        assertVerdict(r, "RATE_LIMITED", "server", 1);
        assertMeasuredAtLeast(r, 20);
        assertTrue(evidence(r).contains("OBP-10018"), evidence(r));
        assertTrue(evidence(r).contains("(load): "), evidence(r));
        assertTrue(evidence(r).contains("limit 30, resets in 1 s"), "read from X-Rate-Limit-*: " + evidence(r));
        assertTrue(evidence(r).contains("--rate-v7"), evidence(r));
        JsonNode refused = r.summary().path("refusals").path("rate_limited");
        assertTrue(refused.size() > 0 && refused.get(0).path("code").asText().equals("OBP-10018"), refused.toString());
    }

    @Test
    void theLoginLimitDuringSetupIsWaitedOutAsTheServerSays() throws Exception {
        // Three logins (the bootstrap user, then two v7 users at once) against a limit of one per 2 s: one of the two
        // at once is refused, waits as X-Rate-Limit-Reset says, and logs in.
        Result r = sweep(
                FaultPlan.defaults().loginRateLimit(1, ofSeconds(2)),
                "--workers-v7",
                "4",
                "--users-v7",
                "2",
                "--loop-v7",
                "5",
                "--request-timeout",
                "10s",
                "--slow-threshold",
                "5s",
                // the case is the setup's wait: a loaded machine's latency wobble must not make it ONE ENDPOINT
                "--verdict-inflation-min",
                "2s");
        assertVerdict(r, "CLEAN", "none", 0);
        assertMeasuredAtLeast(r, 20);
        assertTrue(evidence(r).contains("the login rate limit (OBP-10061"), evidence(r));
        assertTrue(evidence(r).contains("then went on"), evidence(r));
        assertTrue(r.output().contains("setup: rate limited "), r.output());
    }

    @Test
    void aLoginLimitLongerThanTheSetupWillWaitFailsSetupInOneLine() throws Exception {
        Result r = sweep(
                FaultPlan.defaults().loginRateLimit(1, ofSeconds(120)),
                "--workers-v7",
                "4",
                "--users-v7",
                "2",
                "--loop-v7",
                "5");
        assertEquals(3, r.exitCode(), r.output());
        assertEquals("SETUP_FAILED", r.verdict());
        assertTrue(r.output().contains("rate limited by the login rate limit (OBP-10061"), r.output());
        assertTrue(r.output().contains(", resets in 1"), "the limit's reset, from X-Rate-Limit-Reset: " + r.output());
    }

    @Test
    void loadSheddingIsServerBusyNamedWithTheConcurrencyItBeganAt() throws Exception {
        Result r = sweep(
                FaultPlan.defaults().shedAbove(3).latency("*", ofMillis(20), ZERO),
                "--workers-v7",
                "8",
                "--loop-v7",
                "3",
                "--request-timeout",
                "10s",
                "--slow-threshold",
                "5s");
        assertVerdict(r, "SERVER_BUSY", "server", 1);
        assertMeasuredAtLeast(r, 20);
        assertTrue(evidence(r).contains("503 OBP-10040"), evidence(r));
        assertTrue(evidence(r).contains("load shedding began"), evidence(r));
        assertFalse(evidence(r).contains("POOL STARVATION"), evidence(r));
        assertTrue(
                r.summary().path("refusals").path("shed").size() > 0,
                r.summary().path("refusals").toString());
    }

    @Test
    void aPoolEndpointTheServerDoesNotServeLeavesThePoolOutOfPassOrFail() throws Exception {
        Result r = sweep(
                FaultPlan.defaults().poolEndpointAbsent(true),
                "--workers-v7",
                "4",
                "--loop-v7",
                "5",
                "--request-timeout",
                "10s",
                "--slow-threshold",
                "5s");
        assertVerdict(r, "CLEAN", "none", 0);
        assertMeasuredAtLeast(r, 20);
        assertEquals(
                20,
                endpoint(r, "GET /system/database/pool")
                        .path("statuses")
                        .path("404")
                        .asInt());
        String caveats = r.summary().path("verdict").path("caveats").toString();
        assertTrue(caveats.contains("the pool endpoint answered 404×20"), caveats);
        assertTrue(caveats.contains("the pool was not visible"), caveats);
    }
}
