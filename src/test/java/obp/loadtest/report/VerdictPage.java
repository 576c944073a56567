package obp.loadtest.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The verdict page: one self-contained HTML file rendered from a summary (schema 1 or 2, read
 * tolerantly). Text and tables are rendered here, so the page reads and prints even without
 * scripts; the charts are drawn in the browser by the inlined uPlot from the summary embedded in
 * the page. A Content-Security-Policy forbids every request: the page cannot reach the network.
 */
public final class VerdictPage {

    /** Where the page links to: the Gatling report and the summary, as hrefs relative to the page; null = no link. */
    public record Links(String gatlingReport, String summary) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Evidence and caveats beyond this many lines are folded under "N more" (printing unfolds them). */
    private static final int LIST_FOLD = 8;

    // The page's own styles and scripts, and uPlot's, from src/test/resources/report/: inlined, so the page needs
    // no network.
    private static final String UPLOT_JS = resource("report/uPlot.iife.min.js");
    private static final String UPLOT_CSS = resource("report/uPlot.min.css");
    /** The first script: counts the page's own errors (and blocked requests) on the root element. */
    private static final String ERROR_TRAP = resource("report/error-trap.js");

    private static final String CSS = resource("report/page.css");
    /** Draws the charts from the embedded summary and makes the tables sortable. */
    private static final String PAGE_JS = resource("report/page.js");

    private VerdictPage() {}

    public static String render(JsonNode summary, Links links) {
        return render(summary, links, null, null);
    }

