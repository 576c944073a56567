package obp.loadtest.outcome;

/**
 * The exit codes a run, the merge command and the settings check end with, as values: a bottom
 * package every other may use (verdict's {@code Diagnosis} names them, {@code ci} and {@code merge}
 * exit with them). Ending the process is not here: {@code run/RunOutcome} keeps the code the run
 * earned and {@code run/Main} exits with it.
 */
public final class ExitCode {

    public static final int PASS = 0;
    public static final int VERDICT_FAILURE = 1;
    public static final int USAGE_ERROR = 2;
    public static final int SETUP_FAILURE = 3;
    /** What the JVM itself exits with when SIGINT (Ctrl-C) stops it: 128 + 2. */
    public static final int INTERRUPTED = 130;

    private ExitCode() {}
}
