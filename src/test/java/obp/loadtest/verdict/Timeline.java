package obp.loadtest.verdict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Latency over time: per group and per second of the measured sweep, the count, p50, p95, failures and
 * the most requests seen in flight. Only the current second of each group keeps a histogram; finished
 * seconds are kept as five numbers, so memory grows with the run's length, not its request count.
 * Also the moments of the first slow request, first timeout and an early stop. Thread-safe.
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

        void flush() {
            if (second >= 0 && current.getTotalCount() > 0 && points.size() < MAX_POINTS) {
                points.add(new Point(
                        second,
                        current.getTotalCount(),
                        current.getValueAtPercentile(50),
                        current.getValueAtPercentile(95),
                        failures,
                        inFlight));
            }
            current.reset();
            failures = 0;
            inFlight = 0;
        }
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private long firstSlowMs = -1;
    private long firstTimeoutMs = -1;
    private long stoppedEarlyMs = -1;

    /** One measured request that ended tMs after the sweep began. */
    public synchronized void record(String group, long tMs, long durationMs, Outcome outcome, int inFlight) {
        if (tMs < 0) return;
        Group g = groups.computeIfAbsent(group, k -> new Group());
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
        if (outcome == Outcome.SLOW && firstSlowMs < 0) firstSlowMs = tMs;
        if (outcome == Outcome.TIMEOUT && firstTimeoutMs < 0) firstTimeoutMs = tMs;
    }

    public synchronized void stoppedEarly(long tMs) {
        if (stoppedEarlyMs < 0) stoppedEarlyMs = Math.max(0, tMs);
    }

    /** Points per group, the open seconds included (a snapshot). */
    public synchronized Map<String, List<Point>> points() {
        Map<String, List<Point>> out = new LinkedHashMap<>();
        groups.forEach((name, g) -> {
            List<Point> all = new ArrayList<>(g.points);
            if (g.second >= 0 && g.current.getTotalCount() > 0) {
                all.add(new Point(
                        g.second,
                        g.current.getTotalCount(),
                        g.current.getValueAtPercentile(50),
                        g.current.getValueAtPercentile(95),
                        g.failures,
                        g.inFlight));
            }
            out.put(name, Collections.unmodifiableList(all));
        });
        return out;
    }

    /** ms since the sweep began, or -1 when it did not happen. */
    public synchronized long firstSlowMs() {
        return firstSlowMs;
    }

    public synchronized long firstTimeoutMs() {
        return firstTimeoutMs;
    }

    public synchronized long stoppedEarlyMs() {
        return stoppedEarlyMs;
    }
}
