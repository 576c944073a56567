package obp.loadtest.live;

import io.skodjob.testframe.metrics.Counter;
import io.skodjob.testframe.metrics.Gauge;
import io.skodjob.testframe.metrics.Histogram;
import io.skodjob.testframe.metrics.Metric;
import io.skodjob.testframe.metrics.PrometheusTextFormatParser;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import obp.loadtest.obp.DirectLogin;
import obp.loadtest.report.Redactor;
import obp.loadtest.verdict.ServerView;

/**
 * Scrapes OBP's Telemetry at the pool sampler's pace: through OBP's own API ({@code GET
 * /obp/v7.0.0/management/telemetry} with the bootstrap user's token, role CanGetTelemetry) or from the Prometheus
 * port the user named ({@code --telemetry URL}). The Prometheus text is read by a parser made for it (Skodjob's
 * {@code PrometheusTextFormatParser}); HikariCP's meters of one pool (OBP has one, {@code HikariPool-1}) go to
 * {@link ServerView}. A scrape is skipped while the previous one is still out, so a slow server never piles them up.
 */
public final class TelemetryScraper implements AutoCloseable {

    private final String url;
    private final String token;
    private final String source;
    private final Duration interval;
    private final Duration timeout;
    private final ServerView view;
    private final SweepClock clock;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "obp-telemetry-scraper");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean outstanding = new AtomicBoolean();
    private volatile boolean started;
    /** What the scrapes cost this JVM: CPU of sending each and of reading its answer (the socket's own reads aside). */
    private final LongAdder cpuNanos = new LongAdder();

    private final AtomicInteger scrapes = new AtomicInteger();
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /**
     * @param token  the DirectLogin token for OBP's API endpoint; null for a Prometheus port
     * @param source what the summary says was read (no secret in it)
     */
    public TelemetryScraper(
            String url,
            String token,
            String source,
            Duration interval,
            Duration timeout,
            ServerView view,
            SweepClock clock) {
        this.url = url;
        this.token = token;
        this.source = source;
        this.interval = interval;
        this.timeout = timeout;
        this.view = view;
        this.clock = clock;
    }

    /** Scrapes once; when it answers Prometheus text with HikariCP's meters, keeps scraping. Idempotent. */
    public synchronized void start() {
        if (started) return;
        started = true;
        long tMs = clock.ms();
        try {
            HttpResponse<String> r = http.send(request(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                view.telemetryAbsent(
                        Redactor.redact(source + " answered " + r.statusCode() + " at preflight" + message(r.body())));
                return;
            }
            ServerView.PoolMeters m = poolMeters(r.body());
            if (m == null) {
                view.telemetryAbsent(source + " has no HikariCP meters (hikaricp_connections_*)");
                return;
            }
            view.telemetryFrom(source);
            view.sample(tMs, m);
        } catch (Exception e) {
            view.telemetryAbsent(
                    source + " unreachable at preflight (" + e.getClass().getSimpleName() + ")");
            return;
        }
        // As the pool sampler: closely during calibration (one worker alone: the usage time a connection has without
        // load), then once per interval.
        long tick = Math.min(PoolSampler.CALIBRATION_TICK_MS, interval.toMillis());
        timer.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    private volatile long lastSentNanos = System.nanoTime();

    private void tick() {
        long now = System.nanoTime();
        if (clock.started()
                && now - lastSentNanos
                        < interval.toNanos() - TimeUnit.MILLISECONDS.toNanos(PoolSampler.CALIBRATION_TICK_MS / 2))
            return;
        if (!outstanding.compareAndSet(false, true)) return;
        long cpu0 = cpu();
        lastSentNanos = now;
        long tMs = clock.ms();
        scrapes.incrementAndGet();
        // The body as bytes, decoded here: the text's decoding is then measured with its parse.
        http.sendAsync(request(), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((r, e) -> {
            long cpu1 = cpu();
            try {
                if (e != null) view.failedScrape(e.getClass().getSimpleName());
                else {
                    String body = new String(r.body(), StandardCharsets.UTF_8);
                    if (r.statusCode() != 200) view.failedScrape(r.statusCode() + code(body));
                    else {
                        ServerView.PoolMeters m = poolMeters(body);
                        if (m == null) view.failedScrape("no HikariCP meters");
                        else view.sample(tMs, m);
                    }
                }
            } catch (IOException | RuntimeException unreadable) {
                view.failedScrape("unreadable Prometheus text");
            } finally {
                cpuNanos.add(cpu() - cpu1);
                outstanding.set(false);
            }
        });
        cpuNanos.add(cpu() - cpu0);
    }

    /**
     * What the scrapes during the load cost this JVM, one line ("telemetry: 31 scrapes (0.04 s of CPU …)"); empty
     * when none was sent (the server had no Telemetry to scrape).
     */
    public Optional<String> cost() {
        int n = scrapes.get();
        if (n == 0) return Optional.empty();
        return Optional.of(String.format(
                Locale.ROOT,
                "telemetry: %d scrape%s (%.2f s of CPU sending and reading them)",
                n,
                n == 1 ? "" : "s",
                cpuNanos.sum() / 1e9));
    }

    /** This thread's CPU time (ns), or 0 where the JVM does not measure it. */
    private static long cpu() {
        return CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : 0;
    }

    /** HikariCP's meters of the first pool the text names; null when it names none. */
    static ServerView.PoolMeters poolMeters(String text) throws IOException {
        // Only HikariCP's families go to the parser: the endpoint timers' histograms are nearly all of the text
        // (300 KB after one sweep of the emulator, more on a server with hundreds of operations).
        String pool = text.lines()
                .filter(l -> l.contains(HIKARI))
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        return poolMetersOf(PrometheusTextFormatParser.parse(pool));
    }

    private static final String HIKARI = "hikaricp_connections";

    private static ServerView.PoolMeters poolMetersOf(List<Metric> metrics) {
        String pool = null;
        for (Metric m : metrics)
            if (m.getName().startsWith(HIKARI) && m.getLabels().containsKey("pool")) {
                pool = m.getLabels().get("pool");
                break;
            }
        if (pool == null) return null;
        double active = 0, idle = 0, pending = 0, timeouts = 0;
        Histogram acquire = null, usage = null;
        for (Metric m : metrics) {
            if (!pool.equals(m.getLabels().get("pool"))) continue;
            switch (base(m.getName())) {
                case "hikaricp_connections_active" -> active = value(m);
                case "hikaricp_connections_idle" -> idle = value(m);
                case "hikaricp_connections_pending" -> pending = value(m);
                case "hikaricp_connections_timeout_total" -> timeouts = value(m);
                case "hikaricp_connections_acquire_seconds" -> acquire = m instanceof Histogram h ? h : acquire;
                case "hikaricp_connections_usage_seconds" -> usage = m instanceof Histogram h ? h : usage;
                default -> {}
            }
        }
        return new ServerView.PoolMeters(
                pool,
                active,
                idle,
                pending,
                timeouts,
                acquire == null ? new TreeMap<>() : new TreeMap<>(acquire.getBuckets()),
                acquire == null ? 0 : acquire.getCount(),
                acquire == null ? 0 : acquire.getSum(),
                usage == null ? 0 : usage.getCount(),
                usage == null ? 0 : usage.getSum());
    }

    /** A histogram's family name: the parser names it after its first line, a bucket. */
    private static String base(String name) {
        return name.endsWith("_bucket") ? name.substring(0, name.length() - "_bucket".length()) : name;
    }

    private static double value(Metric m) {
        if (m instanceof Gauge g) return g.getValue();
        if (m instanceof Counter c) return c.getValue();
        return 0;
    }

    private HttpRequest request() {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        if (token != null) b.header(DirectLogin.HEADER, DirectLogin.token(token));
        return b.build();
    }

    /** OBP's error code alone (" OBP-20001"), when the answer is an OBP error: a failed scrape's reason, kept short. */
    private static String code(String body) {
        int i = body.indexOf("OBP-");
        return i < 0 || i + 9 > body.length() ? "" : " " + body.substring(i, i + 9);
    }

    /** OBP's error message, when the answer is one. */
    private static String message(String body) {
        int i = body.indexOf("OBP-");
        if (i < 0) return "";
        int end = body.indexOf('"', i);
        return " (" + body.substring(i, Math.min(end < 0 ? body.length() : end, i + 160)) + ")";
    }

    @Override
    public void close() {
        timer.shutdownNow();
        // A scrape still out holds the server's connections (OBP's API endpoint authenticates through the pool): wait
        // for it, bounded by its own timeout, so what follows (the after-load pool sample) sees none of ours.
        long deadline = System.nanoTime() + timeout.toNanos();
        while (outstanding.get() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
