package obp.loadtest.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import obp.loadtest.obp.DirectLogin;
import obp.loadtest.obp.EndpointPaths;
import obp.loadtest.report.Redactor;
import obp.loadtest.verdict.ServerView;

/**
 * Reads OBP's API metrics of the run once, after the load: {@code GET /obp/v5.1.0/management/metrics} (role
 * CanReadMetrics; obp-api/src/main/scala/code/api/v5_1_0/APIMethods510.scala) for the run's time window, first for
 * one call of the bootstrap user to learn the run's consumer (a DirectLogin client is never told its consumer_id),
 * then every row of that consumer, page by page. Each row's verb and url name one of the run's endpoints
 * ({@link EndpointPaths}); its duration is the server's own.
 */
public final class ApiMetricsReader {

    /** OBP's DateWithMs (obp-api/src/main/scala/code/api/util/APIUtil.scala), the filters' date format. */
    static final DateTimeFormatter DATE_WITH_MS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    static final String PATH = "/obp/v5.1.0/management/metrics";
    static final int PAGE = 1000;
    /** Pages read at most: a million rows is far beyond one run. */
    static final int MAX_PAGES = 1000;
    /** The whole read gives up after this long: the outputs must not wait on it. */
    static final Duration BUDGET = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;
    private final String token;
    private final Duration timeout;

    public ApiMetricsReader(String baseUrl, String token, Duration timeout) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.timeout = timeout;
    }

    /** Reads the rows of [from, to] into {@code view}; what went wrong, if anything, is its absence reason. */
    public void read(Instant from, Instant to, String bootstrapUserId, EndpointPaths paths, ServerView view) {
        long deadline = System.nanoTime() + BUDGET.toNanos();
        String window = "from_date=" + enc(DATE_WITH_MS.format(from)) + "&to_date=" + enc(DATE_WITH_MS.format(to));
        try {
            JsonNode first = get(window + "&user_id=" + enc(bootstrapUserId) + "&limit=1", view, deadline);
            if (first == null) return;
            JsonNode one = first.path("metrics").path(0);
            if (one.isMissingNode()) {
                view.apiMetricsAbsent("the server recorded no call of the run (write_metrics off?)");
                return;
            }
            String consumer = one.path("consumer_id").asText("");
            String filter = window + (consumer.isEmpty() ? "" : "&consumer_id=" + enc(consumer));
            view.apiMetricsRead();
            for (int page = 0; page < MAX_PAGES && System.nanoTime() < deadline; page++) {
                JsonNode answer = get(filter + "&limit=" + PAGE + "&offset=" + (page * PAGE), view, deadline);
                if (answer == null) return;
                JsonNode rows = answer.path("metrics");
                for (JsonNode r : rows)
                    view.row(
                            paths.name(r.path("verb").asText(""), r.path("url").asText(""))
                                    .orElse(null),
                            r.path("duration").asLong(-1));
                if (rows.size() < PAGE) return;
            }
        } catch (Exception e) {
            view.apiMetricsAbsent(PATH + " unreadable (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * One page, or null (the view told why) when the server did not answer 200. A server still starved when the load
     * ends (its pool held by requests that outlive the run) refuses the read on its pool's account: asked again each
     * second until the budget is spent.
     */
    private JsonNode get(String query, ServerView view, long deadline) throws Exception {
        while (true) {
            HttpResponse<String> r = send(query);
            if (r.statusCode() == 200) return JSON.readTree(r.body());
            boolean starved = r.statusCode() >= 500 || r.body().contains("Connection is not available");
            if (!starved || System.nanoTime() + RETRY.toNanos() > deadline) {
                refused(r, view);
                return null;
            }
            Thread.sleep(RETRY.toMillis());
        }
    }

    static final Duration RETRY = Duration.ofSeconds(1);

    private HttpResponse<String> send(String query) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + PATH + "?" + query))
                .timeout(timeout)
                .header(DirectLogin.HEADER, DirectLogin.token(token))
                .header("Accept", "application/json")
                .GET()
                .build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    /** The server's refusal, as the view's absence reason, with OBP's message when it gave one. */
    private static void refused(HttpResponse<String> r, ServerView view) {
        String message = "";
        try {
            message = JSON.readTree(r.body()).path("message").asText("");
        } catch (Exception notJson) {
            // the status says enough
        }
        view.apiMetricsAbsent(Redactor.redact(
                "GET " + PATH + " answered " + r.statusCode() + (message.isEmpty() ? "" : " (" + message + ")")));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
