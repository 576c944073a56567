package obp.loadtest.emulator;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * The emulator's Telemetry, as OBP's of 2026 (OBP-API {@code Telemetry.scala}, {@code docs/telemetry_conventions.md}):
 * Micrometer's Prometheus registry, fed by HikariCP's own Micrometer tracker (the {@code hikaricp_connections_*} meters,
 * tagged {@code pool}) and by one timer per answered call, {@code obp.api.endpoint.requests} (tags operation,
 * api_version, status; buckets 10 ms to 30 s). Served as Prometheus text on a second port at {@code /telemetry}, on its
 * own thread so it answers while the request workers wait on the pool, and by {@link #text()} for the API endpoint.
 */
final class Telemetry implements AutoCloseable {

    static final String PATH = "/telemetry";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private HttpServer server;

    Telemetry() {
        // The pool's timers as histograms: the acquire and usage times' distributions are what tell starvation.
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() == Meter.Type.TIMER && id.getName().startsWith("hikaricp.connections"))
                    return DistributionStatisticConfig.builder()
                            .percentilesHistogram(true)
                            .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                            .maximumExpectedValue(
                                    (double) Duration.ofSeconds(60).toNanos())
                            .build()
                            .merge(config);
                return config;
            }
        });
    }

    /** HikariCP reports to this registry (set before the pool starts). */
    void instrument(HikariConfig pool) {
        pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    }

    /** One answered call, as OBP's endpoint timer records it. */
    void endpointCall(String operation, String apiVersion, int status, long nanos) {
        Timer.builder("obp.api.endpoint.requests")
                .tag("operation", operation)
                .tag("api_version", apiVersion)
                .tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }

    /** The Prometheus text exposition of every meter. */
    String text() {
        return registry.scrape();
    }

    /** Serves {@code /telemetry} on 127.0.0.1 (port 0 = a free one); returns the port. */
    int listen(int port) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        s.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "obp-emulator-telemetry");
            t.setDaemon(true);
            return t;
        }));
        s.createContext(PATH, ex -> {
            byte[] body = text().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        s.start();
        server = s;
        return s.getAddress().getPort();
    }

    @Override
    public void close() {
        if (server != null) server.stop(0);
        registry.close();
    }
}
