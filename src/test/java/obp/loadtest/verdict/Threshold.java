package obp.loadtest.verdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import obp.loadtest.config.Durations;

/**
 * One user-set threshold, {@code <target>: <metric> <op> <value>}, e.g. {@code all: p95 < 800ms},
 * {@code v7 user: error-rate < 1%}, {@code GET /users: p99 < 2s}, {@code v7 sweep: throughput > 50/s}.
 * Pure: parsing here, judging in {@link Thresholds}.
 *
 * @param text   the threshold as written (trimmed), which is how every report names it
 * @param target what it is about: {@value #ALL}, {@value #SWEEP}, a group, or an endpoint name
 * @param limit  in the metric's unit: ms for durations, % for error-rate, requests/s, a count
 */
public record Threshold(String text, String target, Metric metric, Op op, double limit) {

    /** Every request of the run. */
    public static final String ALL = "all";
    /** Every v7 sweep group together (not the write round trip, which runs before the sweep). */
    public static final String SWEEP = "v7 sweep";
    /** What one threshold is separated from the next by, in the setting and the environment. */
    public static final String SEPARATOR = ";";

    public static final String EXAMPLE = "all: p95 < 800ms";

    public enum Unit {
        MS("ms"),
        PERCENT("%"),
        PER_SECOND("/s"),
        COUNT("");

        public final String symbol;

        Unit(String symbol) {
            this.symbol = symbol;
        }
    }

    public enum Metric {
        P50("p50", Unit.MS),
        P95("p95", Unit.MS),
        P99("p99", Unit.MS),
        MAX("max", Unit.MS),
        MEAN("mean", Unit.MS),
        ERROR_RATE("error-rate", Unit.PERCENT),
        THROUGHPUT("throughput", Unit.PER_SECOND),
        COUNT("count", Unit.COUNT);

        public final String label;
        public final Unit unit;

        Metric(String label, Unit unit) {
            this.label = label;
            this.unit = unit;
        }

        /** The percentile (50, 95, 99) for p50/p95/p99, else 0. */
        public double percentile() {
            return switch (this) {
                case P50 -> 50;
                case P95 -> 95;
                case P99 -> 99;
                default -> 0;
            };
        }

        static Metric of(String label) {
            for (Metric m : values()) {
                if (m.label.equals(label)) return m;
            }
            return null;
        }
    }

    public enum Op {
        LTE("<="),
        GTE(">="),
        LT("<"),
        GT(">");

        public final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public boolean holds(double measured, double limit) {
            return switch (this) {
                case LT -> measured < limit;
                case LTE -> measured <= limit;
                case GT -> measured > limit;
                case GTE -> measured >= limit;
            };
        }
    }

    // <metric> <op> <number><unit>: the target is everything before the last colon.
    private static final Pattern CONDITION =
            Pattern.compile("^([a-z0-9-]+)\\s*(<=|>=|<|>)\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|%|/s)?$");

    /** Parses one threshold; a malformed one is an IllegalArgumentException whose message is the one line to print. */
    public static Threshold parse(String raw) {
        String text = raw == null ? "" : raw.trim().replaceAll("\\s+", " ");
        int colon = text.lastIndexOf(':');
        if (colon < 0) throw malformed(text, "expected '<target>: <metric> <op> <value>'");
        String target = text.substring(0, colon).trim();
        Matcher m = CONDITION.matcher(text.substring(colon + 1).trim().toLowerCase(Locale.ROOT));
        if (target.isEmpty())
            throw malformed(
                    text, "no target before ':' (all, a group such as 'v7 user', or an endpoint such as 'GET /users')");
        if (!m.matches()) {
            String metricWord =
                    text.substring(colon + 1).trim().split("[\\s<>=]", 2)[0].toLowerCase(Locale.ROOT);
            if (Metric.of(metricWord) == null) {
                throw malformed(text, "unknown metric '" + metricWord + "' (one of " + metricLabels() + ")");
            }
            throw malformed(text, "expected '<metric> <op> <value>' after ':', with op one of <, <=, >, >=");
        }
        Metric metric = Metric.of(m.group(1));
        if (metric == null)
            throw malformed(text, "unknown metric '" + m.group(1) + "' (one of " + metricLabels() + ")");
        Op op = Arrays.stream(Op.values())
                .filter(o -> o.symbol.equals(m.group(2)))
                .findFirst()
                .orElseThrow();
        double number = Double.parseDouble(m.group(3));
        String unit = m.group(4) == null ? "" : m.group(4);
        double limit = switch (metric.unit) {
            // A bare number is seconds in the settings, but a latency limit must say its unit.
            case MS ->
                (unit.isEmpty() ? OptionalDouble.empty() : Durations.millis(number, unit))
                        .orElseThrow(() ->
                                malformed(text, metric.label + " takes a duration with its unit, e.g. 800ms or 2s"));
            case PERCENT -> {
                if (!unit.equals("%")) throw malformed(text, metric.label + " takes a percentage, e.g. 1%");
                if (number > 100) throw malformed(text, metric.label + " cannot exceed 100%");
                yield number;
            }
            case PER_SECOND -> {
                if (!unit.equals("/s")) throw malformed(text, metric.label + " takes requests per second, e.g. 50/s");
                yield number;
            }
            case COUNT -> {
                if (!unit.isEmpty() || number != Math.rint(number))
                    throw malformed(text, "count takes a whole number of requests, e.g. 100");
                yield number;
            }
        };
        return new Threshold(text, target, metric, op, limit);
    }

    /**
     * Parses thresholds separated by {@value #SEPARATOR} (empty entries ignored). Problems come back one line each,
     * so every malformed threshold is reported, not only the first.
     */
    public static List<Threshold> parseAll(String joined, List<String> problems) {
        List<Threshold> out = new ArrayList<>();
        if (joined == null) return out;
        for (String part : joined.split(SEPARATOR)) {
            if (part.isBlank()) continue;
            try {
                out.add(parse(part));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return out;
    }

    /** The condition as the user wrote it, without the target: "p95 < 800ms". */
    public String condition() {
        return text.substring(text.lastIndexOf(':') + 1).trim();
    }

    /** A number in a unit, without needless decimals: 800 ms, 1.5%, 12.3/s, 100. */
    public static String format(double value, Unit unit) {
        String number = value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.1f", value);
        return unit == Unit.MS ? number + " ms" : number + unit.symbol;
    }

    private static String metricLabels() {
        return Arrays.stream(Metric.values()).map(m -> m.label).collect(Collectors.joining(", "));
    }

    private static IllegalArgumentException malformed(String text, String why) {
        return new IllegalArgumentException(
                "--threshold '" + text + "': " + why + (why.contains("e.g.") ? "" : "; e.g. '" + EXAMPLE + "'"));
    }
}
