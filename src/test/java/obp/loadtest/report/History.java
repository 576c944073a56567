package obp.loadtest.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import obp.loadtest.config.RunShape;
import obp.loadtest.verdict.BaselineComparison;
import obp.loadtest.verdict.RunSummary;

/**
 * The run's history: every summary is kept in a folder, and a run is compared with the median of
 * the last {@value #WINDOW} earlier runs of the same shape (host, workers, users, loops or duration,
 * preset). The comparison itself is {@link BaselineComparison}'s, against a baseline made of the
 * per-endpoint medians, so an explicit {@code --baseline} and the history flag regressions alike.
 */
public final class History {

    /** How many earlier runs of the same shape the median is taken over. */
    public static final int WINDOW = 5;
    /** Fewer earlier runs than this and one odd run would decide the median: no comparison yet. */
    public static final int MIN_RUNS = 3;
    /** Same rule as --baseline: p95 above the median × this (and more than 20 ms above) regresses. */
    public static final double REGRESSION_RATIO = 1.2;
    /** A p95 rise on fewer requests than this in the current run is noise, not a regression (timeouts still count). */
    static final int FEWEST_FOR_P95 = 5;
    /** How many runs (this one included) the trend shows. */
    public static final int TREND = 10;

    /** Verdicts of runs that did not run their course: kept, but never part of a median. */
    private static final Set<String> INCOMPLETE = Set.of("INTERRUPTED", "SETUP_FAILED");

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The summary's "history" section (its "regressed" says whether this run regressed) and the console lines that say the same. */
    public record Result(ObjectNode section, List<String> lines) {}

    private History() {}

    /** The shape of a run: the settings that must match for two runs to be compared. */
    public static ObjectNode shape(JsonNode summary) {
        JsonNode settings = summary.path("settings");
        ObjectNode shape = JSON.createObjectNode();
        boolean emulator = "emulator".equals(settings.path("target").asText());
        for (String key : RunShape.COMPARABLE) {
            JsonNode v = settings.get(key);
            // The embedded emulator's host is a fresh port each run: every emulator run is one host.
            if (key.equals("host") && emulator) shape.put(key, "embedded emulator");
            else if (v != null && !v.isNull()) shape.set(key, v);
        }
        return shape;
    }

