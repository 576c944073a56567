package obp.loadtest.verdict;

import static obp.loadtest.verdict.RunFixture.CACHE_INFO;
import static obp.loadtest.verdict.RunFixture.CURRENT_USER;
import static obp.loadtest.verdict.RunFixture.ORDINARY;
import static obp.loadtest.verdict.RunFixture.ROOT;
import static obp.loadtest.verdict.RunFixture.STALL_PROBE;
import static obp.loadtest.verdict.RunFixture.USERS;
import static obp.loadtest.verdict.RunFixture.USER_BY_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import obp.loadtest.verdict.Diagnosis.Bottleneck;
import obp.loadtest.verdict.Diagnosis.Confidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each case is a run as a server would produce it; see docs/verdict.md for the rules. */
class VerdictRulesTest {

    static boolean mentions(Diagnosis d, String text) {
        return d.evidence().stream().anyMatch(line -> line.contains(text));
    }

    static String why(Diagnosis d) {
        return d.render();
    }

    @ParameterizedTest
    @ValueSource(ints = {403, 404})
    void aPoolEndpointThatCannotBeReadIsLeftOutOfPassOrFail(int status) {
        RunFixture run = new RunFixture().calibrated(3).healthy(20, 5);
        run.stats.endpoint(Judgement.POOL_ENDPOINT, "v7 role-gated", false);
        run.pool.unavailable("pool endpoint answered " + status + " at preflight");
        run.answers(Judgement.POOL_ENDPOINT, 20, status, false, 3, "OBP-10404: 404 Not Found.");
        Diagnosis d = run.decide();
        assertEquals(Verdict.CLEAN, d.verdict(), d.render());
        assertFalse(d.failure(), d.render());
        assertTrue(
                d.caveats().stream().anyMatch(c -> c.startsWith("the pool endpoint answered " + status + "×20")),
                d.render());
        assertTrue(d.caveats().stream().anyMatch(c -> c.startsWith("the pool was not visible")), d.render());
        // The same answers on any other endpoint still fail the run.
        run.answers(ROOT, 1, status, false, 3, "OBP-10404: 404 Not Found.");
        assertTrue(run.decide().failure());
    }

    @Test
    void aRateLimitDuringSetupIsSaidUnderTheVerdictTheLoadEarned() {
        RunFixture run =
                new RunFixture().calibrated(3).poolSamples(10, 3, 0, 20, 2).healthy(20, 5);
        run.refusals.rateLimited(
                "login user 2", ServerRefusals.Phase.SETUP, 429, "OBP-10061: Too Many Requests.", "3", "1", -1);
        run.refusals.waited(1_100);
        Diagnosis d = run.decide();
        assertEquals(Verdict.CLEAN, d.verdict(), d.render());
        assertTrue(
                d.evidence()
                        .contains("setup: 1 requests rate limited (the login rate limit (OBP-10061, per IP and"
                                + " account)); waited 1.1 s in all as the server said, then went on"),
                d.render());
    }

    @Test
    void nothingMeasuredIsCleanWithLowConfidence() {
        Diagnosis d = new VerdictRules(RunFixture.thresholds(false))
                .decide(new RunEvidence(new SweepStats(), null, null, null, null));
        assertEquals(Verdict.CLEAN, d.verdict());
        assertEquals(0, d.exitCode());
        assertTrue(mentions(d, "no requests were recorded"));
        assertNotEquals(Confidence.HIGH, d.confidence());
    }

    @Test
    void fastRunOnAQuietPoolIsCleanWithHighConfidence() {
        Diagnosis d = new RunFixture()
                .calibrated(3)
                .poolSamples(10, 3, 0, 20, 4)
                .healthy(30, 6)
                .decide();
        assertEquals(Verdict.CLEAN, d.verdict(), why(d));
        assertEquals(Bottleneck.NONE, d.bottleneck());
        assertEquals(Confidence.HIGH, d.confidence(), why(d));
        assertFalse(d.failure());
    }

