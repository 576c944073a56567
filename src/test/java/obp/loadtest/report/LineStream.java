package obp.loadtest.report;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * A stream that hands on whole lines: bytes gather until a newline, then {@link #line} gets them, the
 * newline included. What the redacting standard streams ({@link Redactor}) and the run log's copy of the
 * console ({@code run/ConsoleTee}) build on, so a line is cut the same way for both.
 */
public abstract class LineStream extends OutputStream {

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(256);

    /** One whole line (or, from {@link #endPartialLine}, the end of the text without its newline). */
    protected abstract void line(byte[] line);

    @Override
    public synchronized void write(int b) {
        pending.write(b);
        if (b == '\n') endLine();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                pending.write(b, start, i + 1 - start);
                endLine();
                start = i + 1;
            }
        }
        if (start < off + len) pending.write(b, start, off + len - start);
    }

    /** Hands on what waits for its newline, if anything does (at close). */
    protected final synchronized void endPartialLine() {
        if (pending.size() > 0) endLine();
    }

    private void endLine() {
        byte[] whole = pending.toByteArray();
        pending.reset();
        line(whole);
    }
}
