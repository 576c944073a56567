package obp.loadtest.verdict;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * What one endpoint did during the run, on bounded memory: durations live in HdrHistograms, never
 * in lists. Thread-safe: every method synchronizes on this instance.
 */
public final class EndpointStats {

    /** Recorded when a response carries no X-OBP-Version-Served header. */
    public static final String NATIVE_V7 = "v7.0.0 native";
    /** One hour in ms: anything longer is recorded as one hour. */
    static final long HIGHEST_MS = 3_600_000L;

    private static final int SIGNIFICANT_DIGITS = 3;

    private final String name;
    private final String group;
    private final boolean stallProbe;

    private final Histogram durations = newHistogram();
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    private final Map<TimeoutCause, Long> timeoutCauses = new EnumMap<>(TimeoutCause.class);
    private final Set<String> versionsServed = new LinkedHashSet<>();
    // Exact extremes: a histogram reports its bucket's top (30015 for a 30000 ms timeout), which reads wrong.
    private long maxMs;
    private long timeoutMinMs = Long.MAX_VALUE;
    private long timeoutMaxMs;

    /** How much of the first unexpected answer's message is kept: enough to say why, short enough for one line. */
    private static final int MESSAGE_KEPT = 160;

    private String firstUnexpected;

    public EndpointStats(String name, String group, boolean stallProbe) {
        this.name = name;
        this.group = group;
        this.stallProbe = stallProbe;
    }

    /** Records one measured request and how it was classified. */
    public synchronized void record(int status, String versionServed, long durationMs, Classification c) {
        record(status, versionServed, durationMs, c, null);
    }

    /** The same, with OBP's message from the body (null when none): the first unexpected answer's is kept. */
    public synchronized void record(
            int status, String versionServed, long durationMs, Classification c, String message) {
        if (firstUnexpected == null && message != null && c.outcome() == Outcome.UNEXPECTED_STATUS)
            firstUnexpected = status + " "
                    + (message.length() <= MESSAGE_KEPT ? message : message.substring(0, MESSAGE_KEPT) + "…");
        long ms = clamp(durationMs);
        durations.recordValue(ms);
        maxMs = Math.max(maxMs, ms);
        statuses.merge(status, 1L, Long::sum);
        outcomes.merge(c.outcome(), 1L, Long::sum);
        if (status != 0) {
            // No response means no header: the version is unknown, not native.
            versionsServed.add(versionServed == null || versionServed.isBlank() ? NATIVE_V7 : versionServed.trim());
        }
        if (c.cause() != null) {
            timeoutCauses.merge(c.cause(), 1L, Long::sum);
            timeoutMinMs = Math.min(timeoutMinMs, ms);
            timeoutMaxMs = Math.max(timeoutMaxMs, ms);
        }
    }

    public String name() {
        return name;
    }

    /** The first unexpected answer's status and OBP message ("400 OBP-30018: …"), or null. */
    public synchronized String firstUnexpected() {
        return firstUnexpected;
    }

    public String group() {
        return group;
    }

    public boolean stallProbe() {
        return stallProbe;
    }

    public synchronized long count() {
        return durations.getTotalCount();
    }

    public long p50Ms() {
        return percentileMs(50);
    }

    public long p95Ms() {
        return percentileMs(95);
    }

    public long p99Ms() {
        return percentileMs(99);
    }

    public synchronized long maxMs() {
        return maxMs;
    }

    public synchronized double meanMs() {
        return durations.getTotalCount() == 0 ? 0 : durations.getMean();
    }

    /** Duration in ms at the given percentile (0–100), 0 when nothing was recorded. */
    public synchronized long percentileMs(double percentile) {
        return durations.getTotalCount() == 0 ? 0 : Math.min(durations.getValueAtPercentile(percentile), maxMs);
    }

    /** Count per HTTP status, ascending; 0 means no response. */
    public synchronized Map<Integer, Long> statuses() {
        return Collections.unmodifiableMap(new TreeMap<>(statuses));
    }

