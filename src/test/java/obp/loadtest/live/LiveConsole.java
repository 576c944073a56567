package obp.loadtest.live;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import obp.loadtest.report.Redactor;

/**
 * Our console lines, also copied to the run log. Under run.sh the launcher already tees the whole
 * console (Gatling's blocks included) into the log, so then we only print.
 */
public final class LiveConsole implements AutoCloseable {

    private final PrintStream out;
    private final Writer log;

    private LiveConsole(PrintStream out, Writer log) {
        this.out = out;
        this.log = log;
    }

    public static LiveConsole open(Path logFile, boolean launcherTees) {
        if (launcherTees) return new LiveConsole(System.out, null);
        try {
            if (logFile.getParent() != null) Files.createDirectories(logFile.getParent());
            return new LiveConsole(System.out, Files.newBufferedWriter(logFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + logFile, e);
        }
    }

    /** Prints one line, redacted (no secret reaches the console or the log); safe from many virtual users at once. */
    public synchronized void line(String raw) {
        String text = Redactor.redact(raw);
        out.println(text);
        if (log != null) {
            try {
                log.write(text);
                log.write('\n');
            } catch (IOException ignored) {
                // the console still has it; a full disk must not stop the run
            }
        }
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
