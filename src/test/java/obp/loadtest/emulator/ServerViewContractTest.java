package obp.loadtest.emulator;

import static obp.loadtest.emulator.WireClient.auth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The server's own view, as OBP gives it: the pool's meters through HikariCP's Micrometer tracker on the Prometheus
 * port and at /management/telemetry, and every call an API-metrics row at /management/metrics; both switched off.
 */
class ServerViewContractTest {

    @Test
    void telemetryShowsThePoolsOwnAcquireTimeoutsAndTheEndpointTimer() throws Exception {
        FaultPlan plan = FaultPlan.defaults()
                .sandbox(true)
                .poolSize(2)
                .acquireTimeout(Duration.ofMillis(500))
                .connectorDialTimeout(Duration.ofSeconds(2))
                .poolEndpointUsesPool(false);
        try (ObpEmulator obp = ObpEmulator.start(plan)) {
            WireClient wire = new WireClient(obp);
            String token = wire.admin("teluser1")[1];
            for (int i = 0; i < 2; i++)
                CompletableFuture.runAsync(() -> wire.get("/obp/v7.0.0" + V7Endpoints.STALL_PROBE, auth(token)));
            Thread.sleep(300);
            assertEquals(500, wire.get("/obp/v7.0.0/root").status(), "starved");

            String scraped = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(obp.telemetryUrl().orElseThrow()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertTrue(
                    scraped.matches("(?s).*hikaricp_connections_timeout_total\\{pool=\"HikariPool-1\"} [1-9].*"),
                    scraped);
            assertTrue(
                    scraped.contains("hikaricp_connections_acquire_seconds_bucket{pool=\"HikariPool-1\",le="), scraped);
            assertTrue(scraped.contains("hikaricp_connections_pending{pool=\"HikariPool-1\"}"), scraped);
            assertTrue(scraped.contains("obp_api_endpoint_requests_seconds_bucket{api_version=\"v7.0.0\""), scraped);

            // Through OBP's API the caller is authenticated on a pooled connection: once the pool is free again.
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (obp.pool().activeConnections() > 0 && System.nanoTime() < until) Thread.sleep(50);
            var viaApi = wire.get("/obp/v7.0.0/management/telemetry", auth(token));
            assertEquals(200, viaApi.status());
            assertTrue(viaApi.body().contains("hikaricp_connections_usage_seconds_count"), viaApi.body());
            assertEquals(
                    403,
                    wire.get("/obp/v7.0.0/management/telemetry", auth(wire.user("teluser2")[1]))
                            .status());
        }
    }

    @Test
    void everyCallIsAMetricsRowFilteredByDateAndUser() {
        try (ObpEmulator obp = ObpEmulator.start(
                FaultPlan.defaults().sandbox(true).latency("/banks", Duration.ofMillis(120), Duration.ZERO))) {
            WireClient wire = new WireClient(obp);
            String[] admin = wire.admin("metuser1");
            assertEquals(200, wire.get("/obp/v5.1.0/banks", auth(admin[1])).status());
            var rows = wire.get(
                    "/obp/v5.1.0/management/metrics?from_date=2020-01-01T00:00:00.000Z&to_date=2099-01-01T00:00:00.000Z&limit=1000&user_id="
                            + admin[0],
                    auth(admin[1]));
            assertEquals(200, rows.status(), rows.body());
            JsonNode banks = null;
            for (JsonNode r : rows.json().path("metrics"))
                if (r.path("url").asText().equals("/obp/v5.1.0/banks")) banks = r;
            assertTrue(banks != null, rows.body());
            assertEquals("GET", banks.path("verb").asText());
            assertTrue(banks.path("duration").asLong() >= 120, banks.toString());
            assertTrue(
                    banks.path("date").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
                    banks.toString());
            var none = wire.get(
                    "/obp/v5.1.0/management/metrics?from_date=2099-01-01T00:00:00.000Z&to_date=2099-01-02T00:00:00.000Z",
                    auth(admin[1]));
            assertEquals(0, none.json().path("metrics").size());
        }
    }

    @Test
    void aServerWithoutThemHasNoTelemetryPortAndNoRows() {
        try (ObpEmulator obp = ObpEmulator.start(
                FaultPlan.defaults().sandbox(true).telemetry(false).apiMetrics(false))) {
            WireClient wire = new WireClient(obp);
            String token = wire.admin("offuser1")[1];
            assertFalse(obp.telemetryUrl().isPresent());
            assertEquals(
                    404,
                    wire.get("/obp/v7.0.0/management/telemetry", auth(token)).status());
            var rows = wire.get("/obp/v5.1.0/management/metrics", auth(token));
            assertEquals(200, rows.status());
            assertEquals(0, rows.json().path("metrics").size());
        }
    }
}
