package obp.loadtest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The live page's server: loopback only, the token or nothing, GETs and one POST, and the page's stream. */
class LiveDashboardTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger snapshots = new AtomicInteger();
    private final AtomicInteger stops = new AtomicInteger();
    private LiveDashboard dashboard;

    @AfterEach
    void close() {
        if (dashboard != null) dashboard.close();
    }

    /** A run that has done {@code snapshots} requests so far: each snapshot counts one more. */
    private LiveDashboard.Snapshot snapshot() {
        int n = snapshots.incrementAndGet();
        ObjectNode live = JSON.createObjectNode()
                .put("phase", "measuring")
                .put("elapsed_s", n)
                .put("load", "10 workers × 40s, 1 user")
                .put("requests", n * 100)
                .put("verdict", "POOL STARVATION: so far");
        live.putArray("still_waiting").add("[w3] GET /banks still waiting after 2.5 s");
        return new LiveDashboard.Snapshot(SummaryFixtures.starvation(), live);
    }

    private LiveDashboard open() throws Exception {
        dashboard = LiveDashboard.open(0, this::snapshot, stops::incrementAndGet);
        return dashboard;
    }

    private HttpResponse<String> send(String method, String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePageOnLoopbackUnderItsTokenAlone() throws Exception {
        LiveDashboard d = open();
        String url = d.url();
        assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/[0-9a-f]{32}/"), url);
        String token = url.replaceAll(".*/([0-9a-f]{32})/$", "$1");
        assertEquals(Redactor.MASK, Redactor.redact(token), "the token is a secret the redactor masks");
        assertFalse(d.maskedUrl().contains(token));

        HttpResponse<String> page = send("GET", url);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<section id=\"live\">"), "the live section first");
        assertTrue(page.body().contains("id=\"stop-button\""), "with Stop");
        assertTrue(page.body().contains("[w3] GET /banks still waiting after 2.5 s [SLOW — suspect stall]"));
        assertTrue(page.body().contains("id=\"chart-pool\""), "the verdict page's charts");
        assertTrue(
                page.body().contains("content=\"default-src 'none'; script-src 'unsafe-inline'; connect-src 'self'; "),
                "the verdict page's policy, and the page's own server for its stream and Stop");
        assertFalse(page.body().contains(token), "the page names its server by relative addresses only");
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));

        // Not on any other address of this machine: the server is bound to the loopback interface.
        String other = InetAddress.getLocalHost().getHostAddress();
        if (!InetAddress.getByName(other).isLoopbackAddress()) {
            String elsewhere = url.replace("127.0.0.1", other);
            assertTrue(refused(elsewhere), "answered on " + other + ", not only on loopback");
        }

        String port = url.replaceAll("^http://127\\.0\\.0\\.1:(\\d+)/.*", "$1");
        String base = "http://127.0.0.1:" + port + "/";
        String wrong = token.substring(0, 31) + (token.charAt(31) == '0' ? '1' : '0');
        for (String path : List.of("", wrong + "/", wrong + "/events", "x/stop", token + "/nothing"))
            assertEquals(404, send("GET", base + path).statusCode(), path);
        assertEquals(404, send("POST", base + wrong + "/stop").statusCode(), "Stop without the token");
        assertEquals(405, send("POST", url).statusCode(), "nothing else is writable");
        assertEquals(405, send("PUT", url + "stop").statusCode());
        assertEquals(405, send("DELETE", url + "events").statusCode());
        assertEquals(405, send("GET", url + "stop").statusCode(), "Stop is a POST");
        assertEquals(0, stops.get(), "no wrong request stopped anything");
    }

    @Test
    void theLiveSectionEscapesWhatItShows() {
        ObjectNode live =
                JSON.createObjectNode().put("phase", "<b>measuring</b>").put("verdict", "</p><script>x()</script>");
        live.putArray("still_waiting").add("[w1] GET /banks/<img src=x> still waiting after 6.0 s");
        live.putObject("baselines").put("GET /a&b", 12);
        String html = LiveDashboard.header(live);
        for (String raw : List.of("<b>measuring", "<script>", "<img", "/a&b"))
            assertFalse(html.contains(raw), raw + " in " + html);
        assertTrue(html.contains("&lt;img src=x&gt;") && html.contains("GET /a&amp;b"), html);
    }

    @Test
    void stopRunsTheRunsStopOnce() throws Exception {
        LiveDashboard d = open();
        assertEquals(202, send("POST", d.url() + "stop").statusCode());
        assertEquals(202, send("POST", d.url() + "stop").statusCode());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (stops.get() == 0 && System.nanoTime() < deadline) Thread.sleep(10);
        Thread.sleep(100);
        assertEquals(1, stops.get());
    }

    @Test
    void theStreamStartsFromNowAdvancesEverySecondAndEndsWithTheVerdictPage() throws Exception {
        LiveDashboard d = open();
        HttpResponse<java.io.InputStream> stream = http.send(
                HttpRequest.newBuilder(URI.create(d.url() + "events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        List<JsonNode> states = new ArrayList<>();
        states.add(JSON.readTree(data(in, "state")));
        long t0 = System.nanoTime();
        while (states.size() < 4) states.add(JSON.readTree(data(in, "state")));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 3.6, "three more updates, one a second: " + seconds + " s");
        List<String> requests = states.stream()
                .map(s -> s.path("main").asText().replaceAll("(?s).*id=\"live-requests\">(\\d+)<.*", "$1"))
                .toList();
        assertEquals(4, requests.stream().distinct().count(), "the counts advance: " + requests);
        assertEquals(
                "POOL_STARVATION",
                states.get(0).path("summary").path("verdict").path("name").asText());

        List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Void> finished =
                CompletableFuture.runAsync(() -> d.finish(SummaryFixtures.starvation(), said::add));
        JsonNode fin = JSON.readTree(data(in, "final"));
        assertTrue(fin.path("page").asText().contains("id=\"verdict-line\""), "the verdict page replaces the live one");
        assertFalse(fin.path("page").asText().contains("id=\"live\""), "and nothing live is left on it");
        finished.get();
        assertTrue(refused(d.url()), "the server ends with the run");
        assertTrue(
                said.get(0).matches("dashboard: closed after \\d+ updates \\(\\d+\\.\\d\\d s of CPU building them\\)"),
                said.toString());
    }

    /** The data of the next event named {@code name} (others skipped). */
    private static String data(BufferedReader in, String name) throws Exception {
        String event = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("event: ")) event = line.substring(7);
            else if (line.startsWith("data: ") && name.equals(event)) return line.substring(6);
        }
        throw new AssertionError("the stream ended before a " + name + " event");
    }

    private boolean refused(String url) {
        try {
            send("GET", url);
            return false;
        } catch (Exception e) {
            return true;
        }
    }
}
