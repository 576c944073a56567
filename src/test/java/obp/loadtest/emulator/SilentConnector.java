package obp.loadtest.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The stored-procedure connector's database as a dev instance sees it when it is unreachable:
 * a loopback listener that accepts every connection and never answers. {@link #probe} really dials it.
 */
final class SilentConnector implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    SilentConnector() throws IOException {
        listener = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptForever, "silent-connector-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptForever() {
        while (!listener.isClosed()) {
            try {
                accepted.add(listener.accept()); // kept open, never read from or written to
            } catch (IOException closed) {
                return;
            }
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The health check's outcome: the connector answered, or why not. */
    record Health(boolean ok, long elapsedMs, String error) {}

    /** Connects, sends a ping and waits up to {@code timeout} for any byte back. */
    Health probe(Duration timeout) {
        long start = System.nanoTime();
        try (Socket s = new Socket()) {
            int ms = (int) Math.max(1, timeout.toMillis());
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()), ms);
            s.setSoTimeout(ms);
            s.getOutputStream().write("SELECT 1\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            int b = s.getInputStream().read();
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            return b < 0
                    ? new Health(false, elapsed, "Connection closed by the connector database")
                    : new Health(true, elapsed, "");
        } catch (SocketTimeoutException e) {
            return new Health(
                    false,
                    (System.nanoTime() - start) / 1_000_000,
                    "Connector database did not answer within " + timeout.toMillis() + "ms");
        } catch (IOException e) {
            return new Health(false, (System.nanoTime() - start) / 1_000_000, String.valueOf(e.getMessage()));
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : accepted) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
