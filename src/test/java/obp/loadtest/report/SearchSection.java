package obp.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The verdict page's "Capacity search" section, from the summary's {@code search} section (absent
 * without --search-v7): the knee and breaking-point lines, the table of levels, and a chart of
 * throughput and p95 against workers with the pool's waiting threads as a third line.
 */
final class SearchSection {

    private SearchSection() {}

    /** The section's HTML, or "" when the summary has no search. */
    static String html(JsonNode search) {
        if (search == null || !search.path("levels").isArray()) return "";
        StringBuilder h = new StringBuilder("<section id=\"search\">\n<h2>Capacity search</h2>\n<ul>\n");
        h.append("<li id=\"search-knee\">")
                .append(VerdictPage.esc(search.path("knee").path("line").asText("")))
                .append("</li>\n");
        h.append("<li id=\"search-breaking\">")
                .append(VerdictPage.esc(
                        search.path("breaking_point").path("line").asText("")))
                .append("</li>\n</ul>\n");
        h.append(
                        "<figure class=\"chart\" id=\"chart-search\" data-points=\"0\"><figcaption>Per level of workers: throughput (req/s, left axis), ")
                .append("p95 (ms) and threads waiting for a pool connection (right axis)</figcaption></figure>\n");
        h.append(
                        "<table id=\"search-levels\"><thead><tr><th>workers</th><th>requests</th><th>req/s</th><th>p50 ms</th><th>p95 ms</th>")
                .append(
                        "<th>errors</th><th>timeouts</th><th>pool active</th><th>pool waiting</th><th>inflation</th><th>in flight</th>")
                .append("<th>note</th></tr></thead>\n<tbody>\n");
        for (JsonNode l : search.path("levels")) {
            h.append("<tr")
                    .append(l.path("failed").asBoolean() ? " class=\"fail\"" : "")
                    .append('>');
            for (String f : new String[] {
                "workers",
                "requests",
                "throughput_per_s",
                "p50_ms",
                "p95_ms",
                "errors",
                "timeouts",
                "pool_max_active",
                "pool_max_waiting",
                "inflation",
                "in_flight"
            }) {
                h.append("<td>")
                        .append(l.has(f) ? VerdictPage.esc(l.path(f).asText()) : "-")
                        .append("</td>");
            }
            String note = l.path("failed").asBoolean()
                    ? "failed: " + l.path("verdict").asText("")
                    : l.path("generator_limited").asBoolean()
                            ? "fewer in flight than workers: generator or network limited"
                            : "";
            h.append("<td>").append(VerdictPage.esc(note)).append("</td></tr>\n");
        }
        return h.append("</tbody></table>\n</section>\n").toString();
    }

    /** Draws #chart-search with uPlot (already on the page); does nothing without it. */
    static final String JS = VerdictPage.resource("report/search.js");
}
