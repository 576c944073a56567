package obp.loadtest.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium with one page open, driven over the DevTools protocol (a WebSocket, the JDK's
 * client): evaluate JavaScript in the page, as a user's clicks and eyes would, and take screenshots. The page
 * keeps running between calls (its event stream, its timers), which a one-shot {@code --dump-dom} cannot show.
 */
final class Browser implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private Browser(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** Chromium, headless, with {@code url} open in its one page. */
    static Browser open(String url, int width, int height) throws Exception {
        Path profile = Files.createTempDirectory("obp-browser-");
        Process p = new ProcessBuilder(
                        BINARY.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-extensions",
                        "--remote-debugging-address=127.0.0.1",
                        "--remote-debugging-port=0",
                        "--user-data-dir=" + profile,
                        "--window-size=" + width + "," + height,
                        url)
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        try {
            // Chromium writes the port it chose to this file once it listens.
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.isRegularFile(portFile)
                    || Files.readAllLines(portFile).isEmpty()) {
                if (!p.isAlive() || System.nanoTime() > deadline)
                    throw new IllegalStateException("chromium did not start: " + log(profile));
                Thread.sleep(50);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
            HttpClient http = HttpClient.newHttpClient();
            String pageSocket = null;
            while (pageSocket == null) {
                JsonNode targets = JSON.readTree(http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
                for (JsonNode t : targets)
                    if ("page".equals(t.path("type").asText()))
                        pageSocket = t.path("webSocketDebuggerUrl").asText();
                if (pageSocket == null) {
                    if (System.nanoTime() > deadline) throw new IllegalStateException("chromium opened no page");
                    Thread.sleep(50);
                }
            }
            Browser[] self = new Browser[1];
            WebSocket ws = http.newWebSocketBuilder()
                    .buildAsync(URI.create(pageSocket), new Listener(m -> {
                        Browser b = self[0];
                        if (b != null) b.answer(m);
                    }))
                    .get(30, TimeUnit.SECONDS);
            self[0] = new Browser(p, profile, ws);
            return self[0];
        } catch (Exception e) {
            p.destroyForcibly();
            deleteTree(profile);
            throw e;
        }
    }

    /** The value of {@code expression} in the page (a promise is awaited), as JSON. */
    JsonNode eval(String expression) throws Exception {
        ObjectNode params = JSON.createObjectNode()
                .put("expression", expression)
                .put("returnByValue", true)
                .put("awaitPromise", true);
        JsonNode r = call("Runtime.evaluate", params);
        if (r.has("exceptionDetails")) throw new IllegalStateException("page threw: " + r.path("exceptionDetails"));
        return r.path("result").path("value");
    }

    /** Waits until {@code condition} (JavaScript) is true in the page. */
    void await(String condition, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                if (eval("!!(" + condition + ")").asBoolean()) return;
            } catch (IllegalStateException e) {
                // the document is being replaced: ask again
            }
            if (System.nanoTime() > deadline)
                throw new AssertionError("not within " + limit + ": " + condition + "\nchromium: " + log(profile));
            Thread.sleep(100);
        }
    }

    /** The window as it is drawn now, as a PNG. */
    void screenshot(Path png) throws Exception {
        JsonNode r = call(
                "Page.captureScreenshot",
                JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", false));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(r.path("data").asText()));
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params);
        socket.sendText(JSON.writeValueAsString(msg), true).get(CALL.toSeconds(), TimeUnit.SECONDS);
        JsonNode r = answer.get(CALL.toSeconds(), TimeUnit.SECONDS);
        if (r.has("error")) throw new IllegalStateException(method + ": " + r.path("error"));
        return r.path("result");
    }

    private void answer(String message) {
        try {
            JsonNode m = JSON.readTree(message);
            if (!m.has("id")) return; // an event: not asked for
            CompletableFuture<JsonNode> f = pending.remove(m.path("id").asInt());
            if (f != null) f.complete(m);
        } catch (IOException e) {
            // not JSON: not ours
        }
    }

    @Override
    public void close() {
        socket.abort();
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(profile);
    }

    /** Whole messages, however many frames each came in. */
    private static final class Listener implements WebSocket.Listener {
        private final java.util.function.Consumer<String> whole;
        private final StringBuilder part = new StringBuilder();

        Listener(java.util.function.Consumer<String> whole) {
            this.whole = whole;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                String m = part.toString();
                part.setLength(0);
                whole.accept(m);
            }
            ws.request(1);
            return null;
        }
    }

    private static String log(Path profile) {
        try {
            List<String> lines = Files.readAllLines(profile.resolve("chromium.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp profile left behind is harmless
        }
    }
}
