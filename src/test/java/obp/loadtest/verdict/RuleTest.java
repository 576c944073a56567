package obp.loadtest.verdict;

import static obp.loadtest.verdict.RunFixture.CACHE_INFO;
import static obp.loadtest.verdict.RunFixture.ORDINARY;
import static obp.loadtest.verdict.RunFixture.ROOT;
import static obp.loadtest.verdict.RunFixture.USERS;
import static obp.loadtest.verdict.RunFixture.USER_BY_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import obp.loadtest.verdict.Diagnosis.Bottleneck;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of the verdict, in the rules' order: the evidence of its case, built from answers as a server
 * gives them ({@link RunFixture}), is taken by that rule, and the rule before it in the list does not take it.
 */
class RuleTest {

    private static final VerdictThresholds THRESHOLDS = RunFixture.thresholds(false);

    /** Asserts {@code rule} is the first to match the evidence, the one before it does not; returns the diagnosis. */
    private static Diagnosis takenBy(Rule rule, RunEvidence ev) {
        assertEquals(rule, Rule.first(new Judgement(ev, THRESHOLDS)), "the rule that names the verdict");
        assertTrue(rule.matches(new Judgement(ev, THRESHOLDS)), rule + " matches");
        if (rule.ordinal() > 0) {
            Rule before = Rule.values()[rule.ordinal() - 1];
            assertFalse(before.matches(new Judgement(ev, THRESHOLDS)), before + ", the rule before, does not take it");
        }
        return new VerdictRules(THRESHOLDS).decide(ev);
    }

    @Test
    void aRunWithNoRequestIsCleanAndSaysNothingWasMeasured() {
        Diagnosis d = takenBy(Rule.NOTHING_MEASURED, new RunEvidence(new SweepStats(), null, null, null, null));
        assertEquals(Verdict.CLEAN, d.verdict());
        assertTrue(d.caveats().contains("nothing was measured"), d.render());
    }

    @Test
    void mostRequestsRefusedAtOnceIsAnUnreachableServer() {
        RunFixture run = new RunFixture().calibrated(3).healthy(5, 5);
        ORDINARY.forEach(e -> run.noAnswer(e, 20, 2));
        Diagnosis d = takenBy(Rule.MOST_REFUSED, run.evidence());
        assertEquals(Verdict.SERVER_UNREACHABLE, d.verdict());
        assertEquals(Bottleneck.SERVER, d.bottleneck());
    }

    @Test
    void connectionsStillBusyWithNothingInFlightAfterTheLoadAreALeakNotStarvation() {
        // One request alone holds one connection (plus the sample's own); under load busy climbs past our requests and,
        // once every request has answered, 7 stay busy: held by nothing.
        RunFixture run = new RunFixture()
                .calibrated(3)
                .calibrationPoolSamples(1, 1, 20, 0)
                .calibrationPoolSamples(5, 2, 20, 1)
                .poolSamples(5, 6, 0, 20, 4)
                .poolSamples(5, 12, 0, 20, 4)
                .healthy(20, 5)
                .afterLoadSample(30_000, 8, 20);
        Diagnosis d = takenBy(Rule.CONNECTIONS_HELD_BY_NOTHING, run.evidence());
        assertEquals(Verdict.CONNECTION_LEAK, d.verdict());
        assertEquals(Bottleneck.POOL, d.bottleneck());
        assertTrue(d.failure(), "a leak fails the run before it starves a request");
        assertTrue(d.evidence().get(0).startsWith("7 connections held with nothing in flight"), d.render());
        assertTrue(
                d.evidence()
                        .get(1)
                        .contains(
                                "from 7 s on: 6 busy at 4 requests in flight; growing about 18 connections per minute"),
                d.render());
        assertTrue(d.render().contains("leakDetectionThreshold"), d.render());
        assertFalse(d.render().contains("POOL STARVATION"), d.render());
        assertTrue(d.evidence().stream().anyMatch(l -> l.startsWith("fails the run: a connection leak")), d.render());
    }

