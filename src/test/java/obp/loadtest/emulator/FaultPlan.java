package obp.loadtest.emulator;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import obp.loadtest.config.Durations;

/**
 * What the emulator is and how it misbehaves, as data. Immutable: every method returns a changed copy.
 * <pre>FaultPlan.defaults().poolSize(2).acquireTimeout(Duration.ofSeconds(1)).latency("*", ofMillis(100), ZERO)</pre>
 */
public final class FaultPlan {

    /** Added latency for requests whose path ends with {@code pathSuffix} ("*" = every request). */
    public record Latency(String pathSuffix, Duration fixed, Duration jitter) {
        boolean matches(String path) {
            return pathSuffix.equals("*") || path.endsWith(pathSuffix);
        }

        Duration draw() {
            long jitterMs = jitter.toMillis();
            return fixed.plusMillis(
                    jitterMs <= 0 ? 0 : ThreadLocalRandom.current().nextLong(jitterMs + 1));
        }
    }

    /** How the database reports a request that waited out the lock timeout on the locked row. */
    public enum LockKind {
        /** The wait ran out: the database's lock-timeout error. */
        LOCK_TIMEOUT,
        /** The request was chosen as a deadlock victim after the detection delay: the database's deadlock error. */
        DEADLOCK;

        static LockKind parse(String text) {
            return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "lock-timeout" -> LOCK_TIMEOUT;
                case "deadlock" -> DEADLOCK;
                default ->
                    throw new IllegalArgumentException(
                            "db-lock-kind must be lock-timeout or deadlock, not '" + text + "'");
            };
        }
    }

    /** How a request that hung on the locked row ends. */
    public enum HangEnding {
        /** 500 {@code OBP-50000: Unknown Error.: <the database's words>}. */
        ERROR,
        /** The server closes the TCP connection without any HTTP answer (a crashed handler, a proxy reset). */
        DROP;

        static HangEnding parse(String text) {
            return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "error" -> ERROR;
                case "drop" -> DROP;
                default ->
                    throw new IllegalArgumentException("db-hang-ending must be error or drop, not '" + text + "'");
            };
        }
    }

    /** The v7 endpoints that touch the locked row by default: OBP's entitlement writes and the user read that loads entitlements. */
    public static final List<String> DEFAULT_DB_LOCK_PATHS = List.of(
            "POST /users/USER_ID/entitlements", "DELETE /entitlements/ENTITLEMENT_ID", "GET /users/user-id/USER_ID");

    private int port = 0;
    private int poolSize = 20; // OBP's hikari.maximumPoolSize default
    private Duration acquireTimeout = Duration.ofSeconds(30); // OBP's hikari.connectionTimeout default
    private ConnectionScope connectionScope = ConnectionScope.REQUEST;
    private Duration connectorDialTimeout = Duration.ofSeconds(60);
    private List<Latency> latencies = List.of();
    private double errorRate = 0.0;
    private Duration dbLock = Duration.ZERO;
    private Duration dbLockTimeout = Duration.ofSeconds(10); // H2 LOCK_TIMEOUT; below the client's 30 s
    private List<String> dbLockPaths = DEFAULT_DB_LOCK_PATHS;
    private LockKind dbLockKind = LockKind.LOCK_TIMEOUT;
    private HangEnding dbHangEnding = HangEnding.ERROR;
    private Database database = Database.POSTGRESQL; // what OBP runs on in production
    private Duration longEndpointTimeout = Duration.ofSeconds(55); // OBP's long_endpoint_timeout default
    private boolean poolEndpointUsesPool = true; // as OBP: the pool endpoint authenticates on a pooled connection
    private int connectionsPerRequest = 1;
    private boolean refuse = false;
    private boolean sandbox = false;
    private List<String> superAdmins = List.of();
    private boolean skipEmailValidation = true;
    private boolean consentsAllowed = true;
    private boolean scaEnabled = false;
    private List<String> consumerKeys = List.of();
    private String maxVersion = Routes.V7;
    private boolean resourceDocs = true;
    private String leakPath = null;
    private int leakEvery = 0;
    private int consumerRateLimit = 0;
    private int loginRateLimit = 0;
    private Duration loginRateWindow = Duration.ofMinutes(1);
    private int shedAbove = 0;
    private boolean poolEndpointAbsent = false;
    private boolean telemetry = true; // OBP of 2026: telemetry.port.enabled, and GET /obp/v7.0.0/management/telemetry
    private boolean apiMetrics = true; // OBP's write_metrics: every call a row of /management/metrics

    private FaultPlan() {}

    /** A well-behaved server: OBP's pool defaults, no faults, email validation skipped, consents allowed, SCA off. */
    public static FaultPlan defaults() {
        return new FaultPlan();
    }

    /** Reads the {@code obp.emulator} section of application.conf. */
    public static FaultPlan fromConfig(Config c) {
        FaultPlan p = defaults()
                .port(c.getInt("port"))
                .poolSize(c.getInt("pool-size"))
                .acquireTimeout(duration(c, "acquire-timeout"))
                .connectionScope(ConnectionScope.parse(c.getString("connection-scope")))
                .connectorDialTimeout(duration(c, "connector-dial-timeout"))
                .errorRate(c.getDouble("error-rate"))
                .dbLock(duration(c, "db-lock"))
                .refuse(c.getBoolean("refuse"))
                .sandbox(c.getBoolean("sandbox"))
                .skipEmailValidation(c.getBoolean("skip-email-validation"))
                .consentsAllowed(c.getBoolean("consents-allowed"))
                .scaEnabled(c.getBoolean("sca-enabled"));
        if (c.hasPath("db-lock-timeout")) p = p.dbLockTimeout(duration(c, "db-lock-timeout"));
        if (c.hasPath("db-lock-paths")) p = p.dbLockPaths(splitList(c.getString("db-lock-paths")));
        if (c.hasPath("db-lock-kind")) p = p.dbLockKind(LockKind.parse(c.getString("db-lock-kind")));
        if (c.hasPath("db-hang-ending")) p = p.dbHangEnding(HangEnding.parse(c.getString("db-hang-ending")));
        if (c.hasPath("database")) p = p.database(Database.parse(c.getString("database")));
        if (c.hasPath("long-endpoint-timeout")) p = p.longEndpointTimeout(duration(c, "long-endpoint-timeout"));
        if (c.hasPath("pool-endpoint-uses-pool")) p = p.poolEndpointUsesPool(c.getBoolean("pool-endpoint-uses-pool"));
        if (c.hasPath("connections-per-request")) p = p.connectionsPerRequest(c.getInt("connections-per-request"));
        if (c.hasPath("super-admins")) p = p.superAdmins(splitList(c.getString("super-admins")));
        if (c.hasPath("consumer-keys")) p = p.consumerKeys(splitList(c.getString("consumer-keys")));
        if (c.hasPath("max-version")) p = p.maxVersion(c.getString("max-version"));
        if (c.hasPath("resource-docs")) p = p.resourceDocs(c.getBoolean("resource-docs"));
        if (c.hasPath("leak") && !c.getString("leak").isBlank()) {
            String leak = c.getString("leak").trim();
            int slash = leak.lastIndexOf('/');
            try {
                p = p.leak(leak.substring(0, slash), Integer.parseInt(leak.substring(slash + 1)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "leak must be PATH-SUFFIX/EVERY (e.g. /system/cache/info/3), not '" + leak + "'");
            }
        }
        if (c.hasPath("consumer-rate-limit")) p = p.consumerRateLimit(c.getInt("consumer-rate-limit"));
        if (c.hasPath("login-rate-limit"))
            p = p.loginRateLimit(
                    c.getInt("login-rate-limit"),
                    c.hasPath("login-rate-window") ? duration(c, "login-rate-window") : Duration.ofMinutes(1));
        if (c.hasPath("shed-above")) p = p.shedAbove(c.getInt("shed-above"));
        if (c.hasPath("pool-endpoint-absent")) p = p.poolEndpointAbsent(c.getBoolean("pool-endpoint-absent"));
        if (c.hasPath("telemetry")) p = p.telemetry(c.getBoolean("telemetry"));
        if (c.hasPath("api-metrics")) p = p.apiMetrics(c.getBoolean("api-metrics"));
        for (String item : splitList(c.getString("latency"))) {
            Latency l = parseLatency(item);
            p = p.latency(l.pathSuffix(), l.fixed(), l.jitter());
        }
        return p;
    }

    /** A duration of the section, read as every setting is (config/Durations: a bare number is seconds). */
    private static Duration duration(Config c, String key) {
        return Durations.require(c.getString(key), key);
    }

    /** "*=100ms" or "/system/cache/info=2s~500ms" (fixed~jitter). */
    static Latency parseLatency(String item) {
        int eq = item.lastIndexOf('=');
        if (eq <= 0)
            throw new IllegalArgumentException("latency item must be PATH=DURATION[~JITTER], not '" + item + "'");
        String[] times = item.substring(eq + 1).split("~", 2);
        Duration fixed = Durations.require(times[0], "latency of '" + item + "'");
        Duration jitter = times.length > 1 ? Durations.require(times[1], "jitter of '" + item + "'") : Duration.ZERO;
        return new Latency(item.substring(0, eq).trim(), fixed, jitter);
    }

    private static List<String> splitList(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split(",")) if (!s.isBlank()) out.add(s.trim());
        return out;
    }

    /** A copy with one change: the one way every setter below makes its changed plan. */
    private FaultPlan with(Consumer<FaultPlan> change) {
        FaultPlan p = copy();
        change.accept(p);
        return p;
    }

    private FaultPlan copy() {
        FaultPlan p = new FaultPlan();
        p.port = port;
        p.poolSize = poolSize;
        p.acquireTimeout = acquireTimeout;
        p.connectionScope = connectionScope;
        p.connectorDialTimeout = connectorDialTimeout;
        p.latencies = latencies;
        p.errorRate = errorRate;
        p.dbLock = dbLock;
        p.dbLockTimeout = dbLockTimeout;
        p.dbLockPaths = dbLockPaths;
        p.dbLockKind = dbLockKind;
        p.dbHangEnding = dbHangEnding;
        p.database = database;
        p.longEndpointTimeout = longEndpointTimeout;
        p.poolEndpointUsesPool = poolEndpointUsesPool;
        p.telemetry = telemetry;
        p.apiMetrics = apiMetrics;
        p.connectionsPerRequest = connectionsPerRequest;
        p.refuse = refuse;
        p.sandbox = sandbox;
        p.superAdmins = superAdmins;
        p.skipEmailValidation = skipEmailValidation;
        p.consentsAllowed = consentsAllowed;
        p.scaEnabled = scaEnabled;
        p.consumerKeys = consumerKeys;
        p.maxVersion = maxVersion;
        p.resourceDocs = resourceDocs;
        p.leakPath = leakPath;
        p.leakEvery = leakEvery;
        p.consumerRateLimit = consumerRateLimit;
        p.loginRateLimit = loginRateLimit;
        p.loginRateWindow = loginRateWindow;
        p.shedAbove = shedAbove;
        p.poolEndpointAbsent = poolEndpointAbsent;
        return p;
    }

    public FaultPlan port(int port) {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0-65535, not " + port);
        return with(p -> p.port = port);
    }

    public FaultPlan poolSize(int size) {
        if (size < 1) throw new IllegalArgumentException("pool-size must be at least 1, not " + size);
        return with(p -> p.poolSize = size);
    }

    /** HikariCP connectionTimeout; HikariCP refuses anything under 250 ms. */
    public FaultPlan acquireTimeout(Duration timeout) {
        if (timeout.toMillis() < 250)
            throw new IllegalArgumentException(
                    "acquire-timeout must be at least 250ms (HikariCP's minimum), not " + timeout.toMillis() + "ms");
        return with(p -> p.acquireTimeout = timeout);
    }

    public FaultPlan connectionScope(ConnectionScope scope) {
        return with(p -> p.connectionScope = scope);
    }

    public FaultPlan connectorDialTimeout(Duration timeout) {
        return with(p -> p.connectorDialTimeout = timeout);
    }

    public FaultPlan latency(String pathSuffixOrStar, Duration fixed, Duration jitter) {
        List<Latency> all = new ArrayList<>(latencies);
        all.add(new Latency(pathSuffixOrStar, fixed, jitter));
        return with(p -> p.latencies = List.copyOf(all));
    }

    /** Share of requests (0.0-1.0) answered 500 OBP-50000. */
    public FaultPlan errorRate(double rate) {
        if (rate < 0 || rate > 1)
            throw new IllegalArgumentException("error-rate must be between 0.0 and 1.0, not " + rate);
        return with(p -> p.errorRate = rate);
    }

    /**
     * A stuck transaction (outside the pool, like a batch job or another node) holds one row for this long, from the
     * first request to a {@link #dbLockPaths(List) db-lock path}; every request to those paths touches that row and
     * hangs on it, holding its pooled connection, until {@link #dbLockTimeout(Duration)} (0 = off).
     */
    public FaultPlan dbLock(Duration hold) {
        if (hold.isNegative()) throw new IllegalArgumentException("db-lock must not be negative");
        return with(p -> p.dbLock = hold);
    }

    /** H2's LOCK_TIMEOUT: how long a request waits on a locked row before the database gives up (also the deadlock detection delay). */
    public FaultPlan dbLockTimeout(Duration timeout) {
        if (timeout.isNegative()) throw new IllegalArgumentException("db-lock-timeout must not be negative");
        return with(p -> p.dbLockTimeout = timeout);
    }

    /**
     * The v7 endpoints that write or read for update the locked row: {@code "METHOD /path"} or {@code "/path"}, where the
     * path is a suffix of the route template with or without braces ({@code GET /users/user-id/USER_ID}).
     */
    public FaultPlan dbLockPaths(List<String> paths) {
        for (String path : paths) {
            if (!path.trim().contains("/"))
                throw new IllegalArgumentException("db-lock-paths items must be [METHOD ]/path, not '" + path + "'");
        }
        return with(p -> p.dbLockPaths = List.copyOf(paths));
    }

    public FaultPlan dbLockKind(LockKind kind) {
        return with(p -> p.dbLockKind = kind);
    }

    public FaultPlan dbHangEnding(HangEnding ending) {
        return with(p -> p.dbHangEnding = ending);
    }

    /** Whose words deadlock and lock-timeout errors carry. */
    public FaultPlan database(Database database) {
        return with(p -> p.database = database);
    }

    /** OBP's long_endpoint_timeout: a matched endpoint still running after this is answered 504 (zero = never). */
    public FaultPlan longEndpointTimeout(Duration timeout) {
        if (timeout.isNegative()) throw new IllegalArgumentException("long-endpoint-timeout must not be negative");
        return with(p -> p.longEndpointTimeout = timeout);
    }

    /** True (OBP): the pool endpoint authenticates and checks its role on pooled connections. False: a monitoring connection. */
    public FaultPlan poolEndpointUsesPool(boolean usesPool) {
        return with(p -> p.poolEndpointUsesPool = usesPool);
    }

    /**
     * True (OBP of 2026 with telemetry.port.enabled): Prometheus text of the pool's and the endpoints' meters on a second
     * port at /telemetry, and at GET /obp/v7.0.0/management/telemetry (CanGetTelemetry). False: neither exists.
     */
    public FaultPlan telemetry(boolean on) {
        return with(p -> p.telemetry = on);
    }

    /** True (OBP's write_metrics=true): every call is recorded and served by GET .../management/metrics. False: no rows. */
    public FaultPlan apiMetrics(boolean on) {
        return with(p -> p.apiMetrics = on);
    }

    /** 1, or 2: every v7 request also borrows a second connection (OBP's rate-limit lookup) while holding its own. */
    public FaultPlan connectionsPerRequest(int connections) {
        if (connections < 1 || connections > 2)
            throw new IllegalArgumentException("connections-per-request must be 1 or 2, not " + connections);
        return with(p -> p.connectionsPerRequest = connections);
    }

    public FaultPlan refuse(boolean refuse) {
        return with(p -> p.refuse = refuse);
    }

    /** Every new user is a super admin: it may grant any role to anyone (itself included); it holds none. */
    public FaultPlan sandbox(boolean sandbox) {
        return with(p -> p.sandbox = sandbox);
    }

    /** OBP's super_admin_user_ids: users who may grant any role to anyone; they hold no role by being listed. */
    public FaultPlan superAdmins(List<String> userIds) {
        return with(p -> p.superAdmins = List.copyOf(userIds));
    }

    /**
     * True: users created through POST /users are validated and can log in at once (OBP's user_account_validated=true
     * in 2024; authUser.skipEmailValidation covers only the portal's sign-up form). False: their DirectLogin is 401
     * OBP-20004, as for a wrong password.
     */
    public FaultPlan skipEmailValidation(boolean skip) {
        return with(p -> p.skipEmailValidation = skip);
    }

    public FaultPlan consentsAllowed(boolean allowed) {
        return with(p -> p.consentsAllowed = allowed);
    }

    public FaultPlan scaEnabled(boolean enabled) {
        return with(p -> p.scaEnabled = enabled);
    }

    /** Accepted DirectLogin consumer keys; when empty the emulator generates one at start. */
    public FaultPlan consumerKeys(List<String> keys) {
        return with(p -> p.consumerKeys = List.copyOf(keys));
    }

    /**
     * The newest API version served, which makes the emulator an OBP of that release (docs/obp-api.md §9): v5.1.0 is
     * the OBP-API of 2024 (/obp/v1.2.1 … /obp/v5.1.0, its roles, no bank-less consent calls). Default v7.0.0.
     */
    public FaultPlan maxVersion(String version) {
        String v = version.trim();
        if (!Routes.VERSIONS.contains(v))
            throw new IllegalArgumentException(
                    "max-version must be one of " + String.join(", ", Routes.VERSIONS) + ", not '" + version + "'");
        return with(p -> p.maxVersion = v);
    }

    /** False: every resource-docs call answers as a 2024 OBP without Redis does (400, Jedis's words). */
    public FaultPlan resourceDocs(boolean served) {
        return with(p -> p.resourceDocs = served);
    }

    /**
     * A handler that leaks: every {@code every}th request to a v7 path ending with {@code pathSuffix} takes a pooled
     * connection and never closes it (an error path that forgets its finally). The pool's busy count climbs with
     * nothing holding those connections, until the pool starves.
     */
    public FaultPlan leak(String pathSuffix, int every) {
        if (every < 1) throw new IllegalArgumentException("leak every must be at least 1, not " + every);
        return with(p -> {
            p.leakPath = pathSuffix;
            p.leakEvery = every;
        });
    }

    /**
     * OBP's consumer rate limit (RateLimitingUtil.scala) at this many authenticated calls per second (0 = off): over
     * it, 429 {@code OBP-10018: Too Many Requests. We only allow N requests per second for this Consumer.} with the
     * X-Rate-Limit-* headers.
     */
    public FaultPlan consumerRateLimit(int perSecond) {
        if (perSecond < 0) throw new IllegalArgumentException("consumer rate limit must not be negative");
        return with(p -> p.consumerRateLimit = perSecond);
    }

    /**
     * Newer OBP's login limit (AuthRateLimiter, OBP-10061) at this many DirectLogins per window (0 = off): over it,
     * 429 with the X-Rate-Limit-* headers and the seconds until the window turns.
     */
    public FaultPlan loginRateLimit(int perWindow, Duration window) {
        if (perWindow < 0) throw new IllegalArgumentException("login rate limit must not be negative");
        if (window.toMillis() < 1000) throw new IllegalArgumentException("login rate window must be at least 1s");
        return with(p -> {
            p.loginRateLimit = perWindow;
            p.loginRateWindow = window;
        });
    }

    /**
     * OBP's load shedding (APIUtil.scala, expectedOpenFuturesPerService): a v7 request that arrives with more than
     * this many requests in flight is answered 503 {@code OBP-10040: The Service is too busy, please try it later.}
     * (0 = off).
     */
    public FaultPlan shedAbove(int inFlight) {
        if (inFlight < 0) throw new IllegalArgumentException("shed-above must not be negative");
        return with(p -> p.shedAbove = inFlight);
    }

    /** The pool endpoint is listed but not served (disabled, or blocked by a proxy): it answers 404 OBP-10404. */
    public FaultPlan poolEndpointAbsent(boolean absent) {
        return with(p -> p.poolEndpointAbsent = absent);
    }

    public String leakPath() {
        return leakPath;
    }

    public int leakEvery() {
        return leakEvery;
    }

    public int consumerRateLimit() {
        return consumerRateLimit;
    }

    public int loginRateLimit() {
        return loginRateLimit;
    }

    public Duration loginRateWindow() {
        return loginRateWindow;
    }

    public int shedAbove() {
        return shedAbove;
    }

    public boolean poolEndpointAbsent() {
        return poolEndpointAbsent;
    }

    public String maxVersion() {
        return maxVersion;
    }

    public boolean resourceDocs() {
        return resourceDocs;
    }

    public int port() {
        return port;
    }

    public int poolSize() {
        return poolSize;
    }

    public Duration acquireTimeout() {
        return acquireTimeout;
    }

    public ConnectionScope connectionScope() {
        return connectionScope;
    }

    public Duration connectorDialTimeout() {
        return connectorDialTimeout;
    }

    public double errorRate() {
        return errorRate;
    }

    public Duration dbLock() {
        return dbLock;
    }

    public Duration dbLockTimeout() {
        return dbLockTimeout;
    }

    public LockKind dbLockKind() {
        return dbLockKind;
    }

    public HangEnding dbHangEnding() {
        return dbHangEnding;
    }

    public Database database() {
        return database;
    }

    public Duration longEndpointTimeout() {
        return longEndpointTimeout;
    }

    public boolean poolEndpointUsesPool() {
        return poolEndpointUsesPool;
    }

    public boolean telemetry() {
        return telemetry;
    }

    public boolean apiMetrics() {
        return apiMetrics;
    }

    public int connectionsPerRequest() {
        return connectionsPerRequest;
    }

    public boolean refuse() {
        return refuse;
    }

    public boolean sandbox() {
        return sandbox;
    }

    public List<String> superAdmins() {
        return superAdmins;
    }

    public boolean skipEmailValidation() {
        return skipEmailValidation;
    }

    public boolean consentsAllowed() {
        return consentsAllowed;
    }

    public boolean scaEnabled() {
        return scaEnabled;
    }

    public List<String> consumerKeys() {
        return consumerKeys;
    }

    /** True when the db-lock fault is on and this v7 request's route is one of the db-lock paths. */
    boolean touchesLockedRow(String method, String version, String template, String path) {
        if (dbLock.isZero() || !version.equals(Routes.V7)) return false;
        String bare = template.replace("{", "").replace("}", "");
        for (String item : dbLockPaths) {
            String t = item.trim();
            int space = t.indexOf(' ');
            String m = space > 0 ? t.substring(0, space) : null;
            String suffix = (space > 0 ? t.substring(space + 1) : t)
                    .trim()
                    .replace("{", "")
                    .replace("}", "");
            if (m != null && !m.equalsIgnoreCase(method)) continue;
            if (bare.endsWith(suffix) || path.endsWith(suffix)) return true;
        }
        return false;
    }

    /** The total added latency for this path (zero when no rule matches). */
    Duration latencyFor(String path) {
        Duration total = Duration.ZERO;
        for (Latency l : latencies) if (l.matches(path)) total = total.plus(l.draw());
        return total;
    }
}
