package obp.loadtest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import obp.loadtest.verdict.ServerView;
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

    /**
     * A scrape through OBP's API holds the server's connections while it lasts; the after-load pool sample comes
     * right after close, so close returns only once no scrape is out.
     */
    @Test
    void closeWaitsForTheScrapeStillOut() throws Exception {
        AtomicInteger served = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        byte[] text = ("# TYPE hikaricp_connections_active gauge\n"
                        + "hikaricp_connections_active{pool=\"HikariPool-1\"} 1.0\n")
                .getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/telemetry", ex -> {
            inFlight.incrementAndGet();
            try {
                if (served.getAndIncrement() > 0) Thread.sleep(400); // the scrapes after the first are slow
                ex.sendResponseHeaders(200, text.length);
                ex.getResponseBody().write(text);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
                ex.close();
            }
        });
        server.start();
        try (TelemetryScraper scraper = new TelemetryScraper(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/telemetry",
                null,
                "test",
                Duration.ofMillis(100),
                Duration.ofSeconds(5),
                new ServerView(),
                new SweepClock())) {
            scraper.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (inFlight.get() == 0 && System.nanoTime() < deadline) Thread.sleep(5);
            assertEquals(1, inFlight.get(), "a slow scrape is out");
            scraper.close();
            assertEquals(0, inFlight.get(), "close returned with a scrape still out");
            assertTrue(served.get() >= 2);
            // What the scrapes cost is said when they end: the preflight scrape aside, each one sent counts.
            assertTrue(
                    scraper.cost()
                            .orElseThrow()
                            .matches(
                                    "telemetry: [1-9]\\d* scrapes? \\(\\d+\\.\\d\\d s of CPU sending and reading them\\)"),
                    scraper.cost().toString());
        } finally {
            server.stop(0);
        }
    }
}