    /** Every readable summary in the folder, oldest first; unreadable files are skipped. */
    public static List<JsonNode> load(Path folder) {
        if (!Files.isDirectory(folder)) return List.of();
        List<JsonNode> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .toList()) {
                try {
                    JsonNode n = JSON.readTree(f.toFile());
                    if (n != null
                            && RunSummary.SCHEMA.equals(n.path("schema").asText())
                            && n.path("endpoints").isArray()) runs.add(n);
                } catch (IOException e) {
                    // a half-written or foreign file is not history
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        runs.sort(Comparator.comparing(n -> n.path("started").asText()));
        return runs;
    }

    /** The file name a run is kept under: its start time, safe on every file system. */
    public static String fileName(JsonNode summary) {
        String started = summary.path("started").asText("unknown");
        return started.replace(':', '-') + ".json";
    }

    /**
     * Compares {@code current} with the median of the last {@value #WINDOW} complete runs of the same
     * shape among {@code earlier} (oldest first; the current run must not be among them).
     */
    public static Result compare(JsonNode current, List<JsonNode> earlier, String folder) {
        ObjectNode shape = shape(current);
        List<JsonNode> same =
                earlier.stream().filter(r -> shape(r).equals(shape)).toList();
        List<JsonNode> complete = same.stream()
                .filter(r -> !INCOMPLETE.contains(r.path("verdict").path("name").asText()))
                .toList();
        List<JsonNode> window = complete.subList(Math.max(0, complete.size() - WINDOW), complete.size());

        ObjectNode section = JSON.createObjectNode();
        section.put("folder", folder);
        section.set("shape", shape);
        section.put("earlier_runs", same.size());
        section.put("window", WINDOW);
        section.put("regression_ratio", REGRESSION_RATIO);
        ArrayNode with = section.putArray("compared_with");
        List<String> lines = new ArrayList<>();
        String currentVerdict = current.path("verdict").path("name").asText();
        if (INCOMPLETE.contains(currentVerdict)) {
            section.put("compared", false);
            section.put("reason", "this run did not run its course (" + currentVerdict + ")");
            lines.add("history: not compared: this run did not run its course (" + currentVerdict + "); kept in "
                    + folder);
        } else if (window.size() < MIN_RUNS) {
            section.put("compared", false);
            section.put(
                    "reason",
                    window.size() + " earlier complete run" + (window.size() == 1 ? "" : "s")
                            + " of this shape; the comparison starts at " + MIN_RUNS);
            lines.add("history: " + window.size() + " earlier complete run" + (window.size() == 1 ? "" : "s")
                    + " of this shape in " + folder + "; comparison with their median starts at " + MIN_RUNS);
        } else {
            window.forEach(r -> with.add(r.path("started").asText()));
            BaselineComparison c = withinSpread(
                    BaselineComparison.compare(toSummary(median(window)), toSummary(current), REGRESSION_RATIO),
                    window);
            boolean regressed = c.regressed();
            section.put("compared", true);
            section.put("regressed", regressed);
            ArrayNode endpoints = section.putArray("endpoints");
            Map<String, JsonNode> med = byName(median(window));
            for (BaselineComparison.EndpointDelta d : c.endpoints()) {
                ObjectNode e = endpoints.addObject();
                e.put("name", d.name());
                e.put("change", d.change().name());
                JsonNode m = med.get(d.name());
                if (m != null) e.set("median", m);
                JsonNode now = byName(current).get(d.name());
                if (now != null) e.set("current", numbers(now));
                ArrayNode reasons = e.putArray("reasons");
                d.reasons().forEach(reasons::add);
            }
            String against = "the median of the last " + window.size() + " runs of this shape";
            if (!regressed) {
                lines.add("history: no regression against " + against);
            } else {
                lines.add(
                        "history: REGRESSION against " + against + " (p95 above ×" + REGRESSION_RATIO
                                + " the median and the slowest of them, and 20 ms more; or more timeouts/unexpected statuses per request):");
                c.endpoints().stream()
                        .filter(d -> d.change() == BaselineComparison.Change.REGRESSION)
                        .forEach(d -> lines.add("  " + d.name() + ": " + String.join("; ", d.reasons())));
            }
        }
        List<JsonNode> trendRuns = new ArrayList<>(same);
        trendRuns.add(current);
        section.set("trend", trend(trendRuns.subList(Math.max(0, trendRuns.size() - TREND), trendRuns.size())));
        return new Result(section, lines);
    }

    /**
     * Run-to-run noise guard: a p95 counts as a regression only when it is also above the slowest of
     * the compared runs × the ratio. What one of the last five runs already showed is the spread of
     * this machine, not a change (seen on a busy 2-core machine: one endpoint's p95 from 14 to 273 ms
     * across five identical runs). Timeout and unexpected-status regressions are kept as they are.
     */
    private static BaselineComparison withinSpread(BaselineComparison c, List<JsonNode> window) {
        List<BaselineComparison.EndpointDelta> out = new ArrayList<>();
        for (BaselineComparison.EndpointDelta d : c.endpoints()) {
            if (d.change() != BaselineComparison.Change.REGRESSION) {
                out.add(d);
                continue;
            }
            long slowest = 0;
            for (JsonNode r : window) {
                for (JsonNode e : r.path("endpoints")) {
                    if (e.path("name").asText().equals(d.name()))
                        slowest = Math.max(slowest, e.path("p95_ms").asLong());
                }
            }
            // The p95 of a handful of requests is those requests: one slow one is not a change (the v7 round trip is
            // one POST and one DELETE a run).
            boolean enough = d.current().count() >= FEWEST_FOR_P95;
            boolean beyondSpread = enough && d.current().p95Ms() > slowest * REGRESSION_RATIO;
            String why = enough
                    ? "p95 within the spread of the compared runs (slowest " + slowest + " ms)"
                    : "p95 of " + d.current().count() + " request(s): too few to call a change";
            List<String> reasons = d.reasons().stream()
                    .filter(r -> beyondSpread || !r.startsWith("p95 "))
                    .toList();
            out.add(
                    reasons.isEmpty()
                            ? new BaselineComparison.EndpointDelta(
                                    d.name(), BaselineComparison.Change.OK, d.baseline(), d.current(), List.of(why))
                            : new BaselineComparison.EndpointDelta(
                                    d.name(), d.change(), d.baseline(), d.current(), reasons));
        }
        boolean regressed = out.stream().anyMatch(d -> d.change() == BaselineComparison.Change.REGRESSION);
        return new BaselineComparison(c.baselineStarted(), c.regressionRatio(), regressed, out);
    }

    /** Per run: start, verdict, requests, timeouts, unexpected statuses, and each endpoint's p95. */
    private static ArrayNode trend(List<JsonNode> runs) {
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode r : runs) {
            ObjectNode t = out.addObject();
            t.put("started", r.path("started").asText());
            t.put("verdict", r.path("verdict").path("name").asText());
            long requests = 0, timeouts = 0, unexpected = 0;
            ObjectNode p95 = JSON.createObjectNode();
            for (JsonNode e : r.path("endpoints")) {
                requests += e.path("count").asLong();
                timeouts += e.path("timeouts").asLong();
                unexpected += e.path("unexpected_statuses").asLong();
                p95.put(e.path("name").asText(), e.path("p95_ms").asLong());
            }
            t.put("requests", requests);
            t.put("timeouts", timeouts);
            t.put("unexpected_statuses", unexpected);
            t.set("p95_ms", p95);
        }
        return out;
    }

