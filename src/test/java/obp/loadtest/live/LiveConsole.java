package obp.loadtest.live;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import obp.loadtest.report.Redactor;
import obp.loadtest.verdict.Outcome;
import obp.loadtest.verdict.PoolEvidence;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Our console lines, also copied to the run log. Under run.sh the launcher already tees the whole
 * console (Gatling's blocks included) into the log, so then we only print.
 *
 * <p>Request lines adapt to the rate ({@link Mode}): every request on its own line while few
 * arrive; above {@code digestRate} lines a second, one digest line a second instead. Flags (slow,
 * timed out, still waiting) are always printed on their own line with their worker, except with
 * {@link Mode#OFF}. So the console and the log grow with time, not with the request count.
 */
public final class LiveConsole implements AutoCloseable {

    /** What the sweep prints per request. */
    public enum Mode {
        /** Every request on its own line, whatever the rate. */
        ALL,
        /** Every request while at most the digest rate arrive per second; above it, one digest line a second. */
        AUTO,
        /** Only the flags (slow, timeout, still waiting). */
        FLAGS,
        /** No live lines at all (setup, table and verdict still print). */
        OFF;

        public static Mode parse(String raw) {
            try {
                return valueOf(raw.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--live must be all, auto, flags or off, got '" + raw + "'");
            }
        }
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** Durations above an hour are recorded as an hour (the digest's p95 only needs to be roughly right there). */
    private static final long HIGHEST_MS = 3_600_000L;

    private final PrintStream out;
    private final Writer log;
    private final Mode mode;
    private final int digestRate;

    // The current second, for the digest: counters and a wait-free latency recorder.
    private final LongAdder requests = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final LongAdder slow = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Recorder latencies = new Recorder(HIGHEST_MS, 2);
    private Histogram spare;
    /** Request lines printed this second (AUTO): past the digest rate, the rest of the second goes to the digest. */
    private final AtomicInteger linesThisSecond = new AtomicInteger();

    private volatile boolean digesting;
    private final AtomicBoolean ticking = new AtomicBoolean();
    private ScheduledExecutorService ticker;
    private volatile IntSupplier active = () -> -1;
    private volatile Supplier<PoolEvidence.Latest> pool = () -> null;

    /**
     * @param log a copy of every line, or null when the launcher keeps the log
     * @param tickEverySecond in auto mode, a thread ends each second (the run); false, the caller calls
     *     {@link #tick} (tests, so seconds pass when they say)
     */
    LiveConsole(PrintStream out, Writer log, Mode mode, int digestRate, boolean tickEverySecond) {
        this.out = out;
        this.log = log;
        this.mode = mode;
        this.digestRate = Math.max(1, digestRate);
        this.ticking.set(!tickEverySecond);
    }

    public static LiveConsole open(Path logFile, boolean launcherTees, Mode mode, int digestRate) {
        if (launcherTees) return new LiveConsole(System.out, null, mode, digestRate, true);
        try {
            if (logFile.getParent() != null) Files.createDirectories(logFile.getParent());
            return new LiveConsole(
                    System.out, Files.newBufferedWriter(logFile, StandardCharsets.UTF_8), mode, digestRate, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + logFile, e);
        }
    }

    /** Where the digest reads requests in flight and the pool's latest sample. */
    public void digestFrom(IntSupplier activeWorkers, Supplier<PoolEvidence.Latest> latestPool) {
        this.active = activeWorkers;
        this.pool = latestPool;
    }

    /**
     * One finished request of the live sweep. Cheap when nothing is printed: counters only, and
     * the line is built only when it will be shown.
     *
     * @param status 0 when no response arrived
     * @param flagged slower than the slow threshold, or timed out: always printed (but with OFF)
     */
    public void request(String worker, String endpoint, int status, long ms, Outcome outcome, boolean flagged) {
        if (mode == Mode.OFF) return;
        requests.increment();
        switch (outcome) {
            case OK -> ok.increment();
            case SLOW -> slow.increment();
            case TIMEOUT -> timeouts.increment();
            default -> errors.increment();
        }
        latencies.recordValue(Math.min(Math.max(ms, 0), HIGHEST_MS));
        // A read first: a compare-and-set on every request would bounce the flag's cache line between the event loops.
        if (mode == Mode.AUTO && !ticking.get() && ticking.compareAndSet(false, true)) startTicker();
        if (flagged || mode == Mode.ALL || mode == Mode.AUTO && !digesting && underRate()) {
            String shown =
                    status == 0 ? (outcome == Outcome.TIMEOUT ? "TIMEOUT" : "CONN-ERROR") : Integer.toString(status);
            line(worker + " " + endpoint + " " + shown + " " + ms + " ms"
                    + (flagged ? " " + InFlightWatch.SLOW_FLAG : ""));
        }
    }

    private boolean underRate() {
        if (linesThisSecond.incrementAndGet() <= digestRate) return true;
        digesting = true;
        return false;
    }

    /** A flag raised outside a finished request (the in-flight watch): printed unless OFF. */
    public void flag(String text) {
        if (mode != Mode.OFF) line(text);
    }

    private synchronized void startTicker() {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "obp-live-digest");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(
                () -> {
                    try {
                        tick();
                    } catch (RuntimeException e) {
                        // A digest that cannot be built this second must not end the digests (a thrown
                        // exception would cancel the schedule); the next second tries again.
                    }
                },
                1,
                1,
                TimeUnit.SECONDS);
    }

    /**
     * The stop: the digest of the second the stop fell in is printed now, before the stop's own lines, and no
     * more digests follow (nothing ends in the statistics after the stop).
     */
    public void endDigests() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = ticker;
        }
        if (t != null) t.shutdownNow();
        if (ticking.get()) tick();
    }

    /** Each second: the digest line if this second went over the rate; back to request lines once under it. */
    void tick() {
        long n = requests.sumThenReset();
        long okN = ok.sumThenReset();
        long slowN = slow.sumThenReset();
        long timeoutN = timeouts.sumThenReset();
        long errorN = errors.sumThenReset();
        Histogram second;
        synchronized (this) {
            second = latencies.getIntervalHistogram(spare);
            spare = second;
        }
        linesThisSecond.set(0);
        if (!digesting) return;
        if (n <= digestRate) digesting = false;
        if (n == 0) return;
        line(digest(
                LocalTime.now(),
                n,
                okN,
                slowN,
                timeoutN,
                errorN,
                n == 0 ? 0 : second.getValueAtPercentile(95),
                active.getAsInt(),
                pool.get()));
    }

    static String digest(
            LocalTime at,
            long n,
            long okN,
            long slowN,
            long timeoutN,
            long errorN,
            long p95,
            int active,
            PoolEvidence.Latest pool) {
        StringBuilder s = new StringBuilder(160);
        s.append('[')
                .append(CLOCK.format(at))
                .append("] ")
                .append(n)
                .append(" req/s | OK ")
                .append(okN)
                .append(" | slow ")
                .append(slowN)
                .append(" | timeouts ")
                .append(timeoutN)
                .append(" | errors ")
                .append(errorN)
                .append(" | p95 ")
                .append(p95)
                .append(" ms");
        if (active >= 0) s.append(" | in flight ").append(active);
        s.append(" | pool ");
        if (pool == null) s.append("n/a");
        else
            s.append(pool.active())
                    .append('/')
                    .append(pool.maxPoolSize())
                    .append(" active, ")
                    .append(pool.waiting())
                    .append(" waiting");
        return s.toString();
    }

    /** Prints one line; safe from many virtual users at once. */
    public synchronized void line(String text) {
        write(text);
    }

    /**
     * The one place text leaves this class, for the console and (outside run.sh) the log: redacted, so no
     * secret reaches either. A line longer than {@link #MAX_LINE} (OBP lists its whole role catalogue in
     * one error) is cut on the console; the log keeps it whole.
     */
    private void write(String raw) {
        String text = Redactor.redact(raw);
        String shown = shortened(text);
        out.println(shown);
        if (log != null) {
            try {
                log.write(text);
                log.write('\n');
            } catch (IOException ignored) {
                // the console still has it; a full disk must not stop the run
            }
        } else if (shown != text) {
            wholeLines.accept(text);
        }
    }

    /** A line for the log alone (the whole of what a console line had to cut). */
    public synchronized void logOnly(String raw) {
        String text = Redactor.redact(raw);
        if (log == null) {
            wholeLines.accept(text);
            return;
        }
        try {
            log.write(text);
            log.write('\n');
        } catch (IOException ignored) {
            // see write()
        }
    }

    /** The longest line the console shows. */
    public static final int MAX_LINE = 300;

    /** Where a cut line goes whole when the console is copied to the log by run.sh's JVM (its log alone). */
    private static volatile java.util.function.Consumer<String> wholeLines = line -> {};

    /** Run.sh's JVM hands over its log, so the whole of a cut line still reaches it. */
    public static void wholeLinesTo(java.util.function.Consumer<String> logOnly) {
        wholeLines = logOnly;
    }

    /** {@code text} itself when it fits, else its start and how much was left out. */
    static String shortened(String text) {
        if (text.length() <= MAX_LINE) return text;
        String tail = "… (" + (text.length() - (MAX_LINE - 60)) + " more characters: the whole line is in the log)";
        return text.substring(0, MAX_LINE - 60) + tail;
    }

    public synchronized void flush() {
        out.flush();
        if (log != null) {
            try {
                log.flush();
            } catch (IOException ignored) {
                // see line()
            }
        }
    }

    @Override
    public synchronized void close() {
        if (ticker != null) ticker.shutdownNow();
        flush();
        if (log != null) {
            try {
                log.close();
            } catch (IOException ignored) {
                // nothing left to save
            }
        }
    }
}
