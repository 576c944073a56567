package obp.loadtest.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The run, live in a browser (--dashboard): the verdict page rendered from the run's summary so far, with a live
 * section first, pushed once a second by server-sent events; at the end the final verdict page replaces it in
 * every open browser. The JDK's HTTP server on 127.0.0.1 only, while the run lasts. Every path starts with a
 * per-run random token (compared in constant time; a wrong one is a 404); it answers GETs (the page, its event
 * stream) and one POST, Stop, which ends the run as Ctrl-C does. Nothing is computed unless a page is open: the
 * snapshot is built at most once a second, whatever the number of pages.
 */
public final class LiveDashboard implements AutoCloseable {

    /** What the page shows: the run's summary so far (verdict-page schema) and the live facts (see {@link #live}). */
    public record Snapshot(JsonNode summary, JsonNode live) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIVE_JS = VerdictPage.resource("report/live.js");
    /** How often a page is updated (at a fixed rate: building an update does not stretch it). */
    private static final long TICK_MS = 1_000;
    /** Open pages (event streams) served at once; each holds a thread while it is open. */
    private static final int STREAMS = 8;
    /** At the end, how long open pages get to receive the final page before the server stops. */
    private static final long FINAL_WAIT_MS = 3_000;

    private final HttpServer server;
    private final String token;
    private final Supplier<Snapshot> feed;
    private final Runnable stop;
    private final ThreadPoolExecutor threads;
    private final AtomicBoolean stopPressed = new AtomicBoolean();
    private final AtomicInteger streams = new AtomicInteger();
    private final Object tick = new Object();
    private volatile String finalPage;
    /** The last update sent, and when it was built (System.nanoTime): pages opened within a tick share it. */
    private String cached;

