package obp.loadtest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** What the scraper reads from the Prometheus text HikariCP's own Micrometer tracker produces. */
class TelemetryScraperTest {

    @Test
    void readsHikariCpsMetersFromMicrometersPrometheusText() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(true)
                        .build()
                        .merge(config);
            }
        });
        var tracker = new MicrometerMetricsTrackerFactory(registry)
                .create("HikariPool-1", new com.zaxxer.hikari.metrics.PoolStats(0) {
                    @Override
                    protected void update() {
                        totalConnections = 4;
                        activeConnections = 3;
                        idleConnections = 1;
                        pendingThreads = 5;
                    }
                });
        tracker.recordConnectionAcquiredNanos(2_000_000); // 2 ms
        tracker.recordConnectionAcquiredNanos(800_000_000); // 800 ms
        tracker.recordConnectionUsageMillis(30);
        tracker.recordConnectionTimeout();
        tracker.recordConnectionTimeout();

        var m = TelemetryScraper.poolMeters(registry.scrape());
        assertEquals("HikariPool-1", m.pool());
        assertEquals(3, m.active());
        assertEquals(1, m.idle());
        assertEquals(5, m.pending());
        assertEquals(2, m.timeouts());
        assertEquals(2, m.acquireCount());
        assertEquals(0.802, m.acquireSum(), 1e-6);
        assertEquals(2.0, m.acquireBuckets().lastEntry().getValue(), "the +Inf bucket counts every acquire");
        assertEquals(1, m.usageCount());
        assertEquals(0.030, m.usageSum(), 1e-6);
        tracker.close();
    }

    @Test
    void textWithoutHikariCpsMetersIsNoPool() throws Exception {
        assertNull(TelemetryScraper.poolMeters("# TYPE up gauge\nup 1\n"));
    }
}