    @Test
    void aSmallWobbleAgainstTheCalibrationIsNotInflation() {
        // 2 ms alone, 9 ms loaded: 4.5× and 7 ms more — neither 10× nor 100 ms.
        Diagnosis d = new RunFixture()
                .calibrated(2)
                .poolSamples(10, 3, 0, 20, 4)
                .healthy(30, 9)
                .decide();
        assertEquals(Verdict.CLEAN, d.verdict(), why(d));
    }

    @Test
    void saturatedPoolWithWaitersIsContentionWhateverTheLatency() {
        // Pool of 2, handlers holding it, p95 well under a second: the pool decides.
        Diagnosis d = new RunFixture()
                .calibrated(3)
                .poolSamples(2, 1, 0, 2, 1)
                .poolSamples(40, 2, 6, 2, 8)
                .healthy(30, 60)
                .decide();
        assertEquals(Verdict.CONTENTION, d.verdict(), why(d));
        assertEquals(Bottleneck.POOL, d.bottleneck());
        assertFalse(d.failure());
        assertTrue(mentions(d, "saturated with threads waiting in 40 of 42 samples"), why(d));
        assertTrue(mentions(d, "pool saturated from 3 s on, at 8 requests in flight"), why(d));
    }

    @Test
    void inflatedLatencyOnAnIdlePoolIsContentionAtTheServer() {
        Diagnosis d = new RunFixture()
                .calibrated(3)
                .poolSamples(20, 1, 0, 40, 30)
                .healthy(30, 1_300)
                .decide();
        assertEquals(Verdict.CONTENTION, d.verdict(), why(d));
        assertEquals(Bottleneck.SERVER, d.bottleneck());
        assertTrue(mentions(d, "3 ms alone"), why(d));
    }

    @Test
    void inflatedLatencyWhileThisGeneratorWasBusyBlamesTheGenerator() {
        Diagnosis d = new RunFixture()
                .calibrated(3)
                .poolSamples(20, 1, 0, 40, 30)
                .generatorBusy(0.97, 180)
                .healthy(30, 1_300)
                .decide();
        assertEquals(Verdict.CONTENTION, d.verdict(), why(d));
        assertEquals(Bottleneck.GENERATOR, d.bottleneck());
        assertNotEquals(Confidence.HIGH, d.confidence());
        assertTrue(d.caveats().stream().anyMatch(c -> c.contains("load generator was itself a limit")), why(d));
    }

    @Test
    void busyConnectionsAboveRequestsInFlightNameTwoConnectionsPerRequest() {
        // Preflight: nothing in flight, nothing busy. Calibration: one request in flight, two connections busy.
        // Sweep: 6 requests on a pool of 10, saturated with waiters.
        Diagnosis d = new RunFixture()
                .calibrated(3)
                .calibrationPoolSamples(1, 0, 10, 0)
                .calibrationPoolSamples(5, 2, 10, 1)
                .poolSamples(20, 10, 2, 10, 6)
                .healthy(30, 40)
                .decide();
        assertEquals(Verdict.CONTENTION, d.verdict(), why(d));
        assertTrue(mentions(d, "about 2.0 connections per request"), why(d));
        assertTrue(mentions(d, "rate-limit lookup takes a second one"), why(d));
        assertTrue(
                mentions(d, "at 6 requests in flight the pool needs at least 7 connections to avoid locking up and 12"),
                why(d));
    }

    @Test
    void oneConnectionPerRequestIsNotCalledTwo() {
        Diagnosis d = new RunFixture()
                .calibrated(3)
                .calibrationPoolSamples(1, 0, 10, 0)
                .calibrationPoolSamples(5, 1, 10, 1)
                .poolSamples(20, 6, 0, 10, 6)
                .healthy(30, 6)
                .decide();
        assertEquals(Verdict.CLEAN, d.verdict(), why(d));
        assertFalse(mentions(d, "connections per request"), why(d));
    }

