package obp.loadtest.verdict;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * The user's thresholds against one run: which endpoints each is about, and whether the run's own
 * figures (the endpoints' HdrHistograms, merged for a group, never averaged) met it. Pure.
 */
public final class Thresholds {

    /** The v7 sweep's groups, which the target {@value Threshold#SWEEP} stands for. */
    public static final Set<String> SWEEP_GROUPS = Set.of("v7 no-auth", "v7 user", "v7 role-gated", "v7 stall probe");

    /** An endpoint the run has (or will have): its group and its name as reports show it. */
    public record Endpoint(String group, String name) {}

    /** What a threshold's target resolved to. */
    public enum Kind {
        ALL,
        SWEEP,
        GROUP,
        ENDPOINT
    }

    /** A threshold with its target resolved against the run's endpoints. */
    public record Scoped(Threshold threshold, Kind kind, String group, String name) {

        public boolean covers(String endpointGroup, String endpointName) {
            return switch (kind) {
                case ALL -> true;
                case SWEEP -> SWEEP_GROUPS.contains(endpointGroup);
                case GROUP -> group.equals(endpointGroup);
                case ENDPOINT -> name.equals(endpointName);
            };
        }
    }

    /**
     * One threshold judged. measured is null when its endpoints saw no request (a threshold
     * nothing was measured for is missed: an empty run must not pass a CI gate).
     */
    public record Result(
            String text,
            String target,
            String metric,
            boolean met,
            Double measured,
            double limit,
            String unit,
            String condition) {

        /** "p95 12 ms" or "no requests". */
        public String measuredText() {
            return measured == null ? "no requests" : metric + " " + Threshold.format(measured, unitOf(unit));
        }

        /** The console line: "MISSED  all: p95 < 1ms — measured p95 12 ms". */
        public String line() {
            return (met ? "met     " : "MISSED  ") + text + " — measured " + measuredText();
        }
    }

    private final List<Scoped> scoped;

    private Thresholds(List<Scoped> scoped) {
        this.scoped = List.copyOf(scoped);
    }

    public static Thresholds none() {
        return new Thresholds(List.of());
    }

    /**
     * Parses the setting and resolves every target against the run's endpoints; problems (one line each)
     * are added to {@code problems} and the bad thresholds left out.
     */
    public static Thresholds resolve(String setting, Collection<Endpoint> endpoints, List<String> problems) {
        List<Scoped> out = new ArrayList<>();
        for (Threshold t : Threshold.parseAll(setting, problems)) {
            Scoped s = scope(t, endpoints);
            if (s == null) {
                problems.add(
                        "--threshold '" + t.text() + "': '" + t.target() + "' names no endpoint or group of this run ("
                                + "all, " + Threshold.SWEEP + ", " + String.join(", ", groups(endpoints))
                                + ", or an endpoint name as the table shows it, e.g. 'GET /users')");
            } else {
                out.add(s);
            }
        }
        return new Thresholds(out);
    }

    private static Scoped scope(Threshold t, Collection<Endpoint> endpoints) {
        String target = t.target();
        if (target.equalsIgnoreCase(Threshold.ALL)) return new Scoped(t, Kind.ALL, null, null);
        boolean sweepRuns = endpoints.stream().anyMatch(e -> SWEEP_GROUPS.contains(e.group()));
        if (target.equalsIgnoreCase(Threshold.SWEEP) && sweepRuns) return new Scoped(t, Kind.SWEEP, null, null);
        for (Endpoint e : endpoints) {
            if (e.group().equalsIgnoreCase(target)) return new Scoped(t, Kind.GROUP, e.group(), null);
        }
        for (Endpoint e : endpoints) {
            if (e.name().equals(target)) return new Scoped(t, Kind.ENDPOINT, e.group(), e.name());
        }
        return null;
    }

    private static Set<String> groups(Collection<Endpoint> endpoints) {
        return endpoints.stream().map(Endpoint::group).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public List<Scoped> all() {
        return scoped;
    }

    public boolean isEmpty() {
        return scoped.isEmpty();
    }

    /**
     * Judges every threshold on the run's statistics.
     *
     * @param loadSeconds how long the load ran, for throughput (requests per second over the run, as Gatling counts it)
     */
    public List<Result> judge(SweepStats stats, double loadSeconds) {
        List<Result> out = new ArrayList<>();
        for (Scoped s : scoped) {
            out.add(judge(s, stats, loadSeconds));
        }
        return out;
    }

    static Result judge(Scoped s, SweepStats stats, double loadSeconds) {
        Threshold t = s.threshold();
        Figures f = figures(stats.all(), e -> s.covers(e.group(), e.name()));
        Double measured = f.count == 0
                ? null
                : switch (t.metric()) {
                    case P50, P95, P99 ->
                        (double) Math.min(
                                f.durations.getValueAtPercentile(t.metric().percentile()), f.maxMs);
                    case MAX -> (double) f.maxMs;
                    case MEAN -> Math.round(f.durations.getMean() * 10) / 10.0;
                    case ERROR_RATE -> Math.round(1000.0 * f.failures / f.count) / 10.0;
                    case THROUGHPUT -> loadSeconds <= 0 ? 0.0 : Math.round(10 * f.count / loadSeconds) / 10.0;
                    case COUNT -> (double) f.count;
                };
        // A count threshold is judged on zero requests too: "count > 0" is how a job asserts that anything ran.
        if (measured == null && t.metric() == Threshold.Metric.COUNT) measured = 0.0;
        boolean met = measured != null && t.op().holds(measured, t.limit());
        return new Result(
                t.text(),
                t.target(),
                t.metric().label,
                met,
                measured,
                t.limit(),
                t.metric().unit.symbol,
                t.condition());
    }

    /** Merged figures of a set of endpoints: one histogram holding every duration, exact max, failure count. */
    private record Figures(Histogram durations, long count, long maxMs, long failures) {}

    private static Figures figures(Collection<EndpointStats> endpoints, Predicate<EndpointStats> covered) {
        Histogram merged = EndpointStats.emptyHistogram();
        long count = 0;
        long max = 0;
        long failures = 0;
        for (EndpointStats e : endpoints) {
            if (!covered.test(e)) continue;
            e.addDurationsTo(merged);
            count += e.count();
            max = Math.max(max, e.maxMs());
            failures += e.timeouts() + e.unexpectedStatuses() + e.connectionErrors();
        }
        return new Figures(merged, count, max, failures);
    }

    private static Threshold.Unit unitOf(String symbol) {
        for (Threshold.Unit u : Threshold.Unit.values()) {
            if (u.symbol.equals(symbol)) return u;
        }
        return Threshold.Unit.COUNT;
    }
}
