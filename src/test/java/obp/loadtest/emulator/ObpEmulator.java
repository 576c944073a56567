package obp.loadtest.emulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process OBP-API: the paths, statuses, JSON and OBP-xxxxx messages of obp-api-reference.md, state in
 * H2 behind a real HikariCP pool, and the misbehaviour a {@link FaultPlan} asks for.
 * <pre>try (ObpEmulator obp = ObpEmulator.start(FaultPlan.defaults().poolSize(2))) { ... obp.baseUrl() ... }</pre>
 *
 * Server choice, by measurement (wrk -t2 -c40 -d10s on /obp/v7.0.0/root, 2 cores, REQUEST scope, pool 20):
 * the JDK's com.sun.net.httpserver with an unbounded worker pool does 22,000-37,000 req/s once TCP_NODELAY is on
 * (900 req/s without it), over the 10,000 req/s bar, so no extra server dependency. The worker pool is unbounded
 * because 40+ stalled probes may block at once while other requests must still be answered.
 */
public final class ObpEmulator implements AutoCloseable {
    static {
        // Without TCP_NODELAY every keep-alive response waits on delayed ACKs (~40 ms): 900 req/s instead of thousands.
        // Read once by the JDK server's ServerConfig, so it must be set before the first HttpServer is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final FaultPlan plan;
    private final Store store;
    private final SilentConnector connector;
    private final Routes routes;
    private final List<String> consumerKeys;
    private final EmulatorState state;
    private final ExecutorService workers;
    private final int port;
    private final AtomicLong requestCount = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean dbLockTaken = new AtomicBoolean();
    private volatile HttpServer server;
    private volatile boolean stopped;

    private ObpEmulator(FaultPlan plan) throws IOException, SQLException {
        this.plan = plan;
        this.store = new Store(plan);
        this.connector = new SilentConnector();
        this.consumerKeys = plan.consumerKeys().isEmpty() ? List.of(randomId(40)) : plan.consumerKeys();
        this.state = new EmulatorState(store);
        this.routes = Endpoints.all();
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "obp-emulator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        int wanted = plan.port();
        if (plan.refuse()) {
            this.port = wanted != 0 ? wanted : freePort();
        } else {
            bind(wanted);
            this.port = server.getAddress().getPort();
        }
    }

    /** Starts on 127.0.0.1 at the plan's port (0 = a free port). */
    public static ObpEmulator start(FaultPlan plan) {
        try {
            return new ObpEmulator(plan);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("OBP emulator could not start on port " + plan.port() + ": " + e.getMessage(), e);
        }
    }

    private void bind(int at) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), at), 1024);
        s.setExecutor(workers);
        s.createContext("/", this::serve);
        s.start();
        server = s;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** A consumer key DirectLogin accepts (the plan's first, or one generated at start). */
    public String consumerKey() {
        return consumerKeys.get(0);
    }

    /** Every HTTP request received since start. */
    public long requestCount() {
        return requestCount.get();
    }

    public EmulatorState state() {
        return state;
    }

    /** The live HikariCP pool, read from its MXBean without borrowing. */
    public PoolSnapshot pool() {
        return PoolSnapshot.of(store.pool);
    }

    public FaultPlan plan() {
        return plan;
    }

    /**
     * Invalidates every DirectLogin token issued so far, as a server whose token store was reset
     * would: later calls with them get 401 OBP-20003 with the token echoed, as OBP answers.
     */
    public void invalidateTokens() {
        store.retiredTokens.addAll(state.issuedTokens());
        monitorUpdate("DELETE FROM tokens");
    }

    /**
     * Adds a user to super_admin_user_ids while running, as an operator's props change plus
     * restart would (this emulator keeps its database only while it runs, so it takes the change live).
     */
    public void makeSuperAdmin(String userId) {
        monitorUpdate("UPDATE users SET super_admin = TRUE WHERE user_id = ?", userId);
    }

    private void monitorUpdate(String sql, Object... args) {
        java.sql.Connection c = store.monitor();
        synchronized (c) {
            try {
                Call.update(c, sql, args);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Closes (true) or reopens (false) the listener on the same port; while closed, connects are refused. */
    public synchronized void refuseConnections(boolean refuse) {
        if (stopped) return;
        if (refuse && server != null) {
            server.stop(0);
            server = null;
        } else if (!refuse && server == null) {
            try {
                bind(port);
            } catch (IOException e) {
                throw new IllegalStateException("OBP emulator could not listen again on port " + port + ": " + e.getMessage(), e);
            }
        }
    }

    /** Graceful: lets in-flight requests finish (up to 2 s), then closes everything. */
    public synchronized void stop() {
        if (stopped) return;
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) sleepQuietly(Duration.ofMillis(20));
        shutDown();
        workers.shutdown();
    }

    /** Abrupt, like a server dying mid-run: listener and every open connection closed at once. */
    public synchronized void kill() {
        if (stopped) return;
        shutDown();
        workers.shutdownNow();
    }

    private void shutDown() {
        stopped = true;
        if (server != null) server.stop(0);
        server = null;
        connector.close();
        store.close();
    }

    @Override
    public void close() {
        stop();
    }

    // ---- request handling --------------------------------------------------------------------------

    private void serve(HttpExchange ex) {
        requestCount.incrementAndGet();
        inFlight.incrementAndGet();
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getRawPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            Headers out = ex.getResponseHeaders();
            standardHeaders(ex.getRequestHeaders(), out);
            if (method.equals("OPTIONS")) {
                ex.sendResponseHeaders(204, -1);
                return;
            }
            String version;
            String[] segments;
            if (path.startsWith("/obp/")) {
                int slash = path.indexOf('/', 5);
                version = slash < 0 ? path.substring(5) : path.substring(5, slash);
                segments = slash < 0 ? new String[0] : path.substring(slash + 1).split("/");
            } else {
                version = Routes.UNPREFIXED;
                segments = path.substring(1).split("/");
            }
            Routes.Match match = Routes.VERSIONS.contains(version) || version.isEmpty()
                    ? routes.find(method, version, segments) : null;
            boolean v7 = version.equals(Routes.V7);
            if (v7 && (match == null || !match.route().isNativeTo(Routes.V7))) out.set("X-OBP-Version-Served", "v6.0.0");
            if (match == null) {
                write(ex, errorReply(ObpError.pathNotFound(ex.getRequestURI().toString(), ex.getRequestHeaders().getFirst("Content-Type"))));
                return;
            }
            boolean isRead = method.equals("GET") || method.equals("HEAD");
            boolean requestScoped = v7 && plan.connectionScope() == ConnectionScope.REQUEST;
            RequestDb db = match.route().outsidePool() ? RequestDb.outsidePool(store)
                    : RequestDb.forRequest(store, isRead && !requestScoped);
            Routes.Reply reply;
            try {
                if (requestScoped) db.hold();
                // Once a request holds the plan's DB lock, every v7 request writes the locked row (as OBP's
                // per-request rate-limit and metric writes would) and hangs in H2 until LOCK_TIMEOUT.
                if (v7 && dbLockTaken.get()) db.sql(conn -> Call.update(conn, SetupEndpoints.LOCKED_ROW_WRITE));
                injectFaults(path);
                reply = match.route().endpoint().handle(new Call(this, method, version, match.params(), ex.getRequestHeaders(), body, db));
            } catch (ObpError e) {
                reply = errorReply(e);
            } catch (Exception e) {
                reply = errorReply(ObpError.unknown(e));
            }
            try {
                db.commit(reply.status() < 400);
                write(ex, reply);
            } finally {
                db.release();
            }
        } catch (IOException | RuntimeException clientGone) {
            // the client (or a kill) closed the connection mid-response: nothing left to answer
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void injectFaults(String path) {
        Duration latency = plan.latencyFor(path);
        if (!latency.isZero()) sleepQuietly(latency);
        // Errors hit the v7 paths under test only: at any useful rate they would otherwise stop setup.
        if (plan.errorRate() > 0 && path.startsWith("/obp/" + Routes.V7 + "/") && ThreadLocalRandom.current().nextDouble() < plan.errorRate())
            throw new ObpError(500, ObpError.UNKNOWN_ERROR);
    }

    private static Routes.Reply errorReply(ObpError e) {
        return new Routes.Reply(e.status, Json.obj("code", e.status, "message", e.getMessage()));
    }

    private static void write(HttpExchange ex, Routes.Reply reply) throws IOException {
        if (reply.body() == null) {
            ex.sendResponseHeaders(reply.status(), -1);
            return;
        }
        byte[] bytes = Json.write(reply.body());
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    /** Reference §0.2: the headers OBP puts on every response. */
    private static void standardHeaders(Headers in, Headers out) {
        String requestId = in.getFirst("X-Request-ID");
        out.set("Correlation-Id", requestId != null ? requestId : uuid());
        out.set("Cache-Control", "no-cache, private, no-store");
        out.set("Pragma", "no-cache");
        out.set("Expires", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
        out.set("X-Frame-Options", "DENY");
    }

    // ---- what handlers need from the server ---------------------------------------------------------

    boolean acceptsConsumerKey(String key) {
        return key != null && consumerKeys.contains(key);
    }

    /** For tests that must seed rows a client cannot create (e.g. a user whose id is listed as super admin). */
    Store store() {
        return store;
    }

    SilentConnector connector() {
        return connector;
    }

    /** True exactly once, for the request that takes the plan's DB lock. */
    boolean takeDbLock() {
        return !plan.dbLock().isZero() && dbLockTaken.compareAndSet(false, true);
    }

    static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String uuid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new UUID(r.nextLong() & 0xffffffffffff0fffL | 0x4000L, r.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString();
    }

    static String randomId(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        return sb.toString();
    }

    /** A JWT-shaped string (header.payload.signature) carrying the given claims. */
    static String jwt(Object claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes()) + "."
                + b64.encodeToString(Json.write(claims)) + "." + b64.encodeToString(randomId(32).getBytes());
    }
}
