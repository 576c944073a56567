package obp.loadtest.ci;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Assertion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import obp.loadtest.verdict.Threshold;
import obp.loadtest.verdict.Threshold.Metric;
import obp.loadtest.verdict.Threshold.Op;
import obp.loadtest.verdict.Thresholds;

/**
 * Each threshold as a Gatling assertion, so {@code mvn gatling:test} judges it too and Gatling's
 * report lists it: {@code all} is global(), a group details(group), an endpoint details(group, name).
 *
 * <p>Gatling has no group holding the whole v7 sweep, so {@code v7 sweep} becomes one assertion per v7
 * group the run has: for durations and error-rate that is at least as strict as the merged figure
 * obp-loadtest judges (every group under the limit keeps the merged p95 under it); throughput and
 * count add up across groups and have no per-group equivalent, so Gatling does not judge them and
 * obp-loadtest's own judgement (and exit code) is the one that counts.
 */
public final class ThresholdAssertions {

    private ThresholdAssertions() {}

    public static List<Assertion> of(Thresholds thresholds, Collection<Thresholds.Endpoint> endpoints) {
        List<Assertion> out = new ArrayList<>();
        for (Thresholds.Scoped s : thresholds.all()) {
            Threshold t = s.threshold();
            switch (s.kind()) {
                case ALL -> out.add(assertion(global(), t));
                case GROUP -> out.add(assertion(details(s.group()), t));
                case ENDPOINT -> out.add(assertion(details(s.group(), s.name()), t));
                case SWEEP -> {
                    if (t.metric() == Metric.THROUGHPUT || t.metric() == Metric.COUNT) break;
                    Set<String> groups = new LinkedHashSet<>();
                    for (Thresholds.Endpoint e : endpoints) {
                        if (Thresholds.SWEEP_GROUPS.contains(e.group())) groups.add(e.group());
                    }
                    for (String group : groups) out.add(assertion(details(group), t));
                }
            }
        }
        return out;
    }

    static Assertion assertion(Assertion.WithPath path, Threshold t) {
        Op op = t.op();
        return switch (t.metric()) {
            case P50, P95, P99 ->
                compare(path.responseTime().percentile(t.metric().percentile()), op, millis(t));
            case MAX -> compare(path.responseTime().max(), op, millis(t));
            case MEAN -> compare(path.responseTime().mean(), op, millis(t));
            case ERROR_RATE -> compare(path.failedRequests().percent(), op, t.limit());
            case THROUGHPUT -> compare(path.requestsPerSec(), op, t.limit());
            case COUNT -> compare(path.allRequests().count(), op, (long) t.limit());
        };
    }

    /** Gatling compares whole milliseconds. */
    private static Integer millis(Threshold t) {
        return (int) Math.round(t.limit());
    }

    private static <T extends Number> Assertion compare(Assertion.WithPathAndTarget<T> target, Op op, T limit) {
        return switch (op) {
            case LT -> target.lt(limit);
            case LTE -> target.lte(limit);
            case GT -> target.gt(limit);
            case GTE -> target.gte(limit);
        };
    }
}
