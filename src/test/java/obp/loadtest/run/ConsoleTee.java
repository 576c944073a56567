package obp.loadtest.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import obp.loadtest.live.LiveConsole;
import obp.loadtest.report.LineStream;

/**
 * The console, copied to the run log: System.out and System.err reach the terminal unchanged, and
 * every line of either is appended to the log without colour codes. {@link Main} installs it before
 * Gatling starts, so the log holds Gatling's blocks, our lines and the verdict a shutdown hook
 * prints. Each line is written to the file as it ends (no buffer), so a JVM stopped by Ctrl-C loses none.
 */
final class ConsoleTee {
    // A line the console cuts (LiveConsole.MAX_LINE) reaches the log whole through LiveConsole.wholeLinesTo.

    private static volatile boolean installed;

    private ConsoleTee() {}

    /** The console is copied to the log: our own console then only prints (it must not write the log twice). */
    static boolean installed() {
        return installed;
    }

    /** Starts the log afresh at {@code logFile} and copies System.out and System.err into it from now on. */
    static synchronized void install(Path logFile) throws IOException {
        if (installed) return;
        Path dir = logFile.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Log log = new Log(Files.newOutputStream(logFile));
        Charset charset = Charset.defaultCharset();
        LiveConsole.wholeLinesTo(line -> log.append((line + "\n").getBytes(charset)));
        System.setOut(new PrintStream(new Tee(System.out, log), true, charset));
        System.setErr(new PrintStream(new Tee(System.err, log), true, charset));
        installed = true;
    }

    /** One of the two standard streams: bytes pass straight to the console; whole lines go to the log. */
    static final class Tee extends LineStream {
        private final PrintStream console;
        private final Log log;

        Tee(PrintStream console, Log log) {
            this.console = console;
            this.log = log;
        }

        @Override
        public synchronized void write(int b) {
            console.write(b);
            super.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            console.write(b, off, len);
            super.write(b, off, len);
        }

        @Override
        protected void line(byte[] line) {
            log.append(line);
        }

        @Override
        public synchronized void flush() {
            console.flush();
        }
    }

    /** The log file, shared by both streams: a line at a time, so out and err never interleave mid-line. */
    static final class Log {
        private final OutputStream file;
        private boolean broken;

        Log(OutputStream file) {
            this.file = file;
        }

        synchronized void append(byte[] line) {
            if (broken) return;
            try {
                file.write(withoutColours(line));
            } catch (IOException e) {
                // The console still has it; a full disk must not stop the run (nor fill the console with this).
                broken = true;
            }
        }
    }

    /** {@code line} without ANSI colour sequences (ESC [ digits and semicolons m). */
    static byte[] withoutColours(byte[] line) {
        ByteArrayOutputStream out = null;
        int copied = 0;
        for (int i = 0; i < line.length; i++) {
            if (line[i] != 0x1B || i + 1 >= line.length || line[i + 1] != '[') continue;
            int j = i + 2;
            while (j < line.length && (line[j] >= '0' && line[j] <= '9' || line[j] == ';')) j++;
            if (j >= line.length || line[j] != 'm') continue;
            if (out == null) out = new ByteArrayOutputStream(line.length);
            out.write(line, copied, i - copied);
            copied = j + 1;
            i = j;
        }
        if (out == null) return line;
        out.write(line, copied, line.length - copied);
        return out.toByteArray();
    }
}
