package obp.loadtest.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each case is an answer as a server gives it: status, duration and OBP's message, never our own wording. */
class ClassifierTest {

    static final VerdictThresholds THRESHOLDS = new VerdictThresholds(
            Duration.ofSeconds(30), Duration.ofSeconds(5), 0.9, 0.5, 0.5, 10, Duration.ofMillis(100), 0.1, false);
    private final AtomicLong acquireTimeout = new AtomicLong();
    private final Classifier classifier = new Classifier(THRESHOLDS, acquireTimeout::get);

    private Classification answer(int status, boolean expected, long ms, String message) {
        return classifier.classify(status, expected, ms, message, 5);
    }

    @Test
    void expectedStatusUnderTheThresholdIsOkAndJustAfterIsSlow() {
        assertEquals(Classification.OK, answer(200, true, 120, null));
        assertEquals(
                Classification.OK, answer(403, true, 120, "OBP-20017: Current user does not have access to the view."));
        assertEquals(Classification.OK, answer(200, true, 5_000, null));
        assertEquals(Classification.SLOW, answer(200, true, 5_001, null));
    }

    @Test
    void aFastUnknownErrorIsAnUnexpectedStatus() {
        assertEquals(Classification.UNEXPECTED, answer(500, false, 12, "OBP-50000: Unknown Error."));
    }

    @Test
    void gatewayTimeoutIsATimeoutAtTheServersDeadline() {
        assertEquals(
                Classification.timeout(TimeoutCause.GATEWAY),
                answer(504, false, 55_000, "Request timeout: backend service did not respond within 55000ms."));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "HikariCP in the handler|500|OBP-50000: Unknown Error.: HikariPool-1 - Connection is not available, request timed out after 30000ms.|POOL_ACQUIRE",
                "HikariCP at authentication|401|OBP-20001: User not logged in. Authentication is required! HikariPool-1 - Connection is not available, request timed out after 30000ms.|POOL_ACQUIRE",
                "HikariCP at the app edge|500|HikariPool-1 - Connection is not available, request timed out after 30000ms.|POOL_ACQUIRE",
                "PostgreSQL deadlock|500|OBP-50000: Unknown Error.: ERROR: deadlock detected|DEADLOCK",
                "PostgreSQL lock timeout|500|OBP-50000: Unknown Error.: ERROR: canceling statement due to lock timeout|LOCK",
                "PostgreSQL NOWAIT|500|OBP-50000: Unknown Error.: ERROR: could not obtain lock on row in relation \"mappedentitlement\"|LOCK",
                "MySQL deadlock|500|OBP-50000: Unknown Error.: Deadlock found when trying to get lock; try restarting transaction|DEADLOCK",
                "MySQL lock wait|500|OBP-50000: Unknown Error.: Lock wait timeout exceeded; try restarting transaction|LOCK",
                "H2 deadlock|500|OBP-50000: Unknown Error.: Deadlock detected. The current transaction was rolled back.|DEADLOCK",
                "H2 lock timeout|500|OBP-50000: Unknown Error.: Timeout trying to lock table \"ENTITLEMENT\"|LOCK",
                "SQL Server deadlock|500|OBP-50000: Unknown Error.: Transaction (Process ID 57) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.|DEADLOCK",
                "SQL Server lock timeout|500|OBP-50000: Unknown Error.: Lock request time out period exceeded.|LOCK",
                "Oracle deadlock|500|OBP-50000: Unknown Error.: ORA-00060: deadlock detected while waiting for resource|DEADLOCK",
                "Oracle lock timeout|500|OBP-50000: Unknown Error.: ORA-30006: resource busy; acquire with WAIT timeout expired|LOCK",
            })
    void databaseAndPoolWordsNameTheCause(String what, int status, String message, TimeoutCause cause) {
        assertEquals(Classification.timeout(cause), answer(status, false, 2_000, message), what);
    }

    @Test
    void noAnswerAtTheClientTimeoutIsAClientTimeout() {
        assertEquals(Classification.timeout(TimeoutCause.CLIENT), answer(0, false, 29_500, null));
    }

    @Test
    void noAnswerAtOnceIsARefusalButAfterAHangIsADroppedConnection() {
        assertEquals(Classification.REFUSED, answer(0, false, 3, null));
        assertEquals(Classification.REFUSED, answer(0, false, 40, null));
        assertEquals(Classification.timeout(TimeoutCause.DROPPED), answer(0, false, 4_000, null));
        // An endpoint that takes 800 ms alone is not "hung" at 2 s: a hang is ten times its baseline.
        assertEquals(Classification.REFUSED, classifier.classify(0, false, 2_000, null, 800));
        assertEquals(Classification.timeout(TimeoutCause.DROPPED), classifier.classify(0, false, 9_000, null, 800));
    }

    @Test
    void anUnknownErrorAfterAHangIsAHang() {
        assertEquals(Classification.timeout(TimeoutCause.HANG), answer(500, false, 6_000, "OBP-50000: Unknown Error."));
    }

    @Test
    void anUnknownErrorAtTheServersAcquireTimeoutIsPoolAcquire() {
        assertEquals(Classification.timeout(TimeoutCause.HANG), answer(500, false, 2_050, "OBP-50000: Unknown Error."));
        acquireTimeout.set(2_000); // the pool endpoint reported connection_timeout_ms 2000
        assertEquals(
                Classification.timeout(TimeoutCause.POOL_ACQUIRE),
                answer(500, false, 2_050, "OBP-50000: Unknown Error."));
        assertEquals(
                Classification.timeout(TimeoutCause.POOL_ACQUIRE),
                answer(401, false, 2_010, "OBP-20001: User not logged in."));
        assertEquals(Classification.UNEXPECTED, answer(500, false, 300, "OBP-50000: Unknown Error."));
    }

    @Test
    void wordsOnASuccessfulAnswerProveNothing() {
        assertEquals(Classification.OK, answer(200, true, 10, "Connection is not available, request timed out after"));
    }
}