    @Test
    void refusalsByOBPsConsumerLimitAreRateLimitedWithTheLimitAndTheFix() {
        RunFixture run = new RunFixture()
                .calibrated(3)
                .poolSamples(10, 3, 0, 20, 2)
                .healthy(20, 5)
                .rateLimited(
                        USERS,
                        12,
                        "OBP-10018: Too Many Requests. We only allow 5 requests per minute for this Consumer.",
                        "5",
                        "42");
        Diagnosis d = takenBy(Rule.REFUSED_BY_A_RATE_LIMIT, run.evidence());
        assertEquals(Verdict.RATE_LIMITED, d.verdict());
        assertTrue(d.failure());
        assertTrue(d.evidence().get(0).startsWith("12 of 112 requests refused by a rate limit (429)"), d.render());
        assertTrue(d.render().contains(USERS + " (load): 12 × 429 by the consumer rate limit"), d.render());
        assertTrue(d.render().contains("limit 5, resets in 42 s"), d.render());
        assertTrue(d.render().contains("--rate-v7"), d.render());
    }

    @Test
    void OBPsTooBusyAnswersAreLoadSheddingNamedWithTheConcurrencyItBeganAt() {
        RunFixture run = new RunFixture()
                .calibrated(3)
                .poolSamples(10, 3, 0, 20, 2)
                .healthy(20, 5)
                .shed(ROOT, 8, 6)
                .shed(USERS, 4, 9);
        Diagnosis d = takenBy(Rule.LOAD_SHED, run.evidence());
        assertEquals(Verdict.SERVER_BUSY, d.verdict());
        assertEquals(Bottleneck.SERVER, d.bottleneck());
        assertTrue(
                d.evidence().get(0).startsWith("12 of 112 requests on 2 endpoints answered 503 OBP-10040"), d.render());
        assertTrue(d.evidence().get(1).contains("at 6 requests in flight (" + ROOT + ")"), d.render());
        assertFalse(d.render().contains("POOL STARVATION"), d.render());
    }

    @Test
    void theDatabasesDeadlockWordsNameASuspectDeadlockEvenBesideSomeRefusals() {
        RunFixture run = new RunFixture()
                .calibrated(3)
                .poolSamples(20, 4, 0, 20, 6)
                .healthy(20, 5)
                .answers(USER_BY_ID, 4, 500, false, 6_000, "OBP-50000: Unknown Error.: ERROR: deadlock detected")
                .noAnswer(ROOT, 3, 2);
        Diagnosis d = takenBy(Rule.DATABASE_WORDS, run.evidence());
        assertEquals(Verdict.SUSPECT_DEADLOCK, d.verdict());
        assertTrue(d.evidence().get(0).contains("lock or deadlock words"), d.render());
    }

    @Test
    void timeoutsAtACapOnSeveralEndpointsWithoutDatabaseWordsAreStarvation() {
        RunFixture run = new RunFixture()
                .calibrated(3)
                .poolSamples(20, 20, 15, 20, 40)
                .healthy(20, 40)
                .noAnswer(ROOT, 3, 30_000)
                .answers(CACHE_INFO, 2, 500, false, 30_010, RunFixture.HIKARI_30S);
        Diagnosis d = takenBy(Rule.FAILURES_AT_A_CAP, run.evidence());
        assertEquals(Verdict.POOL_STARVATION, d.verdict());
        assertEquals(Bottleneck.POOL, d.bottleneck());
    }

    @Test
    void hangsOnAFewEndpointsEndingBeforeEveryCapOnAnIdlePoolAreASuspectDeadlock() {
        RunFixture run = new RunFixture()
                .calibrated(3)
                .poolSamples(20, 4, 0, 20, 6)
                .healthy(20, 5)
                .noAnswer(USER_BY_ID, 3, 8_000)
                .noAnswer(USERS, 2, 17_000);
        Diagnosis d = takenBy(Rule.HANGS_BEFORE_EVERY_CAP, run.evidence());
        assertEquals(Verdict.SUSPECT_DEADLOCK, d.verdict());
        assertTrue(d.evidence().get(0).contains("well before every known cap"), d.render());
    }

