package obp.loadtest.ci;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run as JUnit XML, the Ant/Jenkins dialect Jenkins, GitLab and GitHub test reporters read:
 * a test suite per phase (accounts, consents, v7 sweep) with a test case per endpoint, then a
 * suite "verdict" with one case for the verdict and one per threshold. Built from the summary
 * JSON (read as a tree, missing fields tolerated), so it shows exactly what the summary says.
 *
 * <p>An endpoint's case fails when it had timeouts, unexpected statuses or connection errors (slow
 * requests too under --strict) or missed a threshold naming it; the stall probe's timeouts are the
 * verdict's evidence, not a failure of the probe. The failure message carries the figures.
 */
public final class JUnitReport {

    static final String VERDICT_SUITE = "verdict";
    private static final String CLASS_PREFIX = "obp-loadtest.";

    private JUnitReport() {}

    /**
     * Writes the report.
     *
     * @param causeFailed whether the verdict's cause failed the run (a run failed only by thresholds has a passing verdict case)
     */
    public static void write(JsonNode summary, boolean causeFailed, Path file) throws IOException {
        write(file, render(summary, causeFailed));
    }

    /** The one place report text reaches a file. */
    private static void write(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Files.writeString(file, obp.loadtest.report.Redactor.redact(text));
    }

    /** A test case: name, class name, failure (type and message, null when it passed) and figures. */
    private record Case(String name, String classname, String failureType, String failureMessage, String out) {}

