package obp.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The verdict page's "server's own view" section, from the summary's {@code server_view}: HikariCP's meters as OBP's
 * Telemetry reported them (with a chart of acquire time and threads pending over time, drawn as inline SVG: the page
 * loads nothing) and, per endpoint, the server's time beside the client's from OBP's API metrics.
 */
final class ServerSection {

    private ServerSection() {}

    static final int WIDTH = 720;
    static final int HEIGHT = 200;

    static String html(JsonNode view) {
        if (view == null || !view.isObject()) return "";
        StringBuilder h = new StringBuilder("<section id=\"server-view\">\n<h2>The server's own view</h2>\n");
        JsonNode t = view.path("telemetry");
        h.append("<h3>Pool (OBP's Telemetry)</h3>\n");
        if (t.path("available").asBoolean()) {
            h.append("<ul id=\"server-pool\">\n");
            item(
                    h,
                    "read from",
                    t.path("source").asText("") + ", " + t.path("samples").asLong() + " scrapes ("
                            + t.path("failed_samples").asLong() + " failed), pool "
                            + t.path("pool").asText("?"));
            item(
                    h,
                    "acquire time during the sweep",
                    "p95 " + ms(t.path("acquire_p95_ms")) + ", p99 " + ms(t.path("acquire_p99_ms")) + " over "
                            + t.path("acquires").asLong() + " acquires");
            item(h, "acquire timeouts", t.path("timeouts").asText("-"));
            item(h, "threads pending, most", t.path("pending_max").asText("-"));
            item(
                    h,
                    "connection usage",
                    ms(t.path("usage_alone_ms")) + " alone, " + ms(t.path("usage_sweep_ms")) + " in the sweep");
            h.append("</ul>\n");
            chart(h, t.path("series"));
        } else
            h.append("<p id=\"server-pool-absent\">Absent: ")
                    .append(VerdictPage.esc(t.path("unavailable_reason").asText("")))
                    .append("</p>\n");
        JsonNode m = view.path("api_metrics");
        h.append("<h3>Server time beside client time (OBP's API metrics)</h3>\n");
        if (m.path("available").asBoolean()) {
            h.append("<table id=\"server-endpoints\"><thead><tr><th>endpoint</th><th>server rows</th>")
                    .append("<th>server p50 ms</th><th>server p95 ms</th><th>client p95 ms</th><th>gap ms</th>")
                    .append("</tr></thead>\n<tbody>\n");
            for (JsonNode e : m.path("endpoints")) {
                h.append("<tr><td>")
                        .append(VerdictPage.esc(e.path("name").asText()))
                        .append("</td>");
                for (String f : new String[] {"count", "server_p50_ms", "server_p95_ms", "client_p95_ms", "gap_ms"})
                    h.append("<td class=\"num\">").append(e.path(f).asText("-")).append("</td>");
                h.append("</tr>\n");
            }
            h.append("</tbody></table>\n<p>")
                    .append(m.path("rows").asLong())
                    .append(" rows of the run read, ")
                    .append(m.path("unmatched_rows").asLong())
                    .append(" not one of the measured endpoints (setup, cleanup). Gap: the client's p95 minus the")
                    .append(" server's, time spent outside OBP's handler.</p>\n");
        } else
            h.append("<p id=\"server-endpoints-absent\">Absent: ")
                    .append(VerdictPage.esc(m.path("unavailable_reason").asText("")))
                    .append("</p>\n");
        return h.append("</section>\n").toString();
    }

    private static void item(StringBuilder h, String what, String value) {
        h.append("<li>")
                .append(VerdictPage.esc(what))
                .append(": ")
                .append(VerdictPage.esc(value))
                .append("</li>\n");
    }

    private static String ms(JsonNode n) {
        return n.isNumber() && n.asDouble() >= 0 ? n.asText() + " ms" : "-";
    }

    /** Mean acquire time per scrape interval (ms, left axis) and threads pending (right axis) over the run's time. */
    private static void chart(StringBuilder h, JsonNode series) {
        JsonNode t = series.path("t_ms");
        JsonNode acquire = series.path("acquire_ms");
        JsonNode pending = series.path("pending");
        int n = t.size();
        if (n < 2) return;
        double t0 = t.get(0).asDouble();
        double t1 = t.get(n - 1).asDouble();
        double maxAcquire = 1;
        double maxPending = 1;
        for (int i = 0; i < n; i++) {
            if (acquire.get(i).isNumber())
                maxAcquire = Math.max(maxAcquire, acquire.get(i).asDouble());
            maxPending = Math.max(maxPending, pending.get(i).asDouble());
        }
        h.append("<figure class=\"chart\" id=\"chart-server\" data-points=\"")
                .append(n)
                .append("\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" width=\"100%\" role=\"img\">");
        h.append("<polyline id=\"server-acquire-line\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\" points=\"");
        for (int i = 0; i < n; i++)
            if (acquire.get(i).isNumber())
                point(h, x(t.get(i).asDouble(), t0, t1), y(acquire.get(i).asDouble(), maxAcquire));
        h.append(
                "\"/><polyline id=\"server-pending-line\" fill=\"none\" stroke=\"#2c6fbb\" stroke-width=\"2\" points=\"");
        for (int i = 0; i < n; i++)
            point(h, x(t.get(i).asDouble(), t0, t1), y(pending.get(i).asDouble(), maxPending));
        h.append("\"/></svg><figcaption>Over the run (")
                .append(String.format(Locale.ROOT, "%.1f s", (t1 - t0) / 1000))
                .append("): the pool's mean acquire time per scrape, red, up to ")
                .append(Math.round(maxAcquire))
                .append(" ms; threads pending for a connection, blue, up to ")
                .append(Math.round(maxPending))
                .append("</figcaption></figure>\n");
    }

    private static double x(double t, double t0, double t1) {
        return t1 <= t0 ? 0 : (t - t0) / (t1 - t0) * (WIDTH - 10) + 5;
    }

    private static double y(double v, double max) {
        return HEIGHT - 5 - v / max * (HEIGHT - 10);
    }

    private static void point(StringBuilder h, double x, double y) {
        h.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
    }
}
