package obp.loadtest.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClassifierTest {

    private final Classifier classifier = new Classifier(Duration.ofSeconds(5));

    @Test
    void expectedStatusUnderTheThresholdIsOk() {
        assertEquals(Outcome.OK, classifier.classify(200, true, 120, null));
        assertEquals(Outcome.OK, classifier.classify(403, true, 120, "OBP-20006: missing role"));
    }

    @Test
    void expectedStatusAtTheThresholdIsStillOkAndJustAfterIsSlow() {
        assertEquals(Outcome.OK, classifier.classify(200, true, 5_000, null));
        assertEquals(Outcome.SLOW, classifier.classify(200, true, 5_001, null));
    }

    @Test
    void unexpectedStatusIsUnexpectedEvenWhenSlow() {
        assertEquals(Outcome.UNEXPECTED_STATUS, classifier.classify(500, false, 9_000, "OBP-50000: Unknown Error."));
    }

    @Test
    void gatewayTimeoutIsATimeout() {
        assertEquals(Outcome.TIMEOUT, classifier.classify(504, false, 55_000,
                "Request timeout: backend service did not respond within 55000ms."));
        assertEquals(TimeoutCause.GATEWAY, Classifier.timeoutCause(504, null));
    }

    @Test
    void hikariAcquireTimeoutInA500IsAPoolAcquireTimeout() {
        String hikari = "OBP-50000: Unknown Error.: HikariPool-1 - Connection is not available, request timed out after 30000ms.";
        assertEquals(Outcome.TIMEOUT, classifier.classify(500, false, 30_010, hikari));
        assertEquals(TimeoutCause.POOL_ACQUIRE, Classifier.timeoutCause(500, hikari));
    }

    @Test
    void hikariAcquireTimeoutDuringAuthenticationIsAlsoATimeout() {
        String hikari = "OBP-20001: HikariPool-1 - Connection is not available, request timed out after 30000ms.";
        assertEquals(Outcome.TIMEOUT, classifier.classify(401, false, 30_010, hikari));
    }

    @Test
    void dbLockTimeoutIsALockTimeout() {
        String lock = "OBP-50000: Unknown Error.: Timeout trying to lock table \"ENTITLEMENT\"";
        assertEquals(Outcome.TIMEOUT, classifier.classify(500, false, 2_000, lock));
        assertEquals(TimeoutCause.LOCK, Classifier.timeoutCause(500, lock));
    }

    @Test
    void noResponseWithGatlingsTimeoutTextIsAClientTimeout() {
        String gatling = "i.g.h.c.i.RequestTimeoutException: Request timeout to localhost/127.0.0.1:8080 after 30000 ms";
        assertEquals(Outcome.TIMEOUT, classifier.classify(0, false, 30_000, gatling));
        assertEquals(TimeoutCause.CLIENT, Classifier.timeoutCause(0, gatling));
    }

    @Test
    void noResponseOtherwiseIsAConnectionError() {
        assertEquals(Outcome.CONNECTION_ERROR, classifier.classify(0, false, 3,
                "i.n.c.AbstractChannel$AnnotatedConnectException: Connection refused: localhost/127.0.0.1:8080"));
        assertEquals(Outcome.CONNECTION_ERROR, classifier.classify(0, false, 3, null));
        assertEquals(Outcome.CONNECTION_ERROR, classifier.classify(0, false, 10_000,
                "i.n.c.ConnectTimeoutException: connection timed out after 10000 ms: localhost/127.0.0.1:8080"));
    }

    @Test
    void ordinaryErrorsHaveNoTimeoutCause() {
        assertNull(Classifier.timeoutCause(500, "OBP-50000: Unknown Error."));
        assertNull(Classifier.timeoutCause(200, "Connection is not available, request timed out after"));
    }
}