    @Test
    void timeoutsAtTheClientCapOnSeveralEndpointsAreStarvation() {
        Diagnosis d = new RunFixture()
                .calibrated(3)
                .poolSamples(20, 20, 15, 20, 40)
                .healthy(20, 40)
                .noAnswer(ROOT, 3, 30_000)
                .answers(CACHE_INFO, 2, 500, false, 30_010, RunFixture.HIKARI_30S)
                .decide();
        assertEquals(Verdict.POOL_STARVATION, d.verdict(), why(d));
        assertEquals(Bottleneck.POOL, d.bottleneck());
        assertTrue(d.failure());
        assertTrue(
                d.endpoints().containsAll(java.util.List.of(ROOT, CACHE_INFO)),
                d.endpoints().toString());
    }

    @Test
    void unknownErrorsClusteredAtTheServersAcquireTimeoutAreStarvation() {
        // A 2 s acquire timeout, far under the 30 s client cap; the server's 500s carry no recognisable words.
        Diagnosis d = new RunFixture()
                .serverAcquireTimeout(2_000)
                .calibrated(3)
                .poolSamples(20, 8, 12, 8, 30)
                .healthy(20, 40)
                .answers(ROOT, 5, 500, false, 2_040, RunFixture.UNKNOWN_ERROR)
                .answers(USERS, 5, 500, false, 2_100, RunFixture.UNKNOWN_ERROR)
                .answers(
                        CURRENT_USER,
                        5,
                        401,
                        false,
                        2_010,
                        "OBP-20001: User not logged in. Authentication is required!")
                .decide();
        assertEquals(Verdict.POOL_STARVATION, d.verdict(), why(d));
        assertTrue(mentions(d, "server acquire timeout 2.0 s"), why(d));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "OBP-50000: Unknown Error.: ERROR: deadlock detected",
                "OBP-50000: Unknown Error.: Deadlock found when trying to get lock; try restarting transaction",
                "OBP-50000: Unknown Error.: Deadlock detected. The current transaction was rolled back.",
                "OBP-50000: Unknown Error.: Transaction (Process ID 57) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.",
                "OBP-50000: Unknown Error.: ORA-00060: deadlock detected while waiting for resource",
                "OBP-50000: Unknown Error.: ERROR: canceling statement due to lock timeout",
                "OBP-50000: Unknown Error.: Lock wait timeout exceeded; try restarting transaction",
            })
    void deadlockOrLockWordsOfAnyDatabaseAreSuspectDeadlock(String message) {
        Diagnosis d = new RunFixture()
                .calibrated(3)
                .poolSamples(20, 4, 0, 20, 6)
                .healthy(20, 5)
                .answers(USER_BY_ID, 4, 500, false, 6_000, message)
                .answers(USERS, 3, 500, false, 12_000, message)
                .decide();
        assertEquals(Verdict.SUSPECT_DEADLOCK, d.verdict(), why(d));
        assertEquals(Bottleneck.SERVER, d.bottleneck());
        assertTrue(d.failure());
    }

    @Test
    void hangsEndingInADroppedConnectionOnAFewEndpointsAreSuspectDeadlock() {
        Diagnosis d = new RunFixture()
                .calibrated(3)
                .poolSamples(20, 4, 0, 20, 6)
                .healthy(20, 5)
                .noAnswer(USER_BY_ID, 3, 8_000)
                .noAnswer(USERS, 2, 17_000)
                .answers(CACHE_INFO, 2, 500, false, 4_000, RunFixture.UNKNOWN_ERROR)
                .decide();
        assertEquals(Verdict.SUSPECT_DEADLOCK, d.verdict(), why(d));
        assertTrue(mentions(d, "well before every known cap"), why(d));
        assertTrue(mentions(d, "dropped with no answer"), why(d));
    }

    @Test
    void aFewDroppedHangsSpreadOverEveryEndpointAreAnOverloadedServerNotADeadlock() {
        // 2,000 workers on 2 cores: p95 from a few ms to 1.8 s, the pool half idle, a handful of connections
        // on every endpoint dropped after ~15 s. That is load, not a lock.
        RunFixture run = new RunFixture().calibrated(6).poolSamples(40, 20, 0, 40, 2000);
        ORDINARY.forEach(e -> run.ok(e, 200, 1_800).noAnswer(e, 3, 15_000));
        Diagnosis d = run.decide();
        assertEquals(Verdict.CONTENTION, d.verdict(), why(d));
        assertEquals(Bottleneck.SERVER, d.bottleneck());
        assertTrue(d.failure(), "the dropped requests still fail the run");
        assertTrue(mentions(d, "spread over nearly every endpoint"), why(d));
        RunFixture busy =
                new RunFixture().calibrated(6).poolSamples(40, 20, 0, 40, 2000).generatorBusy(0.95, 120);
        ORDINARY.forEach(e -> busy.ok(e, 200, 1_800).noAnswer(e, 3, 15_000));
        assertEquals(Bottleneck.GENERATOR, busy.decide().bottleneck());
    }

    @Test
    void gatewayTimeoutsWithAnIdlePoolAreHangsButWithASaturatedPoolStarvation() {
        Diagnosis idle = new RunFixture()
                .calibrated(3)
                .poolSamples(20, 3, 0, 20, 6)
                .healthy(20, 5)
                .answers(
                        USERS,
                        2,
                        504,
                        false,
                        55_000,
                        "Request timeout: backend service did not respond within 55000ms.")
                .answers(
                        USER_BY_ID,
                        2,
                        504,
                        false,
                        55_000,
                        "Request timeout: backend service did not respond within 55000ms.")
                .decide();
        assertEquals(Verdict.SUSPECT_DEADLOCK, idle.verdict(), why(idle));
        Diagnosis full = new RunFixture()
                .calibrated(3)
                .poolSamples(20, 20, 9, 20, 30)
                .healthy(20, 5)
                .answers(
                        USERS,
                        2,
                        504,
                        false,
                        55_000,
                        "Request timeout: backend service did not respond within 55000ms.")
                .answers(
                        USER_BY_ID,
                        2,
                        504,
                        false,
                        55_000,
                        "Request timeout: backend service did not respond within 55000ms.")
                .decide();
        assertEquals(Verdict.POOL_STARVATION, full.verdict(), why(full));
    }

    @Test
    void failingPoolSamplesUnderLoadAreEvidenceOfStarvation() {
        Diagnosis d = new RunFixture()
                .calibrated(3)
                .poolSamples(2, 3, 0, 20, 1)
                .failedPoolSamples(10, "500 OBP-50000: Unknown Error.", 30)
                .healthy(20, 40)
                .noAnswer(ROOT, 2, 30_000)
                .noAnswer(CURRENT_USER, 2, 30_000)
                .decide();
        assertEquals(Verdict.POOL_STARVATION, d.verdict(), why(d));
        assertTrue(mentions(d, "the pool endpoint needs a connection too"), why(d));
    }

    @Test
    void oneSlowEndpointIsNamed() {
        Diagnosis d = new RunFixture()
                .calibrated(3)
                .poolSamples(10, 3, 0, 20, 2)
                .healthy(30, 5)
                .ok(CACHE_INFO, 4, 6_000)
                .decide();
        assertEquals(Verdict.ONE_ENDPOINT, d.verdict(), why(d));
        assertTrue(d.headline().endsWith(CACHE_INFO), d.headline());
        assertFalse(d.failure(), "slow alone does not fail without --strict");
        assertTrue(new RunFixture()
                .calibrated(3)
                .healthy(30, 5)
                .ok(CACHE_INFO, 4, 6_000)
                .decideStrict()
                .failure());
    }

    @Test
    void stallProbeAloneIsTheKnownDevCaseAndPasses() {
        Diagnosis d = new RunFixture()
                .calibrated(3)
                .poolSamples(10, 3, 0, 20, 2)
                .healthy(30, 5)
                .noAnswer(STALL_PROBE, 3, 30_000)
                .decide();
        assertEquals(Verdict.ONE_ENDPOINT, d.verdict(), why(d));
        assertTrue(mentions(d, "known dev-instance case"));
        assertFalse(d.failure());
    }

    @Test
    void fastServerErrorsAreUnexpectedStatuses() {
        Diagnosis d = new RunFixture()
                .calibrated(3)
                .poolSamples(10, 3, 0, 20, 2)
                .healthy(30, 5)
                .answers(ROOT, 5, 500, false, 4, RunFixture.UNKNOWN_ERROR)
                .answers(USERS, 5, 500, false, 6, RunFixture.UNKNOWN_ERROR)
                .decide();
        assertEquals(Verdict.UNEXPECTED_STATUSES, d.verdict(), why(d));
        assertTrue(d.failure());
    }

    @Test
    void mostlyRefusedIsUnreachable() {
        RunFixture run = new RunFixture().calibrated(3).healthy(5, 5);
        ORDINARY.forEach(e -> run.noAnswer(e, 20, 2));
        Diagnosis d = run.decide();
        assertEquals(Verdict.SERVER_UNREACHABLE, d.verdict(), why(d));
        assertTrue(d.failure());
    }

    @Test
    void withoutCalibrationTheFixedSpikeThresholdIsTheFallback() {
        RunFixture run = new RunFixture()
                .finishCalibration()
                .poolSamples(10, 3, 0, 20, 2)
                .healthy(30, 2_600);
        Diagnosis d = run.decide();
        assertEquals(Verdict.CONTENTION, d.verdict(), why(d));
        assertTrue(d.caveats().stream().anyMatch(c -> c.startsWith("no calibration")), why(d));
        assertEquals(
                Verdict.CLEAN,
                new RunFixture()
                        .finishCalibration()
                        .poolSamples(10, 3, 0, 20, 2)
                        .healthy(30, 1_300)
                        .decide()
                        .verdict());
    }

    @Test
    void anEndpointAlreadySlowAloneIsNotInflatedButStillSlow() {
        RunFixture run = new RunFixture();
        ORDINARY.stream().filter(e -> !e.equals(CACHE_INFO)).forEach(e -> run.calibratedAs(e, 3, true));
        run.calibratedAs(CACHE_INFO, 6_000, true)
                .finishCalibration()
                .poolSamples(10, 3, 0, 20, 2)
                .healthy(30, 5)
                .ok(CACHE_INFO, 3, 6_100);
        Diagnosis d = run.decide();
        assertEquals(Verdict.ONE_ENDPOINT, d.verdict(), why(d));
        assertTrue(mentions(d, "already slow alone"), why(d));
    }

    @Test
    void aFewRequestsAreASmallSample() {
        Diagnosis d = new RunFixture()
                .calibrated(3)
                .poolSamples(10, 3, 0, 20, 2)
                .healthy(4, 5)
                .decide();
        assertTrue(d.caveats().stream().anyMatch(c -> c.contains("a small sample")), why(d));
        assertNotEquals(Confidence.HIGH, d.confidence());
    }

    @Test
    void invisiblePoolLowersConfidence() {
        RunFixture run = new RunFixture().calibrated(3).healthy(30, 5);
        run.pool.unavailable("pool endpoint answered 403 at preflight (OBP-20006: missing CanGetDatabasePoolInfo)");
        Diagnosis d = run.decide();
        assertEquals(Verdict.CLEAN, d.verdict());
        assertEquals(Confidence.MEDIUM, d.confidence(), why(d));
        assertTrue(mentions(d, "pool: not sampled — pool endpoint answered 403"), why(d));
    }

    @Test
    void interruptedIsAFailureCarryingWhatWasSeen() {
        RunFixture run = new RunFixture().calibrated(3).healthy(30, 5);
        Diagnosis d = new VerdictRules(RunFixture.thresholds(false)).interrupted(run.evidence(), "SIGINT");
        assertEquals(Verdict.INTERRUPTED, d.verdict());
        assertTrue(d.failure());
        assertTrue(mentions(d, "pointed to: CLEAN"));
    }
}
