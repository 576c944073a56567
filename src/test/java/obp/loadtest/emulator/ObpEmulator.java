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
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process OBP-API: the paths, statuses, JSON and OBP-xxxxx messages of docs/obp-api.md, state in
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
        if (System.getProperty("sun.net.httpserver.nodelay") == null)
            System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final FaultPlan plan;
    private final Store store;
    private final SilentConnector connector;
    private final Routes routes;
    private final RoleCatalogue roles;
    private final List<String> consumerKeys;
    private final ExecutorService workers;
    private final int port;
    private final AtomicLong requestCount = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final RowLock rowLock;
    private final ServerPolicies policies;
    /** OBP's Telemetry (null when the plan has none) and its API metrics (null without write_metrics). */
    private final Telemetry telemetry;

    private final ApiMetrics apiMetrics;
    private final int telemetryPort;
    private final ScheduledExecutorService deadlines;
    private volatile HttpServer server;
    private volatile boolean stopped;

    private ObpEmulator(FaultPlan plan) throws IOException, SQLException {
        this.plan = plan;
        this.telemetry = plan.telemetry() ? new Telemetry() : null;
        this.apiMetrics = plan.apiMetrics() ? new ApiMetrics() : null;
        this.store = new Store(plan, telemetry);
        this.connector = new SilentConnector();
        this.consumerKeys = plan.consumerKeys().isEmpty() ? List.of(randomId(40)) : plan.consumerKeys();
        this.routes = Endpoints.all().upTo(plan.maxVersion());
        this.roles = RoleCatalogue.upTo(plan.maxVersion());
        this.rowLock = plan.dbLock().isZero() ? null : new RowLock(store, plan.dbLock());
        this.policies = new ServerPolicies(plan, store);
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "obp-emulator-endpoint-timeout");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.deadlines = timer;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "obp-emulator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.telemetryPort = telemetry == null ? -1 : telemetry.listen(0);
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
            throw new IllegalStateException(
                    "OBP emulator could not start on port " + plan.port() + ": " + e.getMessage(), e);
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

    /** The Prometheus port's {@code /telemetry} URL, as OBP's telemetry.port serves it; empty without Telemetry. */
    public java.util.Optional<String> telemetryUrl() {
        return telemetry == null
                ? java.util.Optional.empty()
                : java.util.Optional.of("http://127.0.0.1:" + telemetryPort + Telemetry.PATH);
    }

    /** The Prometheus text of GET /obp/v7.0.0/management/telemetry (null without Telemetry). */
    String telemetryText() {
        return telemetry == null ? null : telemetry.text();
    }

    /** The API metrics (null when the server writes none). */
    ApiMetrics apiMetrics() {
        return apiMetrics;
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
        java.sql.Connection c = store.monitor();
        synchronized (c) {
            try (var rs = c.createStatement().executeQuery("SELECT token FROM tokens")) {
                while (rs.next()) store.retiredTokens.add(rs.getString(1));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        monitorUpdate("DELETE FROM tokens");
    }

    /**
     * Adds a user to super_admin_user_ids while running, as an operator's props change plus
     * restart would (this emulator keeps its database only while it runs, so it takes the change live).
     */
    public void makeSuperAdmin(String userId) {
        monitorUpdate("UPDATE users SET super_admin = TRUE WHERE user_id = ?", userId);
    }

    /** Validates a user as an operator does for an account of their own (the portal's validation link). */
    public void validateUser(String username) {
        monitorUpdate("UPDATE users SET validated = TRUE WHERE username = ?", username);
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
                throw new IllegalStateException(
                        "OBP emulator could not listen again on port " + port + ": " + e.getMessage(), e);
            }
        }
    }

    /** Graceful: lets in-flight requests finish (up to 2 s), then closes everything. */
    public synchronized void stop() {
        if (stopped) return;
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) sleepQuietly(Duration.ofMillis(20));
        shutDown();
        deadlines.shutdownNow();
        workers.shutdown();
    }

    /** Abrupt, like a server dying mid-run: listener and every open connection closed at once. */
    public synchronized void kill() {
        if (stopped) return;
        shutDown();
        deadlines.shutdownNow();
        workers.shutdownNow();
    }

    private void shutDown() {
        stopped = true;
        if (server != null) server.stop(0);
        if (telemetry != null) telemetry.close();
        server = null;
        connector.close();
        policies.close();
        store.close();
    }

    @Override
    public void close() {
        stop();
    }

    // ---- request handling --------------------------------------------------------------------------

    private void serve(HttpExchange ex) {
        long startNanos = System.nanoTime();
        requestCount.incrementAndGet();
        inFlight.incrementAndGet();
        // Exactly one side answers: this thread, or the endpoint timeout once it fires first (then it owns the
        // exchange).
        AtomicBoolean answered = new AtomicBoolean();
        boolean ours = false;
        try {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getRawPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            Headers out = ex.getResponseHeaders();
            standardHeaders(ex.getRequestHeaders(), out);
            if (method.equals("OPTIONS")) {
                ours = answered.compareAndSet(false, true);
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
            Routes.Match match = routes.find(method, version, segments);
            boolean v7 = version.equals(Routes.V7) && routes.servesVersion(Routes.V7);
            if (v7 && (match == null || !match.route().isNativeTo(Routes.V7)))
                out.set("X-OBP-Version-Served", "v6.0.0");
            if (match == null) {
                ours = answered.compareAndSet(false, true);
                write(
                        ex,
                        errorReply(ObpError.pathNotFound(
                                ex.getRequestURI().toString(),
                                ex.getRequestHeaders().getFirst("Content-Type"))));
                return;
            }
            boolean isRead = method.equals("GET") || method.equals("HEAD");
            boolean requestScoped = v7 && plan.connectionScope() == ConnectionScope.REQUEST;
            boolean monitorOnly = match.route().outsidePool() && !plan.poolEndpointUsesPool();
            RequestDb db =
                    monitorOnly ? RequestDb.outsidePool(store) : RequestDb.forRequest(store, isRead && !requestScoped);
            Call call = new Call(
                    this,
                    method,
                    version,
                    match.params(),
                    ex.getRequestHeaders(),
                    body,
                    db,
                    new Call.Caller(),
                    ex.getRequestURI().getRawQuery());
            // OBP races every matched endpoint (validation and handler) against long_endpoint_timeout.
            ScheduledFuture<?> deadline = startDeadline(ex, answered);
            Routes.Reply reply = null;
            try {
                reply = handle(call, match, path, v7, requestScoped, monitorOnly, isRead);
            } catch (ObpError e) {
                e.headers.forEach(out::set);
                reply = errorReply(e);
            } catch (Exception e) {
                reply = hangEndsInDrop(e) ? null : errorReply(asObpError(e));
            } finally {
                if (deadline != null) deadline.cancel(false);
            }
            ours = answered.compareAndSet(false, true);
            if (!ours || reply == null) {
                // Answered 504 already, or a hang that ends with the connection dropped: as OBP, the connection only
                // goes back to the pool now that the handler has ended, and its writes are rolled back.
                db.commit(false);
                db.release();
                return;
            }
            try {
                db.commit(reply.status() < 400);
                write(ex, reply);
            } finally {
                db.release();
                recordCall(call, match.route(), path, reply.status(), System.nanoTime() - startNanos);
            }
        } catch (IOException | RuntimeException clientGone) {
            // the client (or a kill) closed the connection mid-response: nothing left to answer
        } finally {
            // Closing an exchange that sent no headers closes its TCP connection: the dropped-connection ending.
            if (ours || answered.compareAndSet(false, true)) ex.close();
            inFlight.decrementAndGet();
        }
    }

    /**
     * What OBP does for a matched endpoint, in its order: authenticate on a briefly borrowed connection, take the
     * request's own connection (request scope), the rate-limit lookup's second connection when the plan asks for two,
     * the added latency, the locked row for db-lock paths, then the handler.
     */
    private Routes.Reply handle(
            Call call,
            Routes.Match match,
            String path,
            boolean v7,
            boolean requestScoped,
            boolean monitorOnly,
            boolean isRead)
            throws Exception {
        RequestDb db = call.db();
        Routes.Route route = match.route();
        policies.poolEndpoint(route, path);
        if (call.method().equals("POST") && path.endsWith("/my/logins/direct")) policies.login();
        if (!monitorOnly) authenticate(call);
        policies.consumerCall(call.hasToken());
        if (v7 && !route.outsidePool()) policies.shed(inFlight.get(), route.template());
        if (v7) policies.maybeLeak(path);
        // docs/obp-api.md §1: a matched endpoint that needs a user refuses its absence (401) before anything else.
        if (route.needsUser()) call.requireAuthenticated(monitorOnly);
        if (!monitorOnly && requestScoped) db.hold();
        Duration latency = plan.latencyFor(path);
        if (v7 && !monitorOnly && plan.connectionsPerRequest() == 2) {
            // OBP's rate-limit lookup takes a second connection while the request's own is held; the added latency
            // (the emulator's slow database) passes while both are out, so a pool of N saturates at N/2 requests.
            RequestDb.briefly(store, c -> {
                if (!latency.isZero()) sleepQuietly(latency);
                return Call.queryString(c, "SELECT 1"); // stands in for the rate-limit table lookup
            });
        } else if (!latency.isZero()) {
            sleepQuietly(latency);
        }
        if (rowLock != null
                && plan.touchesLockedRow(
                        call.method(), call.version(), match.route().template(), path)) rowLock.touch(db, isRead);
        // Errors hit the v7 paths under test only: at any useful rate they would otherwise stop setup.
        if (plan.errorRate() > 0
                && path.startsWith("/obp/" + Routes.V7 + "/")
                && ThreadLocalRandom.current().nextDouble() < plan.errorRate())
            throw new ObpError(500, ObpError.UNKNOWN_ERROR);
        // Then the bank of the path and the route's roles, before the handler does any work.
        int bank = route.bankParam();
        if (bank >= 0) call.requireBank(call.param(bank));
        if (!route.roles().isEmpty()) call.requireAnyRole(bank >= 0 ? call.param(bank) : "", route.roles());
        return route.endpoint().handle(call);
    }

    /** The validation lookup: a pool timeout here is refused as OBP's middleware refuses a failed authentication. */
    private void authenticate(Call call) throws SQLException {
        try {
            call.authenticateOnBorrowedConnection(store);
        } catch (SQLTransientConnectionException e) {
            throw ObpError.unauthorized(ObpError.NOT_LOGGED_IN + " " + hikariText(e));
        }
    }

    /** An exception from a handler as OBP wraps it: OBP-50000 plus the pool's or the chosen database's own words. */
    private ObpError asObpError(Exception e) {
        if (e instanceof SQLTransientConnectionException)
            return new ObpError(500, ObpError.UNKNOWN_ERROR + ": " + hikariText((SQLException) e));
        SQLException lock = lockFailure(e);
        if (lock != null)
            return new ObpError(
                    500, ObpError.UNKNOWN_ERROR + ": " + plan.database().words(lock, plan.dbLockKind()));
        return ObpError.unknown(e);
    }

    private boolean hangEndsInDrop(Exception e) {
        return plan.dbHangEnding() == FaultPlan.HangEnding.DROP && lockFailure(e) != null;
    }

    private static SQLException lockFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && Database.isLockFailure(s)) return s;
        }
        return null;
    }

    private static final Pattern HIKARI_TIMEOUT = Pattern.compile("^(.*request timed out after \\d+ms)");

    /** HikariCP's acquire-timeout message as OBP's HikariCP words it: "HikariPool-1 - Connection is not available, request timed out after 30000ms." */
    static String hikariText(SQLException e) {
        String m = String.valueOf(e.getMessage());
        Matcher x = HIKARI_TIMEOUT.matcher(m);
        return x.find() ? x.group(1) + "." : m;
    }

    /** Schedules OBP's 504 for this exchange; the handler keeps running (and holding its connection) when it fires. */
    private ScheduledFuture<?> startDeadline(HttpExchange ex, AtomicBoolean answered) {
        long ms = plan.longEndpointTimeout().toMillis();
        if (ms <= 0) return null;
        try {
            return deadlines.schedule(
                    () -> {
                        try {
                            workers.execute(() -> endpointTimedOut(ex, answered, ms));
                        } catch (RejectedExecutionException stopping) {
                            // the emulator is shutting down
                        }
                    },
                    ms,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            return null;
        }
    }

    private static void endpointTimedOut(HttpExchange ex, AtomicBoolean answered, long ms) {
        if (!answered.compareAndSet(false, true)) return;
        try (ex) {
            write(
                    ex,
                    new Routes.Reply(
                            504,
                            Json.obj(
                                    "message",
                                    "Request timeout: backend service did not respond within " + ms + "ms.")));
        } catch (IOException | RuntimeException clientGone) {
            // nothing left to answer
        }
    }

    /** What OBP records of an answered call: its endpoint timer (Telemetry) and its API-metrics row (write_metrics). */
    private void recordCall(Call call, Routes.Route route, String path, int status, long nanos) {
        // OBP's operation ids read "OBPv4.0.0-getBanks": the version, then the endpoint, in characters a label keeps.
        String operation =
                "OBP" + route.since() + "-" + route.method() + route.template().replaceAll("[{}]", "");
        if (telemetry != null) telemetry.endpointCall(operation, call.version(), status, nanos);
        if (apiMetrics == null) return;
        String query = call.query();
        apiMetrics.record(new ApiMetrics.Row(
                call.caller().userId(),
                query == null ? path : path + "?" + query,
                System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(nanos),
                "",
                consumerId(call),
                call.method(),
                call.version(),
                operation,
                TimeUnit.NANOSECONDS.toMillis(nanos)));
    }

    /** token → the consumer's id, as OBP records it in a metrics row (its primary key: 1 for the first key, ...). */
    private final java.util.Map<String, String> consumerIds = new java.util.concurrent.ConcurrentHashMap<>();

    private String consumerId(Call call) {
        java.util.Map<String, String> dl = Call.directLoginParams(call.headers());
        String token = dl == null ? null : dl.get("token");
        if (token == null) return "-1"; // OBP's value for a call without a consumer
        return consumerIds.computeIfAbsent(token, t -> {
            try {
                java.sql.Connection c = store.monitor();
                synchronized (c) {
                    String key = Call.queryString(c, "SELECT consumer_key FROM tokens WHERE token = ?", t);
                    return Integer.toString(consumerKeys.indexOf(key) + 1);
                }
            } catch (SQLException e) {
                return "-1";
            }
        });
    }

    private static Routes.Reply errorReply(ObpError e) {
        return new Routes.Reply(e.status, Json.obj("code", e.status, "message", e.getMessage()));
    }

    private static void write(HttpExchange ex, Routes.Reply reply) throws IOException {
        if (reply.body() == null) {
            ex.sendResponseHeaders(reply.status(), -1);
            return;
        }
        if (reply.body() instanceof Routes.PlainText t) {
            byte[] text = t.text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", t.contentType());
            ex.sendResponseHeaders(reply.status(), text.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(text);
            }
            return;
        }
        byte[] bytes = Json.write(reply.body());
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    /** docs/obp-api.md §1: the headers OBP puts on every response. */
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

    /** The roles this server knows (its release's catalogue). */
    RoleCatalogue roles() {
        return roles;
    }

    /** The routes this server serves (cut to its max-version). */
    Routes routes() {
        return routes;
    }

    SilentConnector connector() {
        return connector;
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
        return new UUID(
                        r.nextLong() & 0xffffffffffff0fffL | 0x4000L,
                        r.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L)
                .toString();
    }

    static String randomId(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++)
            sb.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        return sb.toString();
    }

    /** A JWT-shaped string (header.payload.signature) carrying the given claims. */
    static String jwt(Object claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes()) + "."
                + b64.encodeToString(Json.write(claims)) + "."
                + b64.encodeToString(randomId(32).getBytes());
    }
}
