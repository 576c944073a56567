package obp.loadtest.verdict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each endpoint takes alone: before the measured sweep one worker sweeps a few times with nobody
 * else on the server, and each endpoint's median duration is its baseline. Loaded latency is judged
 * against it ("inflated"), so the verdict does not depend on how fast a given server is. An endpoint
 * that was already slow or failing alone is kept as such. Thread-safe.
 */
public final class Calibration {

    /** One endpoint's calibration: its median duration and whether it was already failing or slow alone. */
    public record Baseline(String name, long ms, int samples, boolean failedAlone, boolean slowAlone) {}

    private final Map<String, List<Long>> durations = new LinkedHashMap<>();
    private final Map<String, Integer> failures = new LinkedHashMap<>();
    private final long slowMs;
    private volatile Map<String, Baseline> baselines = Map.of();

    public Calibration(long slowMs) {
        this.slowMs = slowMs;
    }

    /** One calibration request: its duration and whether it ended as it should (expected status, no timeout). */
    public synchronized void record(String endpoint, long durationMs, boolean ok) {
        durations.computeIfAbsent(endpoint, k -> new ArrayList<>()).add(durationMs);
        if (!ok) failures.merge(endpoint, 1, Integer::sum);
    }

    /** Calibration is over: baselines are fixed from here on. */
    public synchronized void finish() {
        Map<String, Baseline> out = new LinkedHashMap<>();
        durations.forEach((name, list) -> {
            List<Long> sorted = new ArrayList<>(list);
            Collections.sort(sorted);
            long median = sorted.get((sorted.size() - 1) / 2);
            out.put(
                    name,
                    new Baseline(name, median, sorted.size(), failures.getOrDefault(name, 0) > 0, median > slowMs));
        });
        baselines = Collections.unmodifiableMap(out);
    }

    /** The endpoint's baseline in ms, or -1 when it was not calibrated or already failed alone (a hang is no baseline). */
    public long baselineMs(String endpoint) {
        Baseline b = baselines.get(endpoint);
        return b == null || b.failedAlone() ? -1 : b.ms();
    }

    public Baseline baseline(String endpoint) {
        return baselines.get(endpoint);
    }

    public Map<String, Baseline> baselines() {
        return baselines;
    }

    public boolean calibrated() {
        return !baselines.isEmpty();
    }
}
