package obp.loadtest.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ServerViewTest {

    /** Cumulative acquire buckets (le seconds → count), HikariCP's meters otherwise as given. */
    private static ServerView.PoolMeters meters(
            double pending, double timeouts, double[] les, double[] counts, double usageCount, double usageSum) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (int i = 0; i < les.length; i++) buckets.put(les[i], counts[i]);
        double n = counts[counts.length - 1];
        return new ServerView.PoolMeters(
                "HikariPool-1", 2, 0, pending, timeouts, buckets, n, n * 0.1, usageCount, usageSum);
    }

    private static final double[] LES = {0.001, 0.1, 1.0, Double.MAX_VALUE};

    private static Diagnosis diagnosis(Verdict v, Diagnosis.Bottleneck b, Diagnosis.Confidence c) {
        return Diagnosis.of(v, v.name(), List.of("client evidence"), v != Verdict.CLEAN, b, c, List.of(), List.of());
    }

    @Test
    void scrapesBeforeTheSweepReadAsMsBeforeItsStartInTimeOrder() {
        ServerView view = new ServerView();
        view.telemetryFrom("http://127.0.0.1:9464/telemetry");
        // The sweep clock stamps a scrape before the sweep -1 - ms since it was made; the sweep began 1000 ms in.
        view.sample(-201, meters(0, 0, LES, new double[] {0, 0, 0, 0}, 0, 0));
        view.sample(-601, meters(0, 0, LES, new double[] {1, 1, 1, 1}, 1, 0.001));
        view.sweepStarted(1000);
        // A scrape sent before the start and answered after it is rebased too.
        view.sample(-901, meters(0, 0, LES, new double[] {2, 2, 2, 2}, 2, 0.002));
        view.sample(400, meters(0, 0, LES, new double[] {3, 3, 3, 3}, 3, 0.003));
        JsonNode t = view.section(Map.of()).path("telemetry").path("series").path("t_ms");
        assertEquals("[-800,-400,-100,400]", t.toString());
    }

    @Test
    void aTimeoutCounterThatRoseConfirmsStarvationAndRaisesConfidence() {
        ServerView view = new ServerView();
        view.telemetryFrom("GET /obp/v7.0.0/management/telemetry");
        view.sample(-1000, meters(0, 3, LES, new double[] {0, 0, 0, 0}, 0, 0));
        view.sample(-500, meters(0, 3, LES, new double[] {10, 10, 10, 10}, 10, 0.02));
        // In the sweep: 100 more acquires, 90 of them over 100 ms and 5 beyond 1 s; 4 more timeouts, 7 pending at most.
        view.sample(500, meters(7, 5, LES, new double[] {15, 20, 60, 110}, 50, 0.5));
        view.sample(1000, meters(2, 7, LES, new double[] {15, 20, 105, 110}, 110, 2.0));
        ServerView.Sweep s = view.sweep();
        assertEquals(4, s.timeouts());
        assertEquals(7, s.pendingMax());
        assertEquals(100, s.acquires());
        assertEquals(1000.0, s.acquireP95Ms(), "95 of 100 acquires within the 1 s bucket");
        assertEquals(1000.0, s.acquireP99Ms(), "beyond the last finite bucket reads as that bucket");

        Diagnosis d = view.inform(
                diagnosis(Verdict.POOL_STARVATION, Diagnosis.Bottleneck.POOL, Diagnosis.Confidence.MEDIUM), Map.of());
        assertEquals(Diagnosis.Confidence.HIGH, d.confidence());
        assertEquals(Verdict.POOL_STARVATION, d.verdict());
        assertTrue(
                d.evidence().get(1).contains("4 acquire timeouts: a timeout counter that rose is starvation confirmed"),
                d.evidence().toString());
        // Usage per connection: 2 ms alone, (2.0 - 0.02) / 100 = 19.8 ms in the sweep.
        assertTrue(
                d.evidence().stream().anyMatch(l -> l.contains("usage time grew with load")),
                d.evidence().toString());
    }

    @Test
    void aCleanVerdictTheServersTimeoutsContradictIsShownAndLosesConfidence() {
        ServerView view = new ServerView();
        view.telemetryFrom("port");
        view.sample(-1, meters(0, 0, LES, new double[] {0, 0, 0, 0}, 0, 0));
        view.sample(1000, meters(0, 2, LES, new double[] {5, 5, 5, 5}, 5, 0.005));
        Diagnosis d =
                view.inform(diagnosis(Verdict.CLEAN, Diagnosis.Bottleneck.NONE, Diagnosis.Confidence.HIGH), Map.of());
        assertEquals(Diagnosis.Confidence.MEDIUM, d.confidence());
        assertTrue(
                d.caveats().contains("the server's pool counted 2 acquire timeouts the client's view did not show"),
                d.caveats().toString());
    }

    @Test
    void serverTimeFlatWhileClientTimeInflatesMovesTheBottleneckOffThePool() {
        ServerView view = new ServerView();
        view.apiMetricsRead();
        for (int i = 0; i < 20; i++) {
            view.row("GET /banks", 20);
            view.row("GET /root", 10);
        }
        view.row(null, 5);
        Map<String, Long> client = Map.of("GET /banks", 900L, "GET /root", 700L);
        Diagnosis d = view.inform(
                diagnosis(Verdict.POOL_STARVATION, Diagnosis.Bottleneck.POOL, Diagnosis.Confidence.HIGH), client);
        assertTrue(
                d.evidence().stream()
                        .anyMatch(l -> l.startsWith("server time flat while client time inflated on 2 of 2")),
                d.evidence().toString());
        assertEquals(Diagnosis.Confidence.MEDIUM, d.confidence(), "the server disagrees with starvation");
        assertTrue(d.caveats().stream()
                .anyMatch(c -> c.contains(
                        "the server's own pool view was absent: not read (it is scraped during the v7 sweep")));

        JsonNode section = view.section(client);
        JsonNode banks = section.path("api_metrics").path("endpoints").get(0);
        assertEquals("GET /banks", banks.path("name").asText());
        assertEquals(20, banks.path("server_p95_ms").asLong());
        assertEquals(880, banks.path("gap_ms").asLong());
        assertEquals(41, section.path("api_metrics").path("rows").asLong());
        assertEquals(1, section.path("api_metrics").path("unmatched_rows").asLong());
        assertFalse(section.path("telemetry").path("available").asBoolean());
    }

    @Test
    void scrapesThatFailedThroughTheStarvedPoolAreSilenceNotDisagreement() {
        ServerView view = new ServerView();
        view.telemetryFrom("GET /obp/v7.0.0/management/telemetry");
        view.sample(-1, meters(0, 0, LES, new double[] {1, 1, 1, 1}, 1, 0.001));
        view.sample(400, meters(0, 0, LES, new double[] {2, 2, 2, 2}, 2, 0.002));
        view.failedScrape("401 OBP-20001");
        Diagnosis d = view.inform(
                diagnosis(Verdict.POOL_STARVATION, Diagnosis.Bottleneck.POOL, Diagnosis.Confidence.HIGH), Map.of());
        assertEquals(Diagnosis.Confidence.HIGH, d.confidence(), "no disagreement: the scrapes could not see it");
        assertTrue(
                d.caveats().stream()
                        .anyMatch(c -> c.startsWith("1 scrapes of the server's Telemetry failed (401 OBP-20001)")
                                && c.contains("--telemetry")),
                d.caveats().toString());
    }

    @Test
    void withNeitherTheVerdictStaysAndTwoCaveatsSayWhy() {
        ServerView view = new ServerView();
        view.telemetryAbsent("no Telemetry endpoint");
        view.apiMetricsAbsent("GET /obp/v5.1.0/management/metrics answered 403");
        Diagnosis before = diagnosis(Verdict.CONTENTION, Diagnosis.Bottleneck.POOL, Diagnosis.Confidence.MEDIUM);
        Diagnosis d = view.inform(before, Map.of("GET /root", 10L));
        assertEquals(before.verdict(), d.verdict());
        assertEquals(before.confidence(), d.confidence());
        assertEquals(before.evidence(), d.evidence());
        assertEquals(
                List.of(
                        "the server's own pool view was absent: no Telemetry endpoint",
                        "the server's API metrics were absent: GET /obp/v5.1.0/management/metrics answered 403"),
                d.caveats());
    }
}
