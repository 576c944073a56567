package obp.loadtest.run;

/**
 * The exit code the run earned, kept in memory for {@link Main} (run.sh's JVM), which exits with it
 * once Gatling returns: Gatling's own status only says pass or "assertions failed", which cannot tell
 * a verdict failure (1) from a setup failure (3). Under {@code mvn gatling:test} nothing reads it
 * (Maven maps every failure to 1). The codes themselves are values of {@link obp.loadtest.outcome.ExitCode}.
 */
public final class RunOutcome {

    private static volatile int earned = -1;
    private static volatile boolean launched;
    private static volatile boolean exiting;

    private RunOutcome() {}

    /** Records the exit code the run earned (the last one recorded wins). */
    public static void write(int exitCode) {
        earned = exitCode;
    }

    /** The recorded exit code, or {@code otherwise} when the run recorded none. */
    public static int earnedOr(int otherwise) {
        int code = earned;
        return code < 0 ? otherwise : code;
    }

    /** Records {@code exitCode} and ends the JVM with it: a deliberate exit, not an interruption. */
    public static void exit(int exitCode) {
        write(exitCode);
        exiting = true;
        System.exit(exitCode);
    }

    /** {@link Main} started this JVM: it exits through {@link #exit}, so any other shutdown is a signal. */
    static void launchedByMain() {
        launched = true;
    }

    /** The JVM is ending because the run asked it to: every deliberate exit goes through {@link #exit}. */
    static boolean deliberate() {
        return exiting;
    }

    /**
     * From a shutdown hook: the JVM is stopping because of a signal (Ctrl-C, kill), not because the run
     * ended. Known only under {@link Main}, which always ends through {@link #exit}; under Maven, false.
     */
    static boolean signalled() {
        return launched && !deliberate();
    }
}