    /** Count per outcome, every outcome present (zero when never seen). */
    public synchronized Map<Outcome, Long> outcomes() {
        Map<Outcome, Long> all = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            all.put(outcome, outcomes.getOrDefault(outcome, 0L));
        }
        return Collections.unmodifiableMap(all);
    }

    public synchronized long count(Outcome outcome) {
        return outcomes.getOrDefault(outcome, 0L);
    }

    public long slow() {
        return count(Outcome.SLOW);
    }

    public long timeouts() {
        return count(Outcome.TIMEOUT);
    }

    public long connectionErrors() {
        return count(Outcome.CONNECTION_ERROR);
    }

    public long unexpectedStatuses() {
        return count(Outcome.UNEXPECTED_STATUS);
    }

    /** Timeouts per cause, only causes seen. */
    public synchronized Map<TimeoutCause, Long> timeoutCauses() {
        return Collections.unmodifiableMap(new EnumMap<>(timeoutCauses));
    }

    /** X-OBP-Version-Served values seen, in first-seen order ("v7.0.0 native" when the header was absent). */
    public synchronized Set<String> versionsServed() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(versionsServed));
    }

    /** Shortest timeout in ms, 0 when none. */
    public synchronized long timeoutMinMs() {
        return timeoutMinMs == Long.MAX_VALUE ? 0 : timeoutMinMs;
    }

    /** Longest timeout in ms, 0 when none. */
    public synchronized long timeoutMaxMs() {
        return timeoutMaxMs;
    }

    /** Timeouts of one family of causes (cap reached, database said so, hang). */
    public synchronized long timeouts(TimeoutCause.Family family) {
        long n = 0;
        for (Map.Entry<TimeoutCause, Long> c : timeoutCauses.entrySet()) {
            if (c.getKey().family() == family) n += c.getValue();
        }
        return n;
    }

    public synchronized long timeouts(TimeoutCause cause) {
        return timeoutCauses.getOrDefault(cause, 0L);
    }

    /** Adds this endpoint's durations into {@code target}: a group's percentiles come from merged histograms, never averages. */
    public synchronized void addDurationsTo(Histogram target) {
        target.add(durations);
    }

    /**
     * This endpoint's whole latency histogram in HdrHistogram's compressed encoding, base64: what a merge of
     * several generators adds up exactly (percentiles of the sum equal those of one histogram of all values).
     */
    public synchronized String encodedHistogram() {
        return encode(durations);
    }

    /** Base64 of the histogram's compressed encoding. */
    public static String encode(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    /** The histogram {@link #encode} wrote; a damaged text is an IllegalArgumentException. */
    public static Histogram decode(String base64) {
        try {
            Histogram h = Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
            Histogram same = newHistogram();
            same.add(h);
            return same;
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("latency histogram cannot be decoded: " + e.getMessage());
        }
    }

    /**
     * Adds one part of this endpoint measured elsewhere (another generator's summary, which must carry its
     * histogram), so the verdict can weigh it as if one generator had measured it all: counts are summed, the
     * histograms added, maxMs and the timeout extremes kept exact.
     */
    public synchronized void add(RunSummary.EndpointSummary part) {
        durations.add(decode(part.histogram()));
        if (part.statuses() != null) part.statuses().forEach((k, v) -> statuses.merge(k, v, Long::sum));
        if (part.outcomes() != null)
            part.outcomes().forEach((k, v) -> {
                if (v != null && v > 0) outcomes.merge(k, v, Long::sum);
            });
        if (part.timeoutCauses() != null) part.timeoutCauses().forEach((k, v) -> timeoutCauses.merge(k, v, Long::sum));
        if (part.versionsServed() != null) versionsServed.addAll(part.versionsServed());
        maxMs = Math.max(maxMs, part.maxMs());
        if (part.timeoutMinMs() != null) timeoutMinMs = Math.min(timeoutMinMs, part.timeoutMinMs());
        if (part.timeoutMaxMs() != null) timeoutMaxMs = Math.max(timeoutMaxMs, part.timeoutMaxMs());
    }

    /** An empty histogram with the same range and precision as every endpoint's, to merge into. */
    static Histogram emptyHistogram() {
        return newHistogram();
    }

    private static long clamp(long durationMs) {
        return Math.max(0, Math.min(durationMs, HIGHEST_MS));
    }

    private static Histogram newHistogram() {
        return new Histogram(HIGHEST_MS, SIGNIFICANT_DIGITS);
    }

    @Override
    public String toString() {
        return name + " (" + group + "): " + count() + " requests";
    }
}