    /** One endpoint's compared figures, rates per request. */
    private static ObjectNode numbers(JsonNode e) {
        ObjectNode n = JSON.createObjectNode();
        long count = e.path("count").asLong();
        n.put("count", count);
        n.put("p50_ms", e.path("p50_ms").asLong());
        n.put("p95_ms", e.path("p95_ms").asLong());
        n.put("p99_ms", e.path("p99_ms").asLong());
        n.put("timeouts_per_request", rate(e.path("timeouts").asLong(), count));
        n.put("unexpected_per_request", rate(e.path("unexpected_statuses").asLong(), count));
        return n;
    }

    /**
     * A summary whose endpoints carry the per-endpoint medians over {@code runs}: count, p50, p95,
     * p99, and timeouts and unexpected statuses as the median share of requests (× the median count).
     */
    static ObjectNode median(List<JsonNode> runs) {
        Map<String, List<JsonNode>> byEndpoint = new LinkedHashMap<>();
        for (JsonNode r : runs) {
            for (JsonNode e : r.path("endpoints"))
                byEndpoint
                        .computeIfAbsent(e.path("name").asText(), k -> new ArrayList<>())
                        .add(e);
        }
        ObjectNode s = JSON.createObjectNode();
        s.put("schema", RunSummary.SCHEMA);
        s.put("started", "median of " + runs.size() + " runs");
        ArrayNode endpoints = s.putArray("endpoints");
        byEndpoint.forEach((name, list) -> {
            long count = Math.round(med(list, e -> e.path("count").asDouble()));
            ObjectNode e = endpoints.addObject();
            e.put("name", name);
            e.put("count", count);
            e.put("p50_ms", Math.round(med(list, x -> x.path("p50_ms").asDouble())));
            e.put("p95_ms", Math.round(med(list, x -> x.path("p95_ms").asDouble())));
            e.put("p99_ms", Math.round(med(list, x -> x.path("p99_ms").asDouble())));
            double timeoutRate = med(
                    list, x -> rate(x.path("timeouts").asLong(), x.path("count").asLong()));
            double unexpectedRate = med(
                    list,
                    x -> rate(
                            x.path("unexpected_statuses").asLong(),
                            x.path("count").asLong()));
            e.put("timeouts", Math.round(timeoutRate * count));
            e.put("unexpected_statuses", Math.round(unexpectedRate * count));
            e.put("timeouts_per_request", timeoutRate);
            e.put("unexpected_per_request", unexpectedRate);
        });
        return s;
    }

    private static Map<String, JsonNode> byName(JsonNode summary) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode e : summary.path("endpoints")) {
            if (e.has("timeouts_per_request")) {
                ObjectNode m = e.deepCopy();
                m.remove("name");
                m.remove("timeouts");
                m.remove("unexpected_statuses");
                out.put(e.path("name").asText(), m);
            } else {
                out.put(e.path("name").asText(), e);
            }
        }
        return out;
    }

    private static double med(List<JsonNode> list, ToDoubleFunction<JsonNode> f) {
        double[] v = list.stream().mapToDouble(f).sorted().toArray();
        if (v.length == 0) return 0;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0 : Math.round((double) part / whole * 1e6) / 1e6;
    }

    /**
     * The figures {@link BaselineComparison} reads, as its summary type; only those fields are
     * carried over, so whatever else a newer summary holds cannot make the conversion fail.
     */
    private static RunSummary toSummary(JsonNode summary) {
        ObjectNode s = JSON.createObjectNode();
        s.put("schema", RunSummary.SCHEMA);
        s.put("started", summary.path("started").asText());
        ArrayNode endpoints = s.putArray("endpoints");
        for (JsonNode e : summary.path("endpoints")) {
            ObjectNode n = endpoints.addObject();
            for (String f : List.of("name", "count", "p50_ms", "p95_ms", "p99_ms", "timeouts", "unexpected_statuses")) {
                if (e.has(f)) n.set(f, e.get(f));
            }
        }
        try {
            return JSON.treeToValue(s, RunSummary.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("summary cannot be compared: " + e.getMessage(), e);
        }
    }
}
