package obp.loadtest.ci;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The run in GitHub-flavoured Markdown (last_run.md, and the job summary on GitHub): the verdict
 * first, its evidence, the thresholds, the endpoint table, the comparison with the baseline.
 * Built from the summary JSON read as a tree, so missing fields leave cells empty, never fail.
 */
public final class MarkdownReport {

    private MarkdownReport() {}

    /** Writes the page to {@code file}, and appends it to {@code stepSummary} when that is given (GitHub's $GITHUB_STEP_SUMMARY). */
    public static void write(JsonNode summary, Path file, Path stepSummary) throws IOException {
        String page = render(summary);
        write(file, page, false);
        if (stepSummary != null) write(stepSummary, page, true);
    }

    /** The one place report text reaches a file. */
    private static void write(Path file, String text, boolean append) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        if (append) {
            Files.writeString(
                    file,
                    obp.loadtest.report.Redactor.redact(text) + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } else {
            Files.writeString(file, obp.loadtest.report.Redactor.redact(text));
        }
    }

    static String render(JsonNode s) {
        StringBuilder md = new StringBuilder();
        verdict(md, s);
        lines(md, "Evidence", s.path("verdict").path("evidence"));
        lines(md, "Caveats", s.path("verdict").path("caveats"));
        thresholds(md, s.path("thresholds"));
        endpoints(md, s.path("endpoints"));
        serverView(md, s.path("server_view"));
        comparison(md, s.path("comparison"));
        return md.toString();
    }

    /** The server's own view: its pool's meters (Telemetry) and its time beside ours per endpoint (API metrics). */
    private static void serverView(StringBuilder md, JsonNode view) {
        if (!view.isObject()) return;
        md.append("### The server's own view\n\n");
        JsonNode t = view.path("telemetry");
        if (t.path("available").asBoolean(false))
            md.append("Pool (Telemetry): acquire p95 ")
                    .append(t.path("acquire_p95_ms").asText("-"))
                    .append(" ms, p99 ")
                    .append(t.path("acquire_p99_ms").asText("-"))
                    .append(" ms, ")
                    .append(t.path("timeouts").asText("0"))
                    .append(" acquire timeouts, up to ")
                    .append(t.path("pending_max").asText("0"))
                    .append(" threads pending, usage ")
                    .append(t.path("usage_alone_ms").asText("-"))
                    .append(" ms alone → ")
                    .append(t.path("usage_sweep_ms").asText("-"))
                    .append(" ms in the sweep\n\n");
        else
            md.append("Pool (Telemetry): absent — ")
                    .append(inline(t.path("unavailable_reason").asText("")))
                    .append("\n\n");
        JsonNode m = view.path("api_metrics");
        if (!m.path("available").asBoolean(false)) {
            md.append("API metrics: absent — ")
                    .append(inline(m.path("unavailable_reason").asText("")))
                    .append("\n\n");
            return;
        }
        table(md, List.of("Endpoint", "Server rows", "Server p95 ms", "Client p95 ms", "Gap ms"));
        for (JsonNode e : m.path("endpoints"))
            row(
                    md,
                    List.of(
                            inline(e.path("name").asText()),
                            e.path("count").asText(),
                            e.path("server_p95_ms").asText("-"),
                            e.path("client_p95_ms").asText("-"),
                            e.path("gap_ms").asText("-")));
        md.append('\n');
    }

    /** The heading (pass or fail, the headline, thresholds missed) and the run's line: exit code, target, times. */
    private static void verdict(StringBuilder md, JsonNode s) {
        JsonNode v = s.path("verdict");
        boolean failed = v.path("failure").asBoolean(false);
        long missedThresholds = 0;
        for (JsonNode t : s.path("thresholds")) if (!t.path("met").asBoolean(false)) missedThresholds++;
        md.append("## ")
                .append(failed ? "❌ FAIL" : "✅ PASS")
                .append(": ")
                .append(inline(v.path("headline").asText(v.path("name").asText("no verdict"))));
        // The cause stays as diagnosed; say at once when thresholds are what failed the run.
        if (missedThresholds > 0)
            md.append(" · ")
                    .append(missedThresholds)
                    .append(missedThresholds == 1 ? " threshold" : " thresholds")
                    .append(" missed");
        md.append("\n\n");
        md.append("obp-loadtest · exit code ").append(v.path("exit_code").asText("?"));
        String target = s.path("settings").path("target").asText("");
        if (!target.isEmpty())
            md.append(" · ")
                    .append(inline(
                            target.equals("emulator")
                                    ? "built-in emulator"
                                    : s.path("settings").path("host").asText(target)));
        if (s.has("started"))
            md.append(" · ")
                    .append(inline(seconds(s.path("started").asText())))
                    .append(" → ")
                    .append(inline(seconds(s.path("finished").asText(""))));
        md.append("\n\n");
    }