    private long cachedAt;
    private long updates;
    /** CPU time this server's threads spent building pages and updates (the dashboard's own cost). */
    private final java.util.concurrent.atomic.LongAdder cpuNanos = new java.util.concurrent.atomic.LongAdder();

    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private LiveDashboard(HttpServer server, String token, Supplier<Snapshot> feed, Runnable stop) {
        this.server = server;
        this.token = token;
        this.feed = feed;
        this.stop = stop;
        // Room for every stream and still a thread for the page and Stop (streams beyond STREAMS are refused).
        this.threads = new ThreadPoolExecutor(
                STREAMS + 4, STREAMS + 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "obp-dashboard");
                    t.setDaemon(true);
                    return t;
                });
        threads.allowCoreThreadTimeOut(true);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    /**
     * Serves the live page on 127.0.0.1:{@code port} (0 = a free port). {@code feed} is read at most once a second
     * while a page is open; {@code stop} runs once, on its own thread, when Stop is pressed.
     */
    public static LiveDashboard open(int port, Supplier<Snapshot> feed, Runnable stop) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        // A secret like the others: whatever prints it by mistake prints it masked (url() is the one way out).
        Redactor.register(token);
        LiveDashboard d = new LiveDashboard(server, token, feed, stop);
        server.start();
        return d;
    }

    /** The page's address, its token included: printed once, to the terminal alone (see README, "Live dashboard"). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + token + "/";
    }

    /** The address with the token masked, for the log. */
    public String maskedUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + Redactor.MASK + "/";
    }

    /** Updates sent so far (each built once, whatever the number of pages). */
    public synchronized long updates() {
        return updates;
    }

    /**
     * The run is over: every open page is replaced by the verdict page of {@code summary}, the run's result (null:
     * the run ended without one, the pages say so), then the server stops.
     */
    public void finish(JsonNode summary, java.util.function.Consumer<String> say) {
        // The verdict page as the run wrote it, less its links (relative to the file, they lead nowhere from here).
        finalPage = summary == null
                ? "<!DOCTYPE html><title>obp-loadtest</title><p>The run ended before its verdict was built.</p>"
                : Redactor.redact(VerdictPage.render(summary, NO_LINKS));
        synchronized (tick) {
            tick.notifyAll();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FINAL_WAIT_MS);
        while (streams.get() > 0 && System.nanoTime() < deadline) pause(20);
        close();
        say.accept(String.format(
                java.util.Locale.ROOT,
                "dashboard: closed after %d update%s (%.2f s of CPU building them)",
                updates(),
                updates() == 1 ? "" : "s",
                cpuNanos.sum() / 1e9));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    // --- the server -----------------------------------------------------------------------------------------------

    private void handle(HttpExchange x) throws IOException {
        try {
            route(x);
        } catch (IOException e) {
            // the browser went away
        } finally {
            x.close();
        }
    }

    private void route(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getRawPath();
        int slash = path.indexOf('/', 1);
        String given = slash < 0 ? path.substring(1) : path.substring(1, slash);
        String rest = slash < 0 ? "" : path.substring(slash);
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            plain(x, 404, "not found");
            return;
        }
        String method = x.getRequestMethod();
        switch (rest) {
            case "" -> {
                x.getResponseHeaders().set("Location", "/" + token + "/");
                plain(x, 308, "moved");
            }
            case "/" -> {
                if (allowed(x, method, "GET")) page(x);
            }
            case "/events" -> {
                if (allowed(x, method, "GET")) events(x);
            }
            case "/stop" -> {
                if (allowed(x, method, "POST")) stop(x);
            }
            default -> plain(x, 404, "not found");
        }
    }

    private static boolean allowed(HttpExchange x, String method, String allowed) throws IOException {
        if (method.equals(allowed) || (allowed.equals("GET") && method.equals("HEAD"))) return true;
        x.getResponseHeaders().set("Allow", allowed.equals("GET") ? "GET, HEAD" : allowed);
        plain(x, 405, "method not allowed");
        return false;
    }

    /** The page as the run stands now (a reload starts from here), or the final verdict page once the run ended. */
    private void page(HttpExchange x) throws IOException {
        String html = finalPage;
        if (html == null) {
            long cpu0 = cpu();
            Snapshot s = feed.get();
            html = Redactor.redact(VerdictPage.render(s.summary(), NO_LINKS, header(s.live()), LIVE_JS));
            cpuNanos.add(cpu() - cpu0);
        }
        send(x, 200, "text/html; charset=utf-8", html);
    }

    private static final VerdictPage.Links NO_LINKS = new VerdictPage.Links(null, null);

    /** Server-sent events: the state at once, then once a second; the final page at the end, then the stream ends. */
    private void events(HttpExchange x) throws IOException {
        if (streams.incrementAndGet() > STREAMS) {
            streams.decrementAndGet();
            plain(x, 503, "too many open pages: close one");
            return;
        }
        try (OutputStream out = x.getResponseBody()) {
            headers(x, "text/event-stream; charset=utf-8");
            x.sendResponseHeaders(200, 0);
            out.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
            // At a fixed rate: an update's own cost does not stretch the interval.
            long next = System.nanoTime();
            while (true) {
                String fin = finalPage;
                if (fin != null) {
                    event(out, "final", json(Map.of("page", fin)));
                    return;
                }
                event(out, "state", update());
                next += TimeUnit.MILLISECONDS.toNanos(TICK_MS);
                long waitMs = TimeUnit.NANOSECONDS.toMillis(next - System.nanoTime());
                if (waitMs <= 0) next = System.nanoTime();
                else
                    synchronized (tick) {
                        if (finalPage == null) tick.wait(waitMs);
                    }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streams.decrementAndGet();
        }
    }

    /** Stop: once; the run's stop path runs on its own thread (it ends the JVM), the answer goes back at once. */
    private void stop(HttpExchange x) throws IOException {
        if (stopPressed.compareAndSet(false, true)) {
            Thread t = new Thread(stop, "obp-dashboard-stop");
            t.setDaemon(true);
            t.start();
            plain(x, 202, "stopping");
        } else {
            plain(x, 202, "already stopping");
        }
    }

    /** One update for every open page: built at most once a tick. */
    private synchronized String update() {
        long now = System.nanoTime();
        if (cached == null || now - cachedAt >= TimeUnit.MILLISECONDS.toNanos(TICK_MS / 2)) {
            long cpu0 = cpu();
            Snapshot s = feed.get();
            cached = Redactor.redact(json(Map.of(
                    "main", VerdictPage.main(s.summary(), NO_LINKS, header(s.live())),
                    "summary", s.summary(),
                    "title",
                            "live · "
                                    + VerdictPage.label(s.summary()
                                            .path("verdict")
                                            .path("name")
                                            .asText("?")) + " so far · obp-loadtest")));
            cachedAt = now;
            updates++;
            cpuNanos.add(cpu() - cpu0);
        }
        return cached;
    }

    private static void event(OutputStream out, String name, String data) throws IOException {
        // JSON on one line: no raw line break can end the event early.
        out.write(("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void plain(HttpExchange x, int status, String text) throws IOException {
        send(x, status, "text/plain; charset=utf-8", text + "\n");
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers(x, type);
        boolean head = x.getRequestMethod().equals("HEAD");
        x.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) x.getResponseBody().write(bytes);
    }

    private static void headers(HttpExchange x, String type) {
        var h = x.getResponseHeaders();
        h.set("Content-Type", type);
        h.set("Cache-Control", "no-store");
        h.set("X-Content-Type-Options", "nosniff");
        // The token is in the URL: no page it links to may learn it.
        h.set("Referrer-Policy", "no-referrer");
        h.set("X-Frame-Options", "DENY");
    }

    // --- the live section -----------------------------------------------------------------------------------------

    /**
     * The live section, first on the page: the phase and the load, the counts so far, the pool now, the verdict as
     * it forms, the requests flagged while they wait, the calibration's baselines, and Stop. {@code live} holds
     * {@code phase}, {@code elapsed_s}, {@code load}, {@code level_workers}, {@code in_flight}, {@code requests},
     * {@code requests_per_s}, {@code timeouts}, {@code errors}, {@code slow}, {@code pool_now}
     * ({@code active, idle, waiting, max}), {@code pool_saturated} (the verdict's line), {@code still_waiting} (lines),
     * {@code baselines} (endpoint → ms) and {@code stopping}.
     */
    static String header(JsonNode live) {
        StringBuilder h = new StringBuilder(2048);
        boolean stopping = live.path("stopping").asBoolean(false);
        h.append("<section id=\"live\">\n<p class=\"live-line\"><b>LIVE</b> · <span id=\"live-phase\">")
                .append(VerdictPage.esc(live.path("phase").asText("?")))
                .append("</span>");
        if (live.has("elapsed_s"))
            h.append(" · ").append(live.path("elapsed_s").asLong()).append(" s");
        h.append(" · ").append(VerdictPage.esc(live.path("load").asText("")));
        if (live.path("level_workers").asInt(0) > 0)
            h.append(" · search level: ")
                    .append(live.path("level_workers").asInt())
                    .append(" workers");
        h.append(" <button type=\"button\" id=\"stop-button\"")
                .append(stopping ? " disabled>Stopping…" : ">Stop the run")
                .append("</button></p>\n");
        h.append("<dl class=\"facts\" id=\"live-counts\">");
        fact(h, "requests", "live-requests", live.path("requests").asText("0"));
        fact(
                h,
                "requests/s (last second)",
                "live-rate",
                live.path("requests_per_s").asText("0"));
        fact(h, "in flight now", "live-in-flight", live.path("in_flight").asText("0"));
        fact(h, "errors", "live-errors", live.path("errors").asText("0"));
        fact(h, "timeouts", "live-timeouts", live.path("timeouts").asText("0"));
        fact(h, "slow", "live-slow", live.path("slow").asText("0"));
        JsonNode pool = live.path("pool_now");
        fact(
                h,
                "pool now (active / idle / waiting / max)",
                "live-pool",
                pool.isObject()
                        ? pool.path("active").asText() + " / "
                                + pool.path("idle").asText() + " / "
                                + pool.path("waiting").asText() + " / "
                                + pool.path("max").asText()
                        : "not sampled yet");
        h.append("</dl>\n");
        h.append("<p class=\"live-verdict\">Verdict so far (it may change until the run ends): <b>")
                .append(VerdictPage.esc(live.path("verdict").asText("?")))
                .append("</b>");
        if (live.has("pool_saturated"))
            h.append(" — ").append(VerdictPage.esc(live.path("pool_saturated").asText()));
        h.append("</p>\n");
        JsonNode waiting = live.path("still_waiting");
        if (waiting.isArray() && !waiting.isEmpty()) {
            h.append("<ul class=\"live-flags\">");
            for (JsonNode w : waiting)
                h.append("<li>").append(VerdictPage.esc(w.asText())).append(" [SLOW — suspect stall]</li>");
            h.append("</ul>\n");
        }
        JsonNode baselines = live.path("baselines");
        if (baselines.isObject() && !baselines.isEmpty()) {
            h.append("<details id=\"live-baselines\"><summary>Calibration baselines (each endpoint alone)</summary>")
                    .append("<dl class=\"facts\">");
            baselines
                    .fields()
                    .forEachRemaining(
                            f -> fact(h, f.getKey(), null, f.getValue().asText() + " ms"));
            h.append("</dl></details>\n");
        }
        h.append("</section>\n");
        return h.toString();
    }

    private static void fact(StringBuilder h, String name, String id, String value) {
        h.append("<dt>").append(VerdictPage.esc(name)).append("</dt><dd");
        if (id != null) h.append(" id=\"").append(id).append('"');
        h.append('>').append(VerdictPage.esc(value)).append("</dd>");
    }

    private static String json(Object value) {
        try {
            // No '<' survives: the page's JSON can never close a script element either.
            return JSON.writeValueAsString(value).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the live state cannot be written", e);
        }
    }

    /** This thread's CPU time (ns), or 0 where the JVM does not measure it. */
    private static long cpu() {
        return CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : 0;
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
