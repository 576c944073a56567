package obp.loadtest.verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Per-endpoint deltas of this run against a baseline summary, with regressions flagged. Written
 * into the summary JSON as "comparison".
 *
 * @param regressionRatio a p95 above baseline × this ratio (and more than {@value #P95_FLOOR_MS} ms above) regresses
 * @param regressed       whether any endpoint regressed
 */
public record BaselineComparison(
        String baselineStarted, double regressionRatio, boolean regressed, List<EndpointDelta> endpoints) {

    /** p95 growth below this many ms is noise, whatever the ratio (1 ms → 2 ms is not a regression). */
    /** Below this growth a p95 change is run-to-run noise (seen: 3 → 13 ms between two clean runs on one machine). */
    public static final long P95_FLOOR_MS = 20;

    public enum Change {
        OK,
        REGRESSION,
        NEW,
        MISSING
    }

    /** The numbers compared for one endpoint in one run. */
    public record Numbers(long count, long p50Ms, long p95Ms, long p99Ms, long timeouts, long unexpectedStatuses) {

        static Numbers of(RunSummary.EndpointSummary e) {
            return new Numbers(e.count(), e.p50Ms(), e.p95Ms(), e.p99Ms(), e.timeouts(), e.unexpectedStatuses());
        }
    }

    /** baseline or current is null when the endpoint is in only one of the runs. */
    public record EndpointDelta(String name, Change change, Numbers baseline, Numbers current, List<String> reasons) {}

    public static BaselineComparison compare(RunSummary baseline, SweepStats current, double regressionRatio) {
        return compare(
                baseline,
                current.all().stream()
                        .map(e -> RunSummary.EndpointSummary.of(e, null, false))
                        .toList(),
                regressionRatio);
    }

    public static BaselineComparison compare(RunSummary baseline, RunSummary current, double regressionRatio) {
        return compare(baseline, current.endpoints(), regressionRatio);
    }

    private static BaselineComparison compare(
            RunSummary baseline, List<RunSummary.EndpointSummary> current, double ratio) {
        if (!(ratio >= 1)) {
            throw new IllegalArgumentException("regression ratio must be at least 1, got " + ratio);
        }
        Map<String, Numbers> before = new LinkedHashMap<>();
        baseline.endpoints().forEach(e -> before.put(e.name(), Numbers.of(e)));
        List<EndpointDelta> deltas = new ArrayList<>();
        for (RunSummary.EndpointSummary e : current) {
            Numbers now = Numbers.of(e);
            Numbers then = before.remove(e.name());
            if (then == null) {
                deltas.add(new EndpointDelta(e.name(), Change.NEW, null, now, List.of("not in the baseline")));
                continue;
            }
            List<String> reasons = regressions(then, now, ratio);
            deltas.add(
                    new EndpointDelta(e.name(), reasons.isEmpty() ? Change.OK : Change.REGRESSION, then, now, reasons));
        }
        // An endpoint the baseline had and this run lacks is reported, not flagged: the endpoint list may have changed
        // on purpose.
        before.forEach((name, then) ->
                deltas.add(new EndpointDelta(name, Change.MISSING, then, null, List.of("not in this run"))));
        boolean regressed = deltas.stream().anyMatch(d -> d.change() == Change.REGRESSION);
        return new BaselineComparison(baseline.started(), ratio, regressed, deltas);
    }

    private static List<String> regressions(Numbers then, Numbers now, double ratio) {
        List<String> reasons = new ArrayList<>();
        if (now.p95Ms() > then.p95Ms() * ratio && now.p95Ms() - then.p95Ms() > P95_FLOOR_MS) {
            reasons.add("p95 " + then.p95Ms() + " → " + now.p95Ms() + " ms");
        }
        // Runs differ in length: compare the share of requests, not the raw count.
        if (now.timeouts() > 0 && rate(now.timeouts(), now.count()) > rate(then.timeouts(), then.count())) {
            reasons.add(
                    "timeouts " + then.timeouts() + "/" + then.count() + " → " + now.timeouts() + "/" + now.count());
        }
        if (now.unexpectedStatuses() > 0
                && rate(now.unexpectedStatuses(), now.count()) > rate(then.unexpectedStatuses(), then.count())) {
            reasons.add("unexpected statuses " + then.unexpectedStatuses() + "/" + then.count() + " → "
                    + now.unexpectedStatuses() + "/" + now.count());
        }
        return reasons;
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    /** The comparison as text: one line per endpoint, regressions marked, then a one-line conclusion. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("Compared with the baseline")
                .append(baselineStarted == null ? "" : " of " + baselineStarted)
                .append(" (regression: p95 above ×")
                .append(regressionRatio)
                .append(", or more timeouts/unexpected statuses):\n");
        int width = endpoints.stream().mapToInt(d -> d.name().length()).max().orElse(8);
        for (EndpointDelta d : endpoints) {
            out.append(String.format("  %-10s %-" + width + "s  ", d.change(), d.name()));
            if (d.baseline() != null && d.current() != null) {
                out.append(delta("count", d.baseline().count(), d.current().count()))
                        .append("  ")
                        .append(delta("p50", d.baseline().p50Ms(), d.current().p50Ms()))
                        .append("  ")
                        .append(delta("p95", d.baseline().p95Ms(), d.current().p95Ms()))
                        .append("  ")
                        .append(delta("p99", d.baseline().p99Ms(), d.current().p99Ms()))
                        .append("  ")
                        .append(delta(
                                "timeouts", d.baseline().timeouts(), d.current().timeouts()));
            }
            if (d.change() != Change.OK) {
                out.append(d.baseline() != null && d.current() != null ? "  — " : "")
                        .append(String.join("; ", d.reasons()));
            }
            out.append('\n');
        }
        out.append(
                        regressed
                                ? "REGRESSION on "
                                        + endpoints.stream()
                                                .filter(d -> d.change() == Change.REGRESSION)
                                                .map(EndpointDelta::name)
                                                .collect(Collectors.joining(", "))
                                : "no regression")
                .append('\n');
        return out.toString();
    }

    private static String delta(String what, long then, long now) {
        long diff = now - then;
        return what + " " + then + "→" + now + " (" + (diff >= 0 ? "+" : "") + diff + ")";
    }
}