    /** A titled list, one item a line; nothing when there is none. */
    private static void lines(StringBuilder md, String title, JsonNode items) {
        if (items.size() == 0) return;
        md.append("### ").append(title).append("\n\n");
        for (JsonNode line : items)
            md.append("- ").append(inline(line.asText())).append('\n');
        md.append('\n');
    }

    private static void thresholds(StringBuilder md, JsonNode thresholds) {
        if (thresholds.size() == 0) return;
        long missed = 0;
        for (JsonNode t : thresholds) if (!t.path("met").asBoolean(false)) missed++;
        md.append("### Thresholds: ")
                .append(
                        missed == 0
                                ? "all " + thresholds.size() + " met"
                                : missed + " of " + thresholds.size() + " missed")
                .append("\n\n");
        table(md, List.of("Result", "Threshold", "Measured", "Limit"));
        for (JsonNode t : thresholds) {
            row(
                    md,
                    List.of(
                            t.path("met").asBoolean(false) ? "✅ met" : "❌ missed",
                            "`" + t.path("text").asText().replace("`", "'") + "`",
                            JUnitReport.measured(t),
                            t.path("condition").asText("")));
        }
        md.append('\n');
    }

    /** One row an endpoint; the ones the verdict points at in bold. */
    private static void endpoints(StringBuilder md, JsonNode endpoints) {
        md.append("### Endpoints\n\n");
        table(
                md,
                List.of(
                        "Group",
                        "Endpoint",
                        "Count",
                        "p50 ms",
                        "p95 ms",
                        "p99 ms",
                        "Max ms",
                        "Statuses",
                        "Timeouts",
                        "Unexpected",
                        "Conn. errors"));
        for (JsonNode e : endpoints) {
            boolean problem = e.path("problem").asBoolean(false);
            String name = inline(e.path("name").asText());
            row(
                    md,
                    List.of(
                            inline(e.path("group").asText()),
                            problem ? "**" + name + "**" : name,
                            num(e, "count"),
                            num(e, "p50_ms"),
                            num(e, "p95_ms"),
                            num(e, "p99_ms"),
                            num(e, "max_ms"),
                            JUnitReport.statuses(e.path("statuses")),
                            num(e, "timeouts"),
                            num(e, "unexpected_statuses"),
                            num(e, "connection_errors")));
        }
        md.append('\n');
    }

    /** With --baseline: each endpoint's change, then → now. */
    private static void comparison(StringBuilder md, JsonNode comparison) {
        if (!comparison.isObject()) return;
        md.append("### Compared with the baseline");
        if (comparison.hasNonNull("baseline_started"))
            md.append(" of ").append(inline(comparison.path("baseline_started").asText()));
        md.append(": ")
                .append(comparison.path("regressed").asBoolean(false) ? "REGRESSION" : "no regression")
                .append("\n\n");
        table(md, List.of("Change", "Endpoint", "p95 ms then → now", "Timeouts then → now", "Why"));
        for (JsonNode d : comparison.path("endpoints")) {
            List<String> reasons = new ArrayList<>();
            for (JsonNode r : d.path("reasons")) reasons.add(r.asText());
            row(
                    md,
                    List.of(
                            d.path("change").asText(""),
                            inline(d.path("name").asText()),
                            then(d, "p95_ms"),
                            then(d, "timeouts"),
                            inline(String.join("; ", reasons))));
        }
        md.append('\n');
    }

    /** An ISO instant to the second: 2026-11-24T00:41:29Z. */
    private static String seconds(String instant) {
        return instant.replaceAll("\\.\\d+Z$", "Z");
    }

    private static String then(JsonNode delta, String field) {
        String before = delta.path("baseline").has(field)
                ? delta.path("baseline").path(field).asText()
                : "–";
        String now = delta.path("current").has(field)
                ? delta.path("current").path(field).asText()
                : "–";
        return before + " → " + now;
    }

    private static String num(JsonNode e, String field) {
        return e.has(field) ? e.path(field).asText() : "";
    }

    private static void table(StringBuilder md, List<String> headers) {
        row(md, headers);
        md.append('|');
        headers.forEach(h -> md.append("---|"));
        md.append('\n');
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append('|');
        for (String c : cells) md.append(' ').append(c.replace("|", "\\|")).append(" |");
        md.append('\n');
    }

    /** Text on one line, with Markdown's own characters shown as themselves. */
    static String inline(String s) {
        return s.replace("\r", " ").replace("\n", " ").replaceAll("([\\\\`*_\\[\\]<>#])", "\\\\$1");
    }
}