    @Test
    void oneSlowEndpointOnAnUncontendedPoolIsNamed() {
        RunFixture run = new RunFixture()
                .calibrated(3)
                .poolSamples(10, 3, 0, 20, 2)
                .healthy(30, 5)
                .ok(CACHE_INFO, 4, 6_000);
        Diagnosis d = takenBy(Rule.ONE_ENDPOINT_WITH_PROBLEMS, run.evidence());
        assertEquals(Verdict.ONE_ENDPOINT, d.verdict());
        assertTrue(d.headline().endsWith(CACHE_INFO), d.headline());
    }

    @Test
    void errorsBesideASlowEndpointAreUnexpectedStatuses() {
        RunFixture run = new RunFixture()
                .calibrated(3)
                .poolSamples(10, 3, 0, 20, 2)
                .healthy(30, 5)
                .answers(ROOT, 5, 500, false, 4, RunFixture.UNKNOWN_ERROR)
                .ok(USERS, 5, 6_000);
        Diagnosis d = takenBy(Rule.UNEXPECTED_STATUSES, run.evidence());
        assertEquals(Verdict.UNEXPECTED_STATUSES, d.verdict());
        assertTrue(d.evidence().stream().anyMatch(l -> l.startsWith("also: " + USERS)), d.render());
    }

    @Test
    void oneEndpointTimingOutWhileAnotherIsMerelySlowIsTheHolder() {
        RunFixture run = new RunFixture()
                .calibrated(3)
                .poolSamples(10, 3, 0, 20, 2)
                .healthy(30, 5)
                .noAnswer(ROOT, 2, 30_000)
                .ok(USERS, 5, 6_000);
        Diagnosis d = takenBy(Rule.ONE_ENDPOINT_TIMING_OUT, run.evidence());
        assertEquals(Verdict.ONE_ENDPOINT, d.verdict());
        assertTrue(d.headline().endsWith(ROOT), d.headline());
        assertTrue(d.evidence().stream().anyMatch(l -> l.startsWith("meanwhile slower: " + USERS)), d.render());
    }

    @Test
    void aPoolSaturatedWithWaitersIsContentionWhileLatencyHoldsUp() {
        RunFixture run = new RunFixture()
                .calibrated(3)
                .poolSamples(2, 1, 0, 2, 1)
                .poolSamples(40, 2, 6, 2, 8)
                .healthy(30, 60);
        Diagnosis d = takenBy(Rule.POOL_CONTENDED, run.evidence());
        assertEquals(Verdict.CONTENTION, d.verdict());
        assertEquals(Bottleneck.POOL, d.bottleneck());
    }

    @Test
    void latencyInflatedOnEveryEndpointOfAnIdlePoolIsContentionAtTheServer() {
        RunFixture run =
                new RunFixture().calibrated(3).poolSamples(20, 1, 0, 40, 30).healthy(30, 1_300);
        Diagnosis d = takenBy(Rule.SLOW_OR_INFLATED, run.evidence());
        assertEquals(Verdict.CONTENTION, d.verdict());
        assertEquals(Bottleneck.SERVER, d.bottleneck());
    }

    @Test
    void aFastRunOnAQuietPoolIsClean() {
        RunFixture run =
                new RunFixture().calibrated(3).poolSamples(10, 3, 0, 20, 4).healthy(30, 6);
        Diagnosis d = takenBy(Rule.OTHERWISE, run.evidence());
        assertEquals(Verdict.CLEAN, d.verdict());
        assertFalse(d.failure());
    }

    /** Every rule has its test above: one test method per rule. */
    @Test
    void everyRuleHasATestHere() {
        long tests = Arrays.stream(RuleTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .count();
        assertEquals(Rule.values().length + 2, tests, "one test per rule, this one and the document's");
    }

    /** docs/verdict.md's "The rules, in order" lists the same rules, under the same names, in the same order. */
    @Test
    void theDocumentListsTheRulesInTheCodesOrder() throws Exception {
        String doc = Files.readString(Path.of("docs/verdict.md"));
        Matcher m = Pattern.compile("(?m)^### (\\d+)\\. (.+?) → ").matcher(doc);
        List<String> listed = new ArrayList<>();
        while (m.find()) {
            assertEquals(listed.size() + 1, Integer.parseInt(m.group(1)), "numbered in order: " + m.group());
            listed.add(m.group(2));
        }
        assertEquals(Arrays.stream(Rule.values()).map(Rule::title).toList(), listed);
    }
}
