package obp.loadtest.live;

/**
 * The run's one stop gate. Once it is tripped (Ctrl-C, SIGTERM, the early stop, later the dashboard's
 * Stop) no request starts any more ({@code scenarios/Timed} reads it between requests and drops the
 * virtual user instead), and a request that ends afterwards is counted as interrupted, never in the
 * statistics, the timeline or the digest ({@link RunRecorder}). Reading it is one volatile read, the
 * per-request cost of the gate.
 */
public final class StopSignal {

    /** Why the run stops. */
    public enum Reason {
        /** Ctrl-C or SIGTERM: the run ends as INTERRUPTED, exit 130. */
        SIGNAL,
        /** --stop-after-timeouts: the verdict is settled; the run ends with that verdict. */
        EARLY
    }

    private static volatile Reason reason;
    private static volatile String what;
    private static volatile long atNanos;
    private static volatile boolean hurry;

    private StopSignal() {}

    /** Whether the gate is shut: no request may start. */
    public static boolean stopped() {
        return reason != null;
    }

    /** Shuts the gate; true for the call that shut it, false when it was already shut (a second signal). */
    public static synchronized boolean trip(Reason why, String description) {
        if (reason != null) return false;
        atNanos = System.nanoTime();
        what = description;
        reason = why;
        return true;
    }

    /** Why it stopped, or null while running. */
    public static Reason reason() {
        return reason;
    }

    /** What stopped it, as the console says it ("Ctrl-C", "SIGTERM", "early stop"). */
    public static String what() {
        return what;
    }

    /** When the gate was shut (System.nanoTime), or 0 while running. */
    public static long atNanos() {
        return reason == null ? 0 : atNanos;
    }

    /** A second signal: whatever waits (the grace, the cleanup) gives up now. */
    public static void hurry() {
        hurry = true;
    }

    public static boolean hurried() {
        return hurry;
    }

    /** For tests in one JVM: open the gate again. */
    public static synchronized void resetForTests() {
        reason = null;
        what = null;
        atNanos = 0;
        hurry = false;
    }
}
