package obp.loadtest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InFlightWatchTest {

    private final List<String> said = new CopyOnWriteArrayList<>();

    private static long msAgo(long ms) {
        return System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(ms);
    }

    @Test
    void aRequestPastTheThresholdIsFlaggedOnceWhileItWaitsAndNotAfterItEnds() {
        try (InFlightWatch watch = new InFlightWatch(1_000, said::add)) {
            watch.started(1, "[w1]", "GET /banks", msAgo(1_500));
            watch.started(2, "[w2]", "GET /users", msAgo(10));
            assertEquals(2, watch.inFlight());

            watch.scan();
            watch.scan();
            assertEquals(1, said.size(), said.toString());
            assertTrue(said.get(0).startsWith("[w1] GET /banks still waiting after 1."), said.get(0));
            assertTrue(said.get(0).endsWith(InFlightWatch.SLOW_FLAG), said.get(0));
            assertEquals(1, watch.stillWaiting().size());
            assertTrue(watch.stillWaiting().get(0).startsWith("[w1] GET /banks still waiting after"));

            watch.finished(1);
            watch.scan();
            assertEquals(1, said.size(), "an ended request is not flagged again");
            assertEquals(List.of(), watch.stillWaiting());
            assertEquals(1, watch.inFlight());
        }
    }

    @Test
    void theSameVirtualUsersNextRequestIsFlaggedOnItsOwn() {
        try (InFlightWatch watch = new InFlightWatch(1_000, said::add)) {
            watch.started(3, "[w3]", "GET /a", msAgo(2_000));
            watch.scan();
            watch.finished(3);
            watch.started(3, "[w3]", "GET /b", msAgo(10));
            watch.scan();
            assertEquals(1, said.size(), "the next request has not waited long: " + said);
            assertEquals(List.of(), watch.stillWaiting(), "the flag was the earlier request's");

            watch.started(3, "[w3]", "GET /c", msAgo(3_000));
            watch.scan();
            assertEquals(2, said.size(), said.toString());
            assertTrue(said.get(1).startsWith("[w3] GET /c still waiting after 3."), said.get(1));
        }
    }

    @Test
    void theScannerFlagsOnItsOwnWithinAFractionOfASecond() throws InterruptedException {
        try (InFlightWatch watch = new InFlightWatch(100, said::add)) {
            watch.started(9, "[w9]", "GET /stall", System.nanoTime());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (said.isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
            assertEquals(1, said.size(), said.toString());
            assertTrue(said.get(0).startsWith("[w9] GET /stall still waiting after 0."), said.get(0));
        }
    }
}