    /**
     * The page, or with {@code liveHeader} and {@code liveScript} the live page ({@link LiveDashboard}): the same
     * page with the live section first in {@code <main>}, its event stream (and Stop) allowed to reach the page's
     * own server, and the live script last.
     */
    static String render(JsonNode summary, Links links, String liveHeader, String liveScript) {
        StringBuilder h = new StringBuilder(96 * 1024);
        head(h, summary, liveScript != null);
        h.append("<body>\n<main>\n");
        main(h, summary, links, liveHeader);
        h.append("</main>\n");
        scripts(h, summary);
        if (liveScript != null) h.append("<script>").append(liveScript).append("</script>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** What {@code <main>} holds: the live page swaps it whole at each update. */
    static String main(JsonNode summary, Links links, String liveHeader) {
        StringBuilder h = new StringBuilder(64 * 1024);
        main(h, summary, links, liveHeader);
        return h.toString();
    }

    private static void main(StringBuilder h, JsonNode summary, Links links, String liveHeader) {
        if (liveHeader != null) h.append(liveHeader);
        verdictLine(h, summary, links);
        list(h, "evidence", "Evidence", summary.path("verdict").path("evidence"));
        list(h, "caveats", "Caveats", summary.path("verdict").path("caveats"));
        regressionNote(h, summary.path("history"));
        charts(h, summary);
        h.append(SearchSection.html(summary.get("search")));
        h.append(ServerSection.html(summary.get("server_view")));
        endpointTable(h, summary.path("endpoints"));
        pool(h, summary.path("pool"));
        generator(h, summary.path("generator"));
        history(h, summary.path("history"));
        baseline(h, summary.path("comparison"));
        settings(h, summary.path("settings"));
        footer(h, summary);
    }

    // --- sections ------------------------------------------------------------------------------

    /** The document's head: the policy that forbids every request, the title, the error trap and the styles. */
    private static void head(StringBuilder h, JsonNode summary, boolean live) {
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append(
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; ")
                // The live page's one addition: its event stream and its Stop reach the server that served it.
                .append(live ? "connect-src 'self'; " : "")
                .append("style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(esc(label(summary.path("verdict").path("name").asText("UNKNOWN"))))
                .append(" · obp-loadtest ")
                .append(esc(summary.path("started").asText("")))
                .append("</title>\n")
                // First script: anything that goes wrong later is counted on the page itself.
                .append("<script>")
                .append(ERROR_TRAP)
                .append("</script>\n")
                .append("<style>")
                .append(UPLOT_CSS)
                .append("</style>\n")
                .append("<style>")
                .append(CSS)
                .append("</style>\n</head>\n");
    }

    /** The one line read first (verdict, bottleneck, confidence, pass or fail), the headline, the run, the links. */
    private static void verdictLine(StringBuilder h, JsonNode summary, Links links) {
        JsonNode verdict = summary.path("verdict");
        String name = verdict.path("name").asText("UNKNOWN");
        boolean failure = verdict.path("failure").asBoolean(false);
        h.append("<header>\n<p id=\"verdict-line\" class=\"verdict ")
                .append(failure ? "fail" : "pass")
                .append("\">")
                .append("<span class=\"name\">")
                .append(esc(label(name)))
                .append("</span>");
        String bottleneck = verdict.path("bottleneck").asText("");
        String confidence = verdict.path("confidence").asText("");
        if (!bottleneck.isEmpty())
            h.append(" · bottleneck: <b>").append(esc(bottleneck)).append("</b>");
        if (!confidence.isEmpty())
            h.append(" · confidence: <b>").append(esc(confidence)).append("</b>");
        h.append(" · ").append(failure ? "FAIL" : "PASS");
        if (verdict.has("exit_code"))
            h.append(" (exit ").append(verdict.path("exit_code").asInt()).append(')');
        h.append("</p>\n");
        if (verdict.hasNonNull("headline"))
            h.append("<p class=\"headline\">")
                    .append(esc(verdict.path("headline").asText()))
                    .append("</p>\n");
        h.append("<p class=\"meta\">").append(esc(runLine(summary))).append("</p>\n");
        h.append("<nav>");
        if (links.gatlingReport() != null)
            h.append("<a id=\"gatling-link\" href=\"")
                    .append(esc(links.gatlingReport()))
                    .append("\">Gatling report</a> ");
        if (links.summary() != null)
            h.append("<a id=\"summary-link\" href=\"")
                    .append(esc(links.summary()))
                    .append("\">summary JSON</a> ");
        h.append("</nav>\n</header>\n");
    }

    /** "Over time": the pool's and the latency's charts (drawn by the page's script), with what is missing said. */
    private static void charts(StringBuilder h, JsonNode summary) {
        JsonNode pool = summary.path("pool");
        h.append("<section id=\"charts\">\n<h2>Over time</h2>\n");
        h.append("<figure class=\"chart\" id=\"chart-pool\" data-points=\"0\"><figcaption>Connection pool (sampled ")
                .append(
                        pool.path("sample_interval_ms").asLong(0) > 0
                                ? "every " + pool.path("sample_interval_ms").asLong() + " ms"
                                : "")
                .append(
                        "): active, idle and maximum connections (left axis), threads waiting for one (right axis); a dot on the axis = a failed sample</figcaption>");
        if (!pool.path("series").isArray() || pool.path("series").isEmpty()) {
            h.append("<p class=\"none\">No pool samples over time in this summary")
                    .append(
                            pool.hasNonNull("unavailable_reason")
                                    ? " (" + esc(pool.path("unavailable_reason").asText()) + ")"
                                    : "")
                    .append(".</p>");
        }
        h.append("</figure>\n");
        h.append("<div id=\"chart-latency\" data-points=\"0\">");
        if (!summary.path("timeline").path("groups").isArray()
                || summary.path("timeline").path("groups").isEmpty()) {
            h.append("<p class=\"none\">No latency timeline in this summary.</p>");
        }
        h.append("</div>\n");
        marksNote(h, summary.path("timeline").path("marks"));
        h.append("</section>\n");
    }

    private static void footer(StringBuilder h, JsonNode summary) {
        h.append("<footer>obp-loadtest verdict page · schema ")
                .append(esc(summary.path("schema").asText("?")))
                .append(" v")
                .append(summary.path("schema_version").asInt(0))
                .append(" · charts: uPlot 1.6.32 (MIT) inlined; this page makes no network request</footer>\n");
    }

    /** The summary the charts are drawn from, uPlot, the page's script and (with a search) the search's. */
    private static void scripts(StringBuilder h, JsonNode summary) {
        h.append("<script type=\"application/json\" id=\"summary-data\">")
                .append(embed(summary))
                .append("</script>\n")
                .append("<script>")
                .append(UPLOT_JS)
                .append("</script>\n")
                .append("<script>")
                .append(PAGE_JS)
                .append("</script>\n")
                .append(summary.has("search") ? "<script>" + SearchSection.JS + "</script>\n" : "");
    }

    private static String runLine(JsonNode s) {
        JsonNode set = s.path("settings");
        List<String> parts = new ArrayList<>();
        String target = set.path("target").asText("");
        parts.add(
                "emulator".equals(target)
                        ? "built-in OBP emulator"
                        : set.path("host").asText("?"));
        boolean described = set.hasNonNull("load-shape");
        if (described) parts.add("v7: " + set.path("load-shape").asText());
        else if (set.has("workers-v7")) parts.add("v7: " + olderShape(set));
        // The line names its preset; a summary from before it did not.
        if (!described && set.has("preset") && !"none".equals(set.path("preset").asText()))
            parts.add("preset " + set.path("preset").asText());
        if (set.has("request-timeout"))
            parts.add("request timeout " + set.path("request-timeout").asText());
        parts.add("started " + s.path("started").asText("?"));
        if (s.hasNonNull("finished")) parts.add("finished " + s.path("finished").asText());
        return String.join(" · ", parts);
    }

    /**
     * The v7 shape of a summary written before its settings carried {@code load-shape} (config/LoadShape writes
     * it now): an open-model run is a rate, not workers; a search is its stairs.
     */
    private static String olderShape(JsonNode set) {
        String users = set.path("users-v7").asText();
        if (set.path("search-v7").asBoolean(false))
            return "capacity search up to " + set.path("search-max-workers").asText("?") + " workers, "
                    + set.path("search-step-duration").asText("?") + " a level";
        if ("open".equals(set.path("model-v7").asText()) || set.path("rate-v7").asInt(0) > 0)
            return "open model, " + set.path("rate-v7").asText() + " sweeps/s × "
                    + set.path("duration-v7").asText() + ", " + users + " user(s)";
        String shape = !set.path("duration-v7").asText("0s").matches("0+(ms|s|m|h)?")
                ? set.path("duration-v7").asText()
                : set.path("loop-v7").asText() + " loops";
        return set.path("workers-v7").asText() + " workers × " + shape + ", " + users
                + ("1".equals(users) ? " user" : " users");
    }

    private static void list(StringBuilder h, String id, String title, JsonNode items) {
        if (!items.isArray() || items.isEmpty()) return;
        h.append("<section id=\"").append(id).append("\">\n<h2>").append(title).append("</h2>\n<ul>\n");
        // A long list (one line per endpoint) keeps its first lines in view and folds the rest.
        int shown = items.size() > LIST_FOLD + 2 ? LIST_FOLD : items.size();
        for (int i = 0; i < shown; i++)
            h.append("<li>").append(esc(items.get(i).asText())).append("</li>\n");
        h.append("</ul>\n");
        if (shown < items.size()) {
            h.append("<details class=\"more\"><summary>")
                    .append(items.size() - shown)
                    .append(" more</summary>\n<ul>\n");
            for (int i = shown; i < items.size(); i++)
                h.append("<li>").append(esc(items.get(i).asText())).append("</li>\n");
            h.append("</ul>\n</details>\n");
        }
        h.append("</section>\n");
    }

    private static void regressionNote(StringBuilder h, JsonNode history) {
        if (!history.path("regressed").asBoolean(false)) return;
        h.append("<p class=\"regression-note\">Regression against the median of the last ")
                .append(history.path("compared_with").size())
                .append(" runs of this shape: ");
        List<String> names = new ArrayList<>();
        for (JsonNode e : history.path("endpoints")) {
            if ("REGRESSION".equals(e.path("change").asText()))
                names.add(e.path("name").asText() + " (" + join(e.path("reasons")) + ")");
        }
        h.append(esc(String.join(", ", names))).append(" — see <a href=\"#history\">History</a>.</p>\n");
    }

    private static void marksNote(StringBuilder h, JsonNode marks) {
        if (!marks.isObject() || marks.isEmpty()) return;
        List<String> parts = new ArrayList<>();
        if (marks.has("first_slow_ms"))
            parts.add(
                    "first slow request at " + secs(marks.path("first_slow_ms").asLong()));
        if (marks.has("first_timeout_ms"))
            parts.add("first timeout at " + secs(marks.path("first_timeout_ms").asLong()));
        if (marks.has("stopped_early_ms"))
            parts.add("stopped early at " + secs(marks.path("stopped_early_ms").asLong()));
        if (!parts.isEmpty())
            h.append("<p class=\"marks\">Marked on the charts: ")
                    .append(esc(String.join(", ", parts)))
                    .append(".</p>\n");
    }

    private static final String[][] COLUMNS = {
        {"", "flag"},
        {"Endpoint", "text"},
        {"Group", "text"},
        {"Requests", "num"},
        {"p50 ms", "num"},
        {"p95 ms", "num"},
        {"p99 ms", "num"},
        {"max ms", "num"},
        {"baseline ms", "num"},
        {"inflation ×", "num"},
        {"slow", "num"},
        {"timeouts", "num"},
        {"unexpected", "num"},
        {"conn. errors", "num"},
        {"statuses", "text"},
        {"served by", "text"}
    };

    private static void endpointTable(StringBuilder h, JsonNode endpoints) {
        h.append("<section id=\"endpoints-section\">\n<h2>Endpoints</h2>\n")
                .append(
                        "<p class=\"hint\">Click a column header to sort. ⚑ marks the rows the verdict points at; ! marks rows with ")
                .append("timeouts, unexpected statuses, connection errors or slow requests.</p>\n")
                .append("<div class=\"scroll\"><table id=\"endpoints\" class=\"sortable\">\n<thead><tr>");
        for (String[] c : COLUMNS)
            h.append("<th data-type=\"")
                    .append(c[1])
                    .append("\" scope=\"col\">")
                    .append(esc(c[0]))
                    .append("</th>");
        h.append("</tr></thead>\n<tbody>\n");
        for (JsonNode e : endpoints) {
            boolean culprit = e.path("problem").asBoolean(false);
            boolean trouble = e.path("timeouts").asLong() > 0
                    || e.path("unexpected_statuses").asLong() > 0
                    || e.path("connection_errors").asLong() > 0
                    || e.path("slow").asLong() > 0;
            String cls = culprit ? " problem culprit" : trouble ? " problem" : "";
            h.append("<tr class=\"endpoint")
                    .append(cls)
                    .append("\" data-name=\"")
                    .append(esc(e.path("name").asText()))
                    .append("\">");
            String flag = culprit ? "⚑" : trouble ? "!" : "";
            cell(h, flag, culprit ? 2 : trouble ? 1 : 0);
            h.append("<td class=\"name\">")
                    .append(esc(e.path("name").asText()))
                    .append(e.path("stall_probe").asBoolean() ? " <small>(stall probe)</small>" : "")
                    .append("</td>");
            h.append("<td class=\"nw\">")
                    .append(esc(e.path("group").asText("")))
                    .append("</td>");
            num(h, e, "count");
            num(h, e, "p50_ms");
            num(h, e, "p95_ms");
            num(h, e, "p99_ms");
            num(h, e, "max_ms");
            num(h, e, "baseline_ms");
            if (e.hasNonNull("inflation")) {
                double inf = e.path("inflation").asDouble();
                cell(h, String.format(Locale.ROOT, "%.1f", inf), inf);
            } else {
                cell(h, "–", -1);
            }
            num(h, e, "slow");
            num(h, e, "timeouts");
            num(h, e, "unexpected_statuses");
            num(h, e, "connection_errors");
            h.append("<td class=\"nw\">")
                    .append(esc(statuses(e.path("statuses"))))
                    .append("</td>");
            h.append("<td>").append(esc(join(e.path("versions_served")))).append("</td>");
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n</section>\n");
    }

    private static void pool(StringBuilder h, JsonNode pool) {
        if (pool.isMissingNode()) return;
        h.append("<section id=\"pool\">\n<h2>Pool</h2>\n");
        if (!pool.path("available").asBoolean(false)) {
            h.append("<p>Not observed")
                    .append(
                            pool.hasNonNull("unavailable_reason")
                                    ? ": " + esc(pool.path("unavailable_reason").asText())
                                    : "")
                    .append(".</p>\n</section>\n");
            return;
        }
        h.append("<dl class=\"facts\">");
        fact(h, "maximum pool size", pool.path("maximum_pool_size").asText());
        fact(h, "most busy at once", pool.path("max_active").asText());
        fact(h, "most threads waiting", pool.path("max_waiting").asText());
        fact(h, "seconds saturated", pool.path("seconds_saturated").asText());
        fact(
                h,
                "samples (failed)",
                pool.path("samples").asText() + " ("
                        + pool.path("failed_samples").asText("0") + ")");
        fact(h, "slowest sample", pool.path("slowest_sample_ms").asText() + " ms");
        if (pool.has("connection_timeout_ms"))
            fact(h, "connection timeout", pool.path("connection_timeout_ms").asText() + " ms");
        if (pool.path("failure_reasons").isObject()
                && !pool.path("failure_reasons").isEmpty()) {
            fact(h, "failed samples by reason", statuses(pool.path("failure_reasons")));
        }
        h.append("</dl>\n</section>\n");
    }

    private static void generator(StringBuilder h, JsonNode g) {
        if (!g.isObject() || g.isEmpty()) return;
        h.append("<section id=\"generator\">\n<h2>Load generator</h2>\n<dl class=\"facts\">");
        if (g.has("cpu_share_max"))
            fact(h, "CPU share (max / mean)", pct(g.path("cpu_share_max")) + " / " + pct(g.path("cpu_share_mean")));
        if (g.has("lag_max_ms"))
            fact(
                    h,
                    "scheduling lag (max / p99)",
                    g.path("lag_max_ms").asText() + " / " + g.path("lag_p99_ms").asText() + " ms");
        if (g.has("limited"))
            fact(
                    h,
                    "generator-limited",
                    g.path("limited").asBoolean() ? "yes: the figures may be the generator's" : "no");
        h.append("</dl>\n</section>\n");
    }

    private static void history(StringBuilder h, JsonNode history) {
        if (!history.isObject()) return;
        h.append("<section id=\"history\">\n<h2>History</h2>\n");
        if (!history.path("compared").asBoolean(false)) {
            h.append("<p>Not compared: ")
                    .append(esc(history.path("reason").asText("no earlier runs")))
                    .append(".</p>\n");
        } else {
            h.append("<p>Compared with the median of the last ")
                    .append(history.path("compared_with").size())
                    .append(" runs of this shape (a regression: p95 above the median ×")
                    .append(history.path("regression_ratio").asText())
                    .append(" and 20 ms more, or more timeouts or unexpected statuses per request): <b>")
                    .append(history.path("regressed").asBoolean() ? "REGRESSION" : "no regression")
                    .append("</b>.</p>\n");
            h.append("<div class=\"scroll\"><table id=\"history-table\" class=\"sortable\"><thead><tr>")
                    .append(
                            "<th data-type=\"text\">Change</th><th data-type=\"text\">Endpoint</th><th data-type=\"num\">median p95 ms</th>")
                    .append(
                            "<th data-type=\"num\">p95 ms</th><th data-type=\"num\">median timeouts/req</th><th data-type=\"num\">timeouts/req</th>")
                    .append(
                            "<th data-type=\"num\">median unexpected/req</th><th data-type=\"num\">unexpected/req</th><th data-type=\"text\">why</th>")
                    .append("</tr></thead><tbody>\n");
            comparisonRows(
                    h,
                    history.path("endpoints"),
                    "median",
                    List.of(
                            P95,
                            new Measure("timeouts_per_request", true),
                            new Measure("unexpected_per_request", true)));
            h.append("</tbody></table></div>\n");
        }
        JsonNode trend = history.path("trend");
        if (trend.isArray() && trend.size() > 1) {
            h.append("<h3>Trend of the last ")
                    .append(trend.size())
                    .append(" runs of this shape</h3>\n")
                    .append(
                            "<figure class=\"chart\" id=\"chart-trend\" data-points=\"0\"><figcaption>p95 per run: the slowest endpoint, ")
                    .append("the median endpoint, and each regressed endpoint</figcaption></figure>\n")
                    .append(
                            "<div class=\"scroll\"><table id=\"trend-table\"><thead><tr><th>#</th><th>started</th><th>verdict</th>")
                    .append(
                            "<th>requests</th><th>timeouts</th><th>unexpected</th><th>slowest p95 ms</th></tr></thead><tbody>\n");
            int i = 1;
            for (JsonNode t : trend) {
                long worst = 0;
                for (Iterator<JsonNode> it = t.path("p95_ms").elements(); it.hasNext(); )
                    worst = Math.max(worst, it.next().asLong());
                h.append("<tr")
                        .append(i == trend.size() ? " class=\"current\"" : "")
                        .append("><td>")
                        .append(i++)
                        .append("</td><td>")
                        .append(esc(t.path("started").asText()))
                        .append("</td><td>")
                        .append(esc(label(t.path("verdict").asText())))
                        .append("</td><td>")
                        .append(t.path("requests").asLong())
                        .append("</td><td>")
                        .append(t.path("timeouts").asLong())
                        .append("</td><td>")
                        .append(t.path("unexpected_statuses").asLong())
                        .append("</td><td>")
                        .append(worst)
                        .append("</td></tr>\n");
            }
            h.append("</tbody></table></div>\n");
        }
        h.append("</section>\n");
    }

    private static void baseline(StringBuilder h, JsonNode c) {
        if (!c.isObject() || !c.path("endpoints").isArray()) return;
        h.append("<section id=\"baseline\">\n<h2>Compared with the baseline")
                .append(
                        c.hasNonNull("baseline_started")
                                ? " of " + esc(c.path("baseline_started").asText())
                                : "")
                .append("</h2>\n")
                .append("<p><b>")
                .append(c.path("regressed").asBoolean() ? "REGRESSION" : "no regression")
                .append("</b></p>\n")
                .append(
                        "<div class=\"scroll\"><table id=\"baseline-table\" class=\"sortable\"><thead><tr><th data-type=\"text\">Change</th>")
                .append(
                        "<th data-type=\"text\">Endpoint</th><th data-type=\"num\">baseline p95 ms</th><th data-type=\"num\">p95 ms</th>")
                .append(
                        "<th data-type=\"num\">baseline timeouts</th><th data-type=\"num\">timeouts</th><th data-type=\"text\">why</th></tr></thead><tbody>\n");
        comparisonRows(h, c.path("endpoints"), "baseline", List.of(P95, new Measure("timeouts", false)));
        h.append("</tbody></table></div>\n</section>\n");
    }

    /** A column pair of a comparison: a field of the reference and of this run, decimal (3 places) or whole. */
    private record Measure(String field, boolean decimal) {}

    private static final Measure P95 = new Measure("p95_ms", false);

    /**
     * A comparison's rows (with the history, or with the baseline), one an endpoint: its change (a regression is
     * marked), its name, each measure as the reference had it and as this run has it, and why it changed.
     */
    private static void comparisonRows(StringBuilder h, JsonNode endpoints, String reference, List<Measure> measures) {
        for (JsonNode e : endpoints) {
            String change = e.path("change").asText();
            h.append("<tr class=\"")
                    .append("REGRESSION".equals(change) ? "problem culprit" : "")
                    .append("\"><td>")
                    .append(esc(change))
                    .append("</td><td class=\"name\">")
                    .append(esc(e.path("name").asText()))
                    .append("</td>");
            for (Measure m : measures) {
                for (String side : List.of(reference, "current")) {
                    if (m.decimal()) dec(h, e.path(side), m.field());
                    else num(h, e.path(side), m.field());
                }
            }
            h.append("<td>")
                    .append(esc("OK".equals(change) ? "" : join(e.path("reasons"))))
                    .append("</td></tr>\n");
        }
    }

    private static void settings(StringBuilder h, JsonNode settings) {
        if (!settings.isObject()) return;
        h.append(
                "<details id=\"settings\"><summary>Settings of this run (secrets masked)</summary>\n<dl class=\"facts\">");
        for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            fact(
                    h,
                    f.getKey(),
                    f.getValue().isValueNode()
                            ? f.getValue().asText()
                            : f.getValue().toString());
        }
        h.append("</dl>\n</details>\n");
    }

    // --- small helpers -------------------------------------------------------------------------

    private static void fact(StringBuilder h, String k, String v) {
        h.append("<dt>").append(esc(k)).append("</dt><dd>").append(esc(v)).append("</dd>");
    }

    private static void num(StringBuilder h, JsonNode e, String field) {
        if (e.hasNonNull(field)) cell(h, e.path(field).asText(), e.path(field).asDouble());
        else cell(h, "–", -1);
    }

    private static void dec(StringBuilder h, JsonNode e, String field) {
        if (e.hasNonNull(field))
            cell(
                    h,
                    String.format(Locale.ROOT, "%.3f", e.path(field).asDouble()),
                    e.path(field).asDouble());
        else cell(h, "–", -1);
    }

    private static void cell(StringBuilder h, String text, double sortValue) {
        h.append("<td class=\"n\" data-v=\"")
                .append(sortValue)
                .append("\">")
                .append(esc(text))
                .append("</td>");
    }

    private static String statuses(JsonNode statuses) {
        List<String> parts = new ArrayList<>();
        statuses.fields()
                .forEachRemaining(f -> parts.add(f.getKey() + "×" + f.getValue().asText()));
        return String.join(" ", parts);
    }

    private static String join(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(n -> parts.add(n.asText()));
        return String.join("; ", parts);
    }

    private static String pct(JsonNode share) {
        return share.isMissingNode() ? "?" : String.format(Locale.ROOT, "%.0f%%", share.asDouble() * 100);
    }

    private static String secs(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    static String label(String verdictName) {
        return verdictName.replace('_', ' ');
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The summary as a JSON script body: no '<' survives, so no text can close the script element. */
    private static String embed(JsonNode summary) {
        try {
            return JSON.writeValueAsString(summary)
                    .replace("<", "\\u003c")
                    .replace("\u2028", "\\u2028")
                    .replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary cannot be embedded", e);
        }
    }

    /** A text file on the classpath, whole, as UTF-8. */
    static String resource(String name) {
        try (InputStream in = VerdictPage.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name + " on the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
