package obp.loadtest.verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import obp.loadtest.obp.RateLimiter;

/**
 * What the server refused by policy rather than failed at: rate limits (429, OBP's {@code OBP-10018} consumer
 * quota, {@code OBP-10060} per-IP self-service limit, {@code OBP-10061} login limit; the limit and its reset from the
 * {@code X-Rate-Limit-*} headers) and load shedding (503 {@code OBP-10040: The Service is too busy, please try it
 * later.}), per endpoint, and whether it hit the setup or the load. Each is a server policy with its own fix, not a
 * pool fault. Thread-safe.
 */
public final class ServerRefusals {

    /** Where the refusal hit. */
    public enum Phase {
        SETUP,
        LOAD;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A 503 (or any error) in OBP's load-shedding words. */
    public static boolean shed(int status, String message) {
        return RateLimiter.shed(status, message);
    }

    /** One endpoint's refusals by one limiter in one phase; limit and reset from the first answer that had them. */
    public record RateLimited(
            String endpoint,
            Phase phase,
            RateLimiter limiter,
            long count,
            String firstMessage,
            Long limit,
            Long resetSeconds,
            long firstTMs) {}

    /** One endpoint's load-shedding answers: when the first came and how many of our requests were in flight then. */
    public record Shed(String endpoint, long count, String firstMessage, long firstTMs, int inFlightAtFirst) {}

    private final Map<String, RateLimited> rateLimited = new LinkedHashMap<>();
    private final Map<String, Shed> shed = new LinkedHashMap<>();
    private long waitedMs;

    /** A 429 (or an OBP rate-limit code) on endpoint; the header values as the server sent them, or null. */
    public synchronized void rateLimited(
            String endpoint,
            Phase phase,
            int status,
            String message,
            String limitHeader,
            String resetHeader,
            long tMs) {
        RateLimiter l = RateLimiter.of(status, message);
        if (l == null) return;
        String key = endpoint + "|" + phase + "|" + l;
        RateLimited was = rateLimited.get(key);
        if (was == null) {
            rateLimited.put(
                    key,
                    new RateLimited(
                            endpoint, phase, l, 1, cut(message), number(limitHeader), number(resetHeader), tMs));
        } else {
            rateLimited.put(
                    key,
                    new RateLimited(
                            endpoint,
                            phase,
                            l,
                            was.count() + 1,
                            was.firstMessage(),
                            was.limit() != null ? was.limit() : number(limitHeader),
                            was.resetSeconds() != null ? was.resetSeconds() : number(resetHeader),
                            was.firstTMs()));
        }
    }

    /** The setup waited this long in all for rate limits to reset. */
    public synchronized void waited(long ms) {
        waitedMs += ms;
    }

    /** A load-shedding answer on endpoint, with our requests in flight when it ended. */
    public synchronized void shed(String endpoint, String message, long tMs, int inFlight) {
        Shed was = shed.get(endpoint);
        shed.put(
                endpoint,
                was == null
                        ? new Shed(endpoint, 1, cut(message), tMs, inFlight)
                        : new Shed(
                                endpoint, was.count() + 1, was.firstMessage(), was.firstTMs(), was.inFlightAtFirst()));
    }

    public synchronized List<RateLimited> rateLimited() {
        return List.copyOf(rateLimited.values());
    }

    public synchronized List<RateLimited> rateLimited(Phase phase) {
        List<RateLimited> out = new ArrayList<>();
        for (RateLimited r : rateLimited.values()) if (r.phase() == phase) out.add(r);
        return out;
    }

    public synchronized long rateLimitedCount(Phase phase) {
        return rateLimited(phase).stream().mapToLong(RateLimited::count).sum();
    }

    public synchronized List<Shed> shed() {
        return List.copyOf(shed.values());
    }

    public synchronized long shedCount() {
        return shed.values().stream().mapToLong(Shed::count).sum();
    }

    public synchronized long waitedMs() {
        return waitedMs;
    }

    /** The summary's {@code refusals} section (docs/summary-schema.md). */
    public record Section(List<Row> rateLimited, List<Shed> shed, long setupWaitedMs) {}

    /** One rate-limited endpoint as the summary writes it. */
    public record Row(
            String endpoint,
            String phase,
            String limiter,
            String code,
            long count,
            Long limit,
            Long resetSeconds,
            String firstMessage) {}

    /** The section, or null when the server refused nothing by policy. */
    public synchronized Section section() {
        if (rateLimited.isEmpty() && shed.isEmpty()) return null;
        List<Row> rows = new ArrayList<>();
        for (RateLimited r : rateLimited.values())
            rows.add(new Row(
                    r.endpoint(),
                    r.phase().label(),
                    r.limiter().name(),
                    r.limiter().code(),
                    r.count(),
                    r.limit(),
                    r.resetSeconds(),
                    r.firstMessage()));
        return new Section(rows, List.copyOf(shed.values()), waitedMs);
    }

    private static String cut(String message) {
        if (message == null) return "";
        return message.length() <= 160 ? message : message.substring(0, 160) + "…";
    }

    private static Long number(String header) {
        if (header == null || header.isBlank()) return null;
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
