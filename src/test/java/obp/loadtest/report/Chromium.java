package obp.loadtest.report;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium, driven from tests: the DOM after scripts ran, the browser's console
 * log, and every request it tried to make. All traffic is sent to a local proxy that only counts
 * (loopback included), so a page that reaches for the network is caught whatever address it names.
 */
final class Chromium {

    static final Path BINARY = Path.of("/usr/bin/chromium");

    /**
     * Hosts headless Chromium calls for itself, even with background networking disabled: its
     * component updater (update.googleapis.com), network time (clients2.google.com) and sign-in
     * (accounts.google.com). The page has no way to name them: its CSP forbids every request.
     */
    private static final Pattern BROWSER_SERVICES = Pattern.compile(
            "^(CONNECT |[A-Z]+ https?://)([a-z0-9.-]+\\.)?(google\\.com|googleapis\\.com|gstatic\\.com|gvt1\\.com)[:/ ].*");

    /** The DOM after load, the browser's stderr (console messages included), and what reached the proxy. */
    record Rendered(String dom, String log, List<String> requests) {

        /** Requests that reached the proxy, less Chromium's own calls to its services. */
        List<String> pageRequests() {
            return requests.stream()
                    .filter(r -> !BROWSER_SERVICES.matcher(r).matches())
                    .toList();
        }
    }

    private Chromium() {}

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    static Rendered dumpDom(Path html) throws IOException, InterruptedException {
        return run(html, List.of("--dump-dom", "--window-size=1400,1000"));
    }

    private static Rendered run(Path html, List<String> action) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("obp-chromium-");
        List<String> requests = Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread counter = new Thread(() -> count(proxy, requests), "chromium-proxy");
            counter.setDaemon(true);
            counter.start();
            List<String> cmd = new ArrayList<>(List.of(
                    BINARY.toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--disable-default-apps",
                    "--disable-extensions",
                    "--disable-client-side-phishing-detection",
                    "--disable-domain-reliability",
                    "--no-pings",
                    "--disable-breakpad",
                    "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,Translate,MediaRouter",
                    "--user-data-dir=" + profile,
                    "--proxy-server=http://127.0.0.1:" + proxy.getLocalPort(),
                    "--proxy-bypass-list=<-loopback>",
                    "--enable-logging=stderr",
                    "--v=0",
                    "--virtual-time-budget=5000",
                    "--run-all-compositor-stages-before-draw"));
            cmd.addAll(action);
            cmd.add(html.toAbsolutePath().toUri().toString());
            Path out = profile.resolve("stdout.txt");
            Path err = profile.resolve("stderr.txt");
            Process p = new ProcessBuilder(cmd)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException("chromium did not finish within 90 s");
            }
            return new Rendered(
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8),
                    List.copyOf(requests));
        } finally {
            deleteTree(profile);
        }
    }

    private static void count(ServerSocket proxy, List<String> requests) {
        while (!proxy.isClosed()) {
            try (Socket s = proxy.accept()) {
                s.setSoTimeout(2000);
                InputStream in = s.getInputStream();
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = in.read()) != -1 && c != '\n' && line.length() < 300) line.append((char) c);
                requests.add(line.toString().trim());
            } catch (IOException e) {
                if (proxy.isClosed()) return;
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp profile left behind is harmless
        }
    }

    static Optional<String> skipReason() {
        return available()
                ? Optional.empty()
                : Optional.of("no " + BINARY
                        + ": install Debian's chromium (apt-get install -y chromium) to render the verdict page");
    }
}
