package obp.loadtest.verdict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;

/**
 * Latency over time: per group and per second of the measured sweep, the count, p50, p95, failures and
 * the most requests seen in flight. Only the current second of each group keeps a histogram; finished
 * seconds are kept as five numbers, so memory grows with the run's length, not its request count.
 * Also the moments of the first slow request, first timeout and an early stop. Thread-safe: a request
 * locks only its own group's second (Gatling's event loops recording different groups do not wait on
 * each other); the marks and the list of groups lock the timeline.
 */
public final class Timeline {

    public static final long BUCKET_MS = 1_000;
    /** Seconds kept per group (over two hours); later ones are dropped. */
    static final int MAX_POINTS = 10_000;

    /** One second of one group. */
    public record Point(long tS, long count, long p50Ms, long p95Ms, long failures, int inFlight) {}

    private static final class Group {
        final List<Point> points = new ArrayList<>();
        final Histogram current = new Histogram(EndpointStats.HIGHEST_MS, 2);
        long second = -1;
        long failures;
        int inFlight;

        /** The open second as a point, or null when it has no request yet. */
        Point open() {
            if (second < 0 || current.getTotalCount() == 0) return null;
            return new Point(
                    second,
                    current.getTotalCount(),
                    current.getValueAtPercentile(50),
                    current.getValueAtPercentile(95),
                    failures,
                    inFlight);
        }

        void flush() {
            Point p = open();
            if (p != null && points.size() < MAX_POINTS) points.add(p);
            current.reset();
            failures = 0;
            inFlight = 0;
        }
    }

    /** The moments that matter, each kept the first time it happens, named as the summary's timeline marks name them. */
    public enum Mark {
        FIRST_SLOW("first_slow_ms"),
        FIRST_TIMEOUT("first_timeout_ms"),
        STOPPED_EARLY("stopped_early_ms");

        public final String key;

        Mark(String key) {
            this.key = key;
        }
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();
    /** The same groups for a lock-free lookup. */
    private final Map<String, Group> byName = new ConcurrentHashMap<>();

    private final Map<Mark, Long> marks = new EnumMap<>(Mark.class);

    /** One measured request that ended tMs after the sweep began. */
    public void record(String group, long tMs, long durationMs, Outcome outcome, int inFlight) {
        if (tMs < 0) return;
        Group g = byName.get(group);
        if (g == null) g = register(group);
        synchronized (g) {
            long second = tMs / BUCKET_MS;
            if (second != g.second) {
                if (second < g.second) second = g.second; // a late finisher counts in the open second
                else {
                    g.flush();
                    g.second = second;
                }
            }
            g.current.recordValue(Math.max(0, Math.min(durationMs, EndpointStats.HIGHEST_MS)));
            g.inFlight = Math.max(g.inFlight, inFlight);
            if (outcome != Outcome.OK && outcome != Outcome.SLOW) g.failures++;
        }
        if (outcome == Outcome.SLOW || outcome == Outcome.TIMEOUT) mark(outcome, tMs);
    }

    private synchronized Group register(String group) {
        Group g = groups.computeIfAbsent(group, k -> new Group());
        byName.put(group, g);
        return g;
    }

    private synchronized void mark(Outcome outcome, long tMs) {
        marks.putIfAbsent(outcome == Outcome.SLOW ? Mark.FIRST_SLOW : Mark.FIRST_TIMEOUT, tMs);
    }

    public synchronized void stoppedEarly(long tMs) {
        marks.putIfAbsent(Mark.STOPPED_EARLY, Math.max(0, tMs));
    }

    /** Points per group, the open seconds included (a snapshot). */
    public synchronized Map<String, List<Point>> points() {
        Map<String, List<Point>> out = new LinkedHashMap<>();
        groups.forEach((name, g) -> {
            List<Point> all;
            Point open;
            synchronized (g) {
                all = new ArrayList<>(g.points);
                open = g.open();
            }
            if (open != null) all.add(open);
            out.put(name, Collections.unmodifiableList(all));
        });
        return out;
    }

    /** When each mark happened, in ms since the sweep began, in {@link Mark} order; those that did not happen are absent. */
    public synchronized Map<Mark, Long> marks() {
        return Collections.unmodifiableMap(new EnumMap<>(marks));
    }
}
