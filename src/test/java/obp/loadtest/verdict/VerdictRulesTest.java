package obp.loadtest.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictRulesTest {

    static final String BANKS = "GET /banks";
    static final String CURRENT_USER = "GET /users/current";
    static final String CACHE_INFO = "GET /system/cache/info";
    static final String STALL_PROBE = "GET /system/connectors/stored_procedure_vDec2019/health";
    static final String CLIENT_TIMEOUT = "Request timeout to localhost/127.0.0.1:8080 after 30000 ms";
    static final String HIKARI = "OBP-50000: Unknown Error.: HikariPool-1 - Connection is not available, request timed out after 2000ms.";
    static final String LOCK = "OBP-50000: Unknown Error.: Timeout trying to lock table \"ENTITLEMENT\"";

    private final VerdictThresholds thresholds =
            new VerdictThresholds(Duration.ofSeconds(30), Duration.ofSeconds(5), 0.9, 0.5, 0.5, false);
    private final VerdictRules rules = new VerdictRules(thresholds);
    private final VerdictRules strictRules = new VerdictRules(
            new VerdictThresholds(Duration.ofSeconds(30), Duration.ofSeconds(5), 0.9, 0.5, 0.5, true));

    /** Four endpoints, the last the stall probe, each with n fast 200s. */
    static SweepStats healthySweep(int n) {
        SweepStats stats = new SweepStats();
        stats.endpoint(BANKS, "v7 no-auth", false);
        stats.endpoint(CURRENT_USER, "v7 user", false);
        stats.endpoint(CACHE_INFO, "v7 role-gated", false);
        stats.endpoint(STALL_PROBE, "v7 stall probe", true);
        for (EndpointStats e : stats.all()) {
            for (int i = 0; i < n; i++) {
                e.record(200, "v6.0.0", 20 + i % 30, Outcome.OK);
            }
        }
        return stats;
    }

    static void add(SweepStats stats, String endpoint, int times, int status, long ms, Outcome outcome, String message) {
        for (int i = 0; i < times; i++) {
            stats.record(endpoint, status, null, ms, outcome, message);
        }
    }

    static PoolEvidence saturatedPool() {
        PoolEvidence pool = new PoolEvidence(Duration.ofSeconds(1));
        for (int i = 0; i < 12; i++) {
            pool.sample(20, 0, 20, 15, 20, 40);
        }
        pool.sample(4, 16, 20, 0, 20, 5);
        return pool;
    }

    static PoolEvidence quietPool() {
        PoolEvidence pool = new PoolEvidence(Duration.ofSeconds(1));
        pool.sample(3, 17, 20, 0, 20, 5);
        return pool;
    }

    static boolean mentions(Diagnosis d, String text) {
        return d.evidence().stream().anyMatch(line -> line.contains(text));
    }

    @Test
    void emptyStatsAreCleanAndPass() {
        Diagnosis d = rules.decide(new SweepStats(), null);
        assertEquals(Verdict.CLEAN, d.verdict());
        assertFalse(d.failure());
        assertEquals(0, d.exitCode());
        assertTrue(mentions(d, "no requests were recorded"));
    }

    @Test
    void fastRunWithoutErrorsIsClean() {
        Diagnosis d = rules.decide(healthySweep(50), quietPool());
        assertEquals(Verdict.CLEAN, d.verdict());
        assertEquals(Verdict.CLEAN.headline(), d.headline());
        assertEquals(0, d.exitCode());
        assertTrue(mentions(d, "pool: never saturated"));
    }

    @Test
    void expectedForbiddenAnswersStayClean() {
        SweepStats stats = healthySweep(20);
        add(stats, CURRENT_USER, 5, 403, 30, Outcome.OK, "OBP-20006");
        assertEquals(Verdict.CLEAN, rules.decide(stats, null).verdict());
    }

    @Test
    void slowRequestsOnSeveralEndpointsAreContentionAndPass() {
        SweepStats stats = healthySweep(50);
        add(stats, BANKS, 5, 200, 6_000, Outcome.SLOW, null);
        add(stats, CURRENT_USER, 5, 200, 7_000, Outcome.SLOW, null);
        Diagnosis d = rules.decide(stats, quietPool());
        assertEquals(Verdict.CONTENTION, d.verdict());
        assertFalse(d.failure());
        assertTrue(mentions(d, "10 slow requests"));
    }

    @Test
    void strictMakesContentionFail() {
        SweepStats stats = healthySweep(50);
        add(stats, BANKS, 5, 200, 6_000, Outcome.SLOW, null);
        add(stats, CURRENT_USER, 5, 200, 7_000, Outcome.SLOW, null);
        Diagnosis d = strictRules.decide(stats, quietPool());
        assertEquals(Verdict.CONTENTION, d.verdict());
        assertTrue(d.failure());
        assertEquals(1, d.exitCode());
    }

    @Test
    void p95SpikesWithoutSlowRequestsAreContention() {
        SweepStats stats = healthySweep(10);
        add(stats, BANKS, 10, 200, 3_000, Outcome.OK, null);
        add(stats, CACHE_INFO, 10, 200, 4_000, Outcome.OK, null);
        Diagnosis d = strictRules.decide(stats, null);
        assertEquals(Verdict.CONTENTION, d.verdict());
        assertFalse(d.failure(), "a spike is not a slow request, even when strict");
    }

    @Test
    void p95JustUnderTheSpikeLineIsClean() {
        SweepStats stats = healthySweep(10);
        add(stats, BANKS, 10, 200, 2_400, Outcome.OK, null);
        add(stats, CACHE_INFO, 10, 200, 2_400, Outcome.OK, null);
        assertEquals(Verdict.CLEAN, rules.decide(stats, null).verdict());
    }

    @Test
    void stallProbeTimingOutAloneIsOneEndpointAndPasses() {
        SweepStats stats = healthySweep(50);
        add(stats, STALL_PROBE, 6, 0, 30_000, Outcome.TIMEOUT, CLIENT_TIMEOUT);
        Diagnosis d = rules.decide(stats, quietPool());
        assertEquals(Verdict.ONE_ENDPOINT, d.verdict());
        assertEquals(Verdict.ONE_ENDPOINT.headline() + ": " + STALL_PROBE, d.headline());
        assertFalse(d.failure());
        assertEquals(0, d.exitCode());
        assertTrue(mentions(d, "known dev-instance case"));
        assertTrue(mentions(d, "6 timed out at ~30 s"));
    }

    @Test
    void stallProbeTimingOutAloneStillPassesWhenStrict() {
        SweepStats stats = healthySweep(50);
        add(stats, STALL_PROBE, 6, 200, 9_000, Outcome.SLOW, null);
        add(stats, STALL_PROBE, 6, 0, 30_000, Outcome.TIMEOUT, CLIENT_TIMEOUT);
        Diagnosis d = strictRules.decide(stats, null);
        assertEquals(Verdict.ONE_ENDPOINT, d.verdict());
        assertFalse(d.failure());
    }

    @Test
    void stallProbeAnsweringErrorsAloneIsTheKnownCaseAndPasses() {
        SweepStats stats = healthySweep(50);
        add(stats, STALL_PROBE, 4, 500, 40, Outcome.UNEXPECTED_STATUS, "OBP-50000");
        Diagnosis d = rules.decide(stats, null);
        assertEquals(Verdict.ONE_ENDPOINT, d.verdict());
        assertFalse(d.failure());
    }

    @Test
    void ordinaryEndpointTimingOutAloneIsOneEndpointAndFails() {
        SweepStats stats = healthySweep(50);
        add(stats, CACHE_INFO, 3, 0, 30_000, Outcome.TIMEOUT, CLIENT_TIMEOUT);
        Diagnosis d = rules.decide(stats, quietPool());
        assertEquals(Verdict.ONE_ENDPOINT, d.verdict());
        assertTrue(d.headline().endsWith(CACHE_INFO));
        assertTrue(d.failure());
        assertEquals(1, d.exitCode());
        assertTrue(mentions(d, "3 other endpoints healthy"));
    }

    @Test
    void oneEndpointSlowAloneIsOneEndpointAndFailsOnlyWhenStrict() {
        SweepStats stats = healthySweep(50);
        add(stats, CACHE_INFO, 10, 200, 8_000, Outcome.SLOW, null);
        assertEquals(Verdict.ONE_ENDPOINT, rules.decide(stats, null).verdict());
        assertFalse(rules.decide(stats, null).failure());
        assertTrue(strictRules.decide(stats, null).failure());
    }

    @Test
    void oneEndpointTimingOutWhileOthersAreSlowNamesTheOneTimingOut() {
        SweepStats stats = healthySweep(50);
        add(stats, STALL_PROBE, 6, 0, 30_000, Outcome.TIMEOUT, CLIENT_TIMEOUT);
        add(stats, BANKS, 10, 200, 6_000, Outcome.SLOW, null);
        Diagnosis d = rules.decide(stats, null);
        assertEquals(Verdict.ONE_ENDPOINT, d.verdict());
        assertTrue(d.headline().endsWith(STALL_PROBE));
        assertTrue(mentions(d, "meanwhile slower: " + BANKS));
        assertFalse(d.failure(), "slow requests do not fail a non-strict run");
    }

    @Test
    void onlyEndpointMeasuredTimingOutIsOneEndpoint() {
        SweepStats stats = new SweepStats();
        add(stats, BANKS, 5, 0, 30_000, Outcome.TIMEOUT, CLIENT_TIMEOUT);
        Diagnosis d = rules.decide(stats, null);
        assertEquals(Verdict.ONE_ENDPOINT, d.verdict());
        assertTrue(d.failure());
    }

    @Test
    void timeoutsAtTheCapOnSeveralEndpointsAreStarvationAndFail() {
        SweepStats stats = healthySweep(50);
        add(stats, BANKS, 4, 0, 30_000, Outcome.TIMEOUT, CLIENT_TIMEOUT);
        add(stats, CURRENT_USER, 7, 0, 30_002, Outcome.TIMEOUT, CLIENT_TIMEOUT);
        add(stats, STALL_PROBE, 6, 0, 30_000, Outcome.TIMEOUT, CLIENT_TIMEOUT);
        Diagnosis d = rules.decide(stats, saturatedPool());
        assertEquals(Verdict.POOL_STARVATION, d.verdict());
        assertTrue(d.failure());
        assertEquals(1, d.exitCode());
        assertTrue(mentions(d, "3 endpoints timed out: 17 timeouts at the 30 s cap"));
        assertTrue(mentions(d, "pool: saturated for 12 s (up to 20 of 20 connections busy), up to 15 threads waiting"));
    }

    @Test
    void poolAcquireTimeoutsBeforeTheCapStillMeanStarvation() {
        SweepStats stats = healthySweep(50);
        add(stats, BANKS, 4, 500, 2_000, Outcome.TIMEOUT, HIKARI);
        add(stats, CACHE_INFO, 4, 500, 2_001, Outcome.TIMEOUT, HIKARI);
        Diagnosis d = rules.decide(stats, null);
        assertEquals(Verdict.POOL_STARVATION, d.verdict());
        assertTrue(mentions(d, "waiting for a pooled connection"));
    }

    @Test
    void earlyTimeoutsOnSeveralEndpointsAreSuspectDeadlock() {
        SweepStats stats = healthySweep(50);
        add(stats, CURRENT_USER, 5, 500, 2_000, Outcome.TIMEOUT, LOCK);
        add(stats, CACHE_INFO, 5, 504, 12_000, Outcome.TIMEOUT, "Request timeout: backend service did not respond within 12000ms.");
        Diagnosis d = rules.decide(stats, quietPool());
        assertEquals(Verdict.SUSPECT_DEADLOCK, d.verdict());
        assertTrue(d.failure());
        assertTrue(mentions(d, "0 timeouts at the 30 s cap"));
        assertTrue(mentions(d, "10 well before it"));
    }

    @Test
    void timeoutJustUnderTheCapRatioCountsAsEarly() {
        SweepStats stats = healthySweep(5);
        add(stats, BANKS, 3, 0, 26_000, Outcome.TIMEOUT, CLIENT_TIMEOUT);
        add(stats, CACHE_INFO, 3, 0, 26_000, Outcome.TIMEOUT, CLIENT_TIMEOUT);
        assertEquals(Verdict.SUSPECT_DEADLOCK, rules.decide(stats, null).verdict());
        add(stats, BANKS, 7, 0, 27_000, Outcome.TIMEOUT, CLIENT_TIMEOUT);
        assertEquals(Verdict.POOL_STARVATION, rules.decide(stats, null).verdict(), "the larger cluster names the cause");
    }

    @Test
    void mostRequestsRefusedIsServerUnreachable() {
        SweepStats stats = healthySweep(1);
        add(stats, BANKS, 10, 0, 2, Outcome.CONNECTION_ERROR, "Connection refused");
        add(stats, CURRENT_USER, 10, 0, 2, Outcome.CONNECTION_ERROR, "Connection reset by peer");
        Diagnosis d = rules.decide(stats, null);
        assertEquals(Verdict.SERVER_UNREACHABLE, d.verdict());
        assertTrue(d.failure());
        assertTrue(mentions(d, "20 of 24 requests (83%) got no response"));
    }

    @Test
    void exactlyTheUnreachableRatioIsUnreachable() {
        SweepStats stats = new SweepStats();
        add(stats, BANKS, 5, 200, 10, Outcome.OK, null);
        add(stats, CURRENT_USER, 5, 0, 2, Outcome.CONNECTION_ERROR, "Connection refused");
        assertEquals(Verdict.SERVER_UNREACHABLE, rules.decide(stats, null).verdict());
    }

    @Test
    void fewConnectionErrorsAreErrorsNotUnreachable() {
        SweepStats stats = healthySweep(50);
        add(stats, BANKS, 2, 0, 2, Outcome.CONNECTION_ERROR, "Connection reset by peer");
        add(stats, CURRENT_USER, 2, 0, 2, Outcome.CONNECTION_ERROR, "Connection reset by peer");
        Diagnosis d = rules.decide(stats, null);
        assertEquals(Verdict.UNEXPECTED_STATUSES, d.verdict());
        assertTrue(d.failure());
    }

    @Test
    void unexpectedStatusesOnSeveralEndpointsWithoutTimeoutsFail() {
        SweepStats stats = healthySweep(50);
        add(stats, BANKS, 3, 500, 40, Outcome.UNEXPECTED_STATUS, "OBP-50000: Unknown Error.");
        add(stats, CACHE_INFO, 2, 403, 10, Outcome.UNEXPECTED_STATUS, "OBP-20006");
        Diagnosis d = rules.decide(stats, null);
        assertEquals(Verdict.UNEXPECTED_STATUSES, d.verdict());
        assertTrue(d.failure());
        assertTrue(mentions(d, "500×3"));
        assertTrue(mentions(d, "5 unexpected statuses and 0 connection errors on 2 endpoints"));
    }

    @Test
    void unexpectedStatusesOnOneEndpointAreNotAHeldConnection() {
        SweepStats stats = healthySweep(50);
        add(stats, CACHE_INFO, 2, 403, 10, Outcome.UNEXPECTED_STATUS, "OBP-20006");
        Diagnosis d = rules.decide(stats, null);
        assertEquals(Verdict.UNEXPECTED_STATUSES, d.verdict());
        assertTrue(d.failure());
    }

    @Test
    void interruptedIsAlwaysAFailureEvenWhenClean() {
        Diagnosis d = rules.interrupted(healthySweep(5), null, "Ctrl-C");
        assertEquals(Verdict.INTERRUPTED, d.verdict());
        assertTrue(d.failure());
        assertEquals(1, d.exitCode());
        assertTrue(mentions(d, "interrupted: Ctrl-C"));
        assertTrue(mentions(d, "pointed to: " + Verdict.CLEAN.headline()));
    }

    @Test
    void unusablePoolIsReportedAsEvidence() {
        PoolEvidence pool = new PoolEvidence(Duration.ofSeconds(1));
        pool.unavailable("403 OBP-20006: missing CanGetDatabasePoolInfo");
        assertTrue(mentions(rules.decide(healthySweep(1), pool), "pool: not sampled — 403 OBP-20006"));
        PoolEvidence failing = new PoolEvidence(Duration.ofSeconds(1));
        failing.failedSample("no answer within 30 s", 30_000);
        assertTrue(mentions(rules.decide(healthySweep(1), failing), "pool: 1 samples got no answer (no answer within 30 s); slowest sample 30 s"));
    }

    @Test
    void exitCodeCannotDisagreeWithFailure() {
        assertThrows(IllegalArgumentException.class,
                () -> new Diagnosis(Verdict.CLEAN, "x", List.of(), true, 0));
        assertEquals(1, Diagnosis.of(Verdict.CONTENTION, "x", List.of(), true).exitCode());
    }

    @Test
    void renderedVerdictShowsHeadlineEvidenceAndResult() {
        SweepStats stats = healthySweep(50);
        add(stats, CACHE_INFO, 3, 0, 30_000, Outcome.TIMEOUT, CLIENT_TIMEOUT);
        String text = rules.decide(stats, null).render();
        assertTrue(text.startsWith("VERDICT: ONE ENDPOINT holds its connection too long: " + CACHE_INFO + "\n"), text);
        assertTrue(text.contains("\n  - " + CACHE_INFO + ": 53 requests, 3 timed out at ~30 s"), text);
        assertTrue(text.endsWith("RESULT: FAIL (exit code 1)\n"), text);
    }

    @Test
    void thresholdsAreReadFromTheSettingsFile() {
        VerdictThresholds fromFile = VerdictThresholds.from(ConfigFactory.parseResources("application.conf").resolve());
        assertEquals(Duration.ofSeconds(30), fromFile.requestTimeout());
        assertEquals(27_000, fromFile.capMs());
        assertEquals(2_500, fromFile.spikeMs());
        assertFalse(fromFile.strict());
    }

    @Test
    void nonsenseThresholdsAreRejectedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new VerdictThresholds(Duration.ofSeconds(30), Duration.ofSeconds(5), 1.5, 0.5, 0.5, false));
        assertTrue(e.getMessage().contains("cap ratio"));
    }
}
