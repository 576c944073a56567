package obp.loadtest.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolEvidenceTest {

    @Test
    void saturatedSamplesBecomeSecondsSaturated() {
        PoolEvidence pool = new PoolEvidence(Duration.ofMillis(500));
        pool.sample(1000, 3, 17, 20, 0, 20, 0, 0, 4);
        pool.sample(2000, 20, 0, 20, 7, 20, 0, 0, 40);
        pool.sample(3000, 20, 0, 20, 12, 20, 0, 0, 900);
        assertEquals(3, pool.samples());
        assertEquals(1.0, pool.secondsSaturated(), 1e-9, "two saturated samples of 500 ms");
        assertEquals(20, pool.maxActive());
        assertEquals(12, pool.maxWaiting());
        assertEquals(20, pool.maximumPoolSize());
        assertEquals(900, pool.slowestSampleMs());
    }

    @Test
    void quietPoolShowsNoPressure() {
        PoolEvidence pool = new PoolEvidence(Duration.ofSeconds(1));
        pool.sample(4000, 2, 18, 20, 0, 20, 0, 0, 3);
        assertEquals(0, pool.maxWaiting());
        assertEquals(0.0, pool.secondsSaturated());
    }

    @Test
    void unknownPoolSizeIsNeverSaturated() {
        PoolEvidence pool = new PoolEvidence(Duration.ofSeconds(1));
        pool.sample(5000, 5, 0, 5, 0, 0, 0, 0, 3);
        assertEquals(0.0, pool.secondsSaturated());
    }

    @Test
    void failedSamplesAreCountedWithBoundedReasons() {
        PoolEvidence pool = new PoolEvidence(Duration.ofSeconds(1));
        pool.failedSample(1000, "timeout", 0, 30_000);
        pool.failedSample(1000, "timeout", 0, 30_000);
        for (int i = 0; i < 20; i++) {
            pool.failedSample(1000, "500 #" + i, 0, 10);
        }
        assertEquals(22, pool.failedSamples());
        assertEquals(2L, pool.failureReasons().get("timeout"));
        assertEquals(PoolEvidence.MAX_REASONS, pool.failureReasons().size());
        assertEquals(30_000, pool.slowestSampleMs());
    }

    @Test
    void samplesFormATimeSeriesWithRequestsInFlight() {
        PoolEvidence pool = new PoolEvidence(Duration.ofSeconds(1));
        pool.sample(-150, 2, 8, 10, 0, 10, 30_000, 1, 4);
        pool.sample(1_000, 10, 0, 10, 3, 10, 30_000, 6, 9);
        pool.failedSample(2_000, "500 OBP-50000: Unknown Error.", 6, 30_000);
        assertEquals(3, pool.series().size());
        assertEquals(2, pool.loadSeries().size(), "calibration samples are before the sweep");
        PoolEvidence.Sample full = pool.loadSeries().get(0);
        assertTrue(full.saturatedWithWaiters());
        assertEquals(6, full.inFlight());
        assertFalse(pool.loadSeries().get(1).ok());
        assertEquals(30_000, pool.connectionTimeoutMs());
    }

    @Test
    void unavailablePoolKeepsItsReason() {
        PoolEvidence pool = new PoolEvidence(Duration.ofSeconds(1));
        assertTrue(pool.available());
        assertNull(pool.unavailableReason());
        pool.unavailable("403 OBP-20006: User is missing one or more roles: CanGetDatabasePoolInfo");
        assertFalse(pool.available());
        assertTrue(pool.unavailableReason().contains("CanGetDatabasePoolInfo"));
    }
}
