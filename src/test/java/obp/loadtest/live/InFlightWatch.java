package obp.loadtest.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Flags a request still waiting past the slow threshold while it waits (the Go tool only flagged
 * on completion): a scan every 200 ms, so the flag comes within a fraction of a second, once.
 */
public final class InFlightWatch implements AutoCloseable {

    public static final String SLOW_FLAG = "[SLOW — suspect stall]";
    private static final long SCAN_MS = 200;

    /** One request in flight; {@code flagged} is only read and written by the scanner thread. */
    private static final class Waiting {
        final String worker;
        final String endpoint;
        final long startNanos;
        /** Written by the scanner thread; read by the live page too. */
        volatile boolean flagged;

        Waiting(String worker, String endpoint, long startNanos) {
            this.worker = worker;
            this.endpoint = endpoint;
            this.startNanos = startNanos;
        }
    }

    private final Map<Long, Waiting> waiting = new ConcurrentHashMap<>();
    private final long thresholdNanos;
    private final Consumer<String> out;
    private final ScheduledExecutorService scanner;

    public InFlightWatch(long thresholdMillis, Consumer<String> out) {
        this.thresholdNanos = TimeUnit.MILLISECONDS.toNanos(thresholdMillis);
        this.out = out;
        this.scanner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "obp-in-flight-watch");
            t.setDaemon(true);
            return t;
        });
        scanner.scheduleAtFixedRate(this::scan, SCAN_MS, SCAN_MS, TimeUnit.MILLISECONDS);
    }

    /** A request left; {@code key} identifies the virtual user (one request in flight each). */
    public void started(long key, String worker, String endpoint, long startNanos) {
        waiting.put(key, new Waiting(worker, endpoint, startNanos));
    }

    /** The request ended. */
    public void finished(long key) {
        waiting.remove(key);
    }

    /** Requests in flight now (one per virtual user at most). */
    public int inFlight() {
        return waiting.size();
    }

    /** The requests flagged and still waiting now, as their flag said them, with the time waited so far. */
    public List<String> stillWaiting() {
        long now = System.nanoTime();
        List<String> out = new ArrayList<>();
        for (Waiting w : waiting.values()) {
            if (w.flagged)
                out.add(String.format(
                        Locale.ROOT,
                        "%s %s still waiting after %.1f s",
                        w.worker,
                        w.endpoint,
                        (now - w.startNanos) / 1e9));
        }
        return out;
    }

    void scan() {
        long now = System.nanoTime();
        for (Waiting w : waiting.values()) {
            long elapsed = now - w.startNanos;
            if (elapsed >= thresholdNanos && !w.flagged) {
                w.flagged = true;
                out.accept(String.format(
                        "%s %s still waiting after %.1f s %s", w.worker, w.endpoint, elapsed / 1e9, SLOW_FLAG));
            }
        }
    }

    @Override
    public void close() {
        scanner.shutdownNow();
    }
}