    static String render(JsonNode summary, boolean causeFailed) {
        Map<String, List<Case>> suites = new LinkedHashMap<>();
        boolean strict = summary.path("settings").path("strict").asBoolean(false);
        for (JsonNode e : summary.path("endpoints")) {
            String phase = phase(e.path("group").asText(""));
            suites.computeIfAbsent(phase, p -> new ArrayList<>())
                    .add(endpointCase(e, phase, strict, summary.path("thresholds")));
        }
        List<Case> verdict = new ArrayList<>();
        verdict.add(verdictCase(summary.path("verdict"), causeFailed));
        for (JsonNode t : summary.path("thresholds")) verdict.add(thresholdCase(t));
        suites.put(VERDICT_SUITE, verdict);

        String timestamp = summary.path("started").asText("");
        int tests = 0;
        int failures = 0;
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, List<Case>> suite : suites.entrySet()) {
            List<Case> cases = suite.getValue();
            long failed = cases.stream().filter(c -> c.failureType() != null).count();
            tests += cases.size();
            failures += (int) failed;
            body.append("  <testsuite name=\"")
                    .append(attr(suite.getKey()))
                    .append("\" tests=\"")
                    .append(cases.size())
                    .append("\" failures=\"")
                    .append(failed)
                    .append("\" errors=\"0\" skipped=\"0\"");
            if (!timestamp.isEmpty())
                body.append(" timestamp=\"").append(attr(timestamp)).append('"');
            body.append(">\n");
            for (Case c : cases) {
                body.append("    <testcase name=\"")
                        .append(attr(c.name()))
                        .append("\" classname=\"")
                        .append(attr(c.classname()))
                        .append('"');
                if (c.failureType() == null && c.out() == null) {
                    body.append("/>\n");
                    continue;
                }
                body.append(">\n");
                if (c.failureType() != null) {
                    body.append("      <failure type=\"")
                            .append(attr(c.failureType()))
                            .append("\" message=\"")
                            .append(attr(c.failureMessage()))
                            .append("\">")
                            .append(text(c.failureMessage()))
                            .append("</failure>\n");
                }
                if (c.out() != null)
                    body.append("      <system-out>").append(text(c.out())).append("</system-out>\n");
                body.append("    </testcase>\n");
            }
            body.append("  </testsuite>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites name=\"obp-loadtest\" tests=\"" + tests + "\" failures=\"" + failures
                + "\" errors=\"0\">\n"
                + body + "</testsuites>\n";
    }

    /** accounts, consents, v7 sweep (every v7 group, the write round trip included); anything else by its own name. */
    static String phase(String group) {
        if (group.startsWith("v7 ")) return "v7 sweep";
        return group.isEmpty() ? "ungrouped" : group;
    }

    private static Case endpointCase(JsonNode e, String phase, boolean strict, JsonNode thresholds) {
        String name = e.path("name").asText("?");
        boolean stallProbe = e.path("stall_probe").asBoolean(false);
        long timeouts = e.path("timeouts").asLong(0);
        long unexpected = e.path("unexpected_statuses").asLong(0);
        long connectionErrors = e.path("connection_errors").asLong(0);
        long slow = e.path("slow").asLong(0);
        List<String> why = new ArrayList<>();
        List<String> types = new ArrayList<>();
        if (!stallProbe && timeouts > 0) {
            why.add(timeouts + " timeout" + plural(timeouts) + causes(e.path("timeout_causes")) + range(e));
            types.add("timeouts");
        }
        if (!stallProbe && unexpected > 0) {
            why.add(unexpected + " unexpected status" + (unexpected == 1 ? "" : "es"));
            types.add("unexpected-statuses");
        }
        if (!stallProbe && connectionErrors > 0) {
            why.add(connectionErrors + " connection error" + plural(connectionErrors));
            types.add("connection-errors");
        }
        if (!stallProbe && strict && slow > 0) {
            why.add(slow + " slow request" + plural(slow) + " (--strict)");
            types.add("slow");
        }
        for (JsonNode t : thresholds) {
            if (name.equals(t.path("target").asText()) && !t.path("met").asBoolean(true)) {
                why.add("threshold missed: " + t.path("text").asText() + " (measured " + measured(t) + ")");
                types.add("threshold");
            }
        }
        String figures = figures(e);
        String out = stallProbe && timeouts > 0
                ? figures + "\nstall probe: its " + timeouts + " timeout" + plural(timeouts)
                        + " are evidence for the verdict, not a failure of this endpoint"
                : null;
        if (why.isEmpty()) return new Case(name, CLASS_PREFIX + phase, null, null, out);
        return new Case(
                name, CLASS_PREFIX + phase, String.join(",", types), String.join("; ", why) + " — " + figures, out);
    }

    /** "12 requests: p50 4 ms, p95 1003 ms, p99 1004 ms, max 1004 ms; statuses 200×9 none×3". */
    static String figures(JsonNode e) {
        return e.path("count").asLong(0) + " requests: p50 " + e.path("p50_ms").asLong(0) + " ms, p95 "
                + e.path("p95_ms").asLong(0) + " ms, p99 " + e.path("p99_ms").asLong(0) + " ms, max "
                + e.path("max_ms").asLong(0) + " ms; statuses " + statuses(e.path("statuses"));
    }

    static String statuses(JsonNode statuses) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = statuses.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> s = it.next();
            parts.add(("0".equals(s.getKey()) ? "none" : s.getKey()) + "×"
                    + s.getValue().asLong());
        }
        return parts.isEmpty() ? "-" : String.join(" ", parts);
    }

    private static String causes(JsonNode causes) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = causes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> c = it.next();
            parts.add(c.getKey().toLowerCase(Locale.ROOT).replace('_', ' ') + " ×"
                    + c.getValue().asLong());
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static String range(JsonNode e) {
        if (!e.has("timeout_min_ms")) return "";
        long min = e.path("timeout_min_ms").asLong();
        long max = e.path("timeout_max_ms").asLong();
        return min == max ? " after " + min + " ms" : " after " + min + "–" + max + " ms";
    }

    private static Case verdictCase(JsonNode v, boolean causeFailed) {
        String name = v.path("name").asText("UNKNOWN");
        String headline = v.path("headline").asText(name);
        StringBuilder out = new StringBuilder(headline);
        for (JsonNode line : v.path("evidence")) out.append("\n- ").append(line.asText());
        if (!causeFailed)
            return new Case("verdict: " + headline, CLASS_PREFIX + VERDICT_SUITE, null, null, out.toString());
        List<String> evidence = new ArrayList<>();
        for (JsonNode line : v.path("evidence")) evidence.add(line.asText());
        return new Case(
                "verdict: " + headline,
                CLASS_PREFIX + VERDICT_SUITE,
                name,
                headline + (evidence.isEmpty() ? "" : " — " + String.join("; ", evidence)),
                out.toString());
    }

    private static Case thresholdCase(JsonNode t) {
        String text = t.path("text").asText("?");
        String detail =
                "measured " + measured(t) + ", limit " + t.path("condition").asText(text);
        if (t.path("met").asBoolean(false))
            return new Case("threshold: " + text, CLASS_PREFIX + "thresholds", null, null, detail);
        return new Case(
                "threshold: " + text,
                CLASS_PREFIX + "thresholds",
                "threshold",
                "missed: " + text + " — " + detail,
                null);
    }

    /** "p95 12 ms", or "no requests" when nothing was measured. */
    static String measured(JsonNode t) {
        if (!t.hasNonNull("measured")) return "no requests";
        double m = t.path("measured").asDouble();
        String number = m == Math.rint(m) ? Long.toString((long) m) : String.format(Locale.ROOT, "%.1f", m);
        String unit = t.path("unit").asText("");
        return t.path("metric").asText("") + " " + number + ("ms".equals(unit) ? " ms" : unit);
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }

    private static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;");
    }

    /** XML-escaped, with characters XML 1.0 cannot hold dropped. */
    private static String text(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> {
                    if (c == 0x9
                            || c == 0xA
                            || c == 0xD
                            || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD)
                            || c >= 0x10000) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
