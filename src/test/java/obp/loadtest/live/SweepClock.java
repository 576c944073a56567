package obp.loadtest.live;

import java.util.concurrent.TimeUnit;

/**
 * Time since the measured sweep began, shared by the recorder, the pool sampler and the timeline, so
 * their series line up. Before the sweep (during calibration) it reads negative. Thread-safe.
 */
public final class SweepClock {

    private final long createdNanos = System.nanoTime();
    private volatile long startNanos;

    /** The measured sweep begins now (idempotent). */
    public synchronized void start() {
        if (startNanos == 0) startNanos = System.nanoTime();
    }

    /** ms from this clock's creation to the sweep's start; -1 before it started. */
    public long startOffsetMs() {
        long start = startNanos;
        return start == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(start - createdNanos);
    }

    public boolean started() {
        return startNanos != 0;
    }

    /** ms since the sweep began; before that, minus one minus the ms since this clock was made. */
    public long ms() {
        long now = System.nanoTime();
        long start = startNanos;
        return start == 0
                ? -1 - TimeUnit.NANOSECONDS.toMillis(now - createdNanos)
                : TimeUnit.NANOSECONDS.toMillis(now - start);
    }
}
