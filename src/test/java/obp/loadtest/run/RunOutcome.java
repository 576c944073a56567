package obp.loadtest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The exit code the run earned, left where run.sh reads it: Maven reports every failure as 1, so
 * the launcher needs this to tell a verdict failure (1) from a setup failure (3).
 */
public final class RunOutcome {

    public static final int PASS = 0;
    public static final int VERDICT_FAILURE = 1;
    public static final int USAGE_ERROR = 2;
    public static final int SETUP_FAILURE = 3;

    public static final Path FILE = Path.of("target", "obp-loadtest", "exit-code");

    private RunOutcome() {}

    public static void write(int exitCode) {
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, Integer.toString(exitCode));
        } catch (IOException e) {
            System.err.println("obp-loadtest: cannot write " + FILE + ": " + e.getMessage());
        }
    }
}
