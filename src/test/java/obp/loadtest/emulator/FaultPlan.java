package obp.loadtest.emulator;

import com.typesafe.config.Config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

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
            return fixed.plusMillis(jitterMs <= 0 ? 0 : ThreadLocalRandom.current().nextLong(jitterMs + 1));
        }
    }

    private int port = 0;
    private int poolSize = 20;                                  // OBP's hikari.maximumPoolSize default
    private Duration acquireTimeout = Duration.ofSeconds(30);   // OBP's hikari.connectionTimeout default
    private ConnectionScope connectionScope = ConnectionScope.REQUEST;
    private Duration connectorDialTimeout = Duration.ofSeconds(60);
    private List<Latency> latencies = List.of();
    private double errorRate = 0.0;
    private Duration dbLock = Duration.ZERO;
    private Duration dbLockTimeout = Duration.ofSeconds(10);    // H2 LOCK_TIMEOUT; below the client's 30 s
    private boolean refuse = false;
    private boolean sandbox = false;
    private List<String> superAdmins = List.of();
    private boolean skipEmailValidation = true;
    private boolean consentsAllowed = true;
    private boolean scaEnabled = false;
    private List<String> consumerKeys = List.of();

    private FaultPlan() {
    }

    /** A well-behaved server: OBP's pool defaults, no faults, email validation skipped, consents allowed, SCA off. */
    public static FaultPlan defaults() {
        return new FaultPlan();
    }

    /** Reads the {@code obp.emulator} section of application.conf. */
    public static FaultPlan fromConfig(Config c) {
        FaultPlan p = defaults()
                .port(c.getInt("port"))
                .poolSize(c.getInt("pool-size"))
                .acquireTimeout(c.getDuration("acquire-timeout"))
                .connectionScope(ConnectionScope.parse(c.getString("connection-scope")))
                .connectorDialTimeout(c.getDuration("connector-dial-timeout"))
                .errorRate(c.getDouble("error-rate"))
                .dbLock(c.getDuration("db-lock"))
                .refuse(c.getBoolean("refuse"))
                .sandbox(c.getBoolean("sandbox"))
                .skipEmailValidation(c.getBoolean("skip-email-validation"))
                .consentsAllowed(c.getBoolean("consents-allowed"))
                .scaEnabled(c.getBoolean("sca-enabled"));
        if (c.hasPath("db-lock-timeout")) p = p.dbLockTimeout(c.getDuration("db-lock-timeout"));
        if (c.hasPath("super-admins")) p = p.superAdmins(splitList(c.getString("super-admins")));
        if (c.hasPath("consumer-keys")) p = p.consumerKeys(splitList(c.getString("consumer-keys")));
        for (String item : splitList(c.getString("latency"))) p = p.latency(parseLatency(item));
        return p;
    }

    /** "*=100ms" or "/system/cache/info=2s~500ms" (fixed~jitter). */
    static Latency parseLatency(String item) {
        int eq = item.lastIndexOf('=');
        if (eq <= 0) throw new IllegalArgumentException("latency item must be PATH=DURATION[~JITTER], not '" + item + "'");
        String[] times = item.substring(eq + 1).split("~", 2);
        Duration fixed = parseDuration(times[0]);
        Duration jitter = times.length > 1 ? parseDuration(times[1]) : Duration.ZERO;
        return new Latency(item.substring(0, eq).trim(), fixed, jitter);
    }

    private static Duration parseDuration(String text) {
        return com.typesafe.config.ConfigFactory.parseString("d = " + text.trim()).getDuration("d");
    }

    private static List<String> splitList(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split(",")) if (!s.isBlank()) out.add(s.trim());
        return out;
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
        p.refuse = refuse;
        p.sandbox = sandbox;
        p.superAdmins = superAdmins;
        p.skipEmailValidation = skipEmailValidation;
        p.consentsAllowed = consentsAllowed;
        p.scaEnabled = scaEnabled;
        p.consumerKeys = consumerKeys;
        return p;
    }

    public FaultPlan port(int port) {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0-65535, not " + port);
        FaultPlan p = copy(); p.port = port; return p;
    }

    public FaultPlan poolSize(int size) {
        if (size < 1) throw new IllegalArgumentException("pool-size must be at least 1, not " + size);
        FaultPlan p = copy(); p.poolSize = size; return p;
    }

    /** HikariCP connectionTimeout; HikariCP refuses anything under 250 ms. */
    public FaultPlan acquireTimeout(Duration timeout) {
        if (timeout.toMillis() < 250) throw new IllegalArgumentException("acquire-timeout must be at least 250ms (HikariCP's minimum), not " + timeout.toMillis() + "ms");
        FaultPlan p = copy(); p.acquireTimeout = timeout; return p;
    }

    public FaultPlan connectionScope(ConnectionScope scope) {
        FaultPlan p = copy(); p.connectionScope = scope; return p;
    }

    public FaultPlan connectorDialTimeout(Duration timeout) {
        FaultPlan p = copy(); p.connectorDialTimeout = timeout; return p;
    }

    public FaultPlan latency(String pathSuffixOrStar, Duration fixed, Duration jitter) {
        return latency(new Latency(pathSuffixOrStar, fixed, jitter));
    }

    public FaultPlan latency(Latency latency) {
        FaultPlan p = copy();
        List<Latency> all = new ArrayList<>(latencies);
        all.add(latency);
        p.latencies = List.copyOf(all);
        return p;
    }

    /** Share of requests (0.0-1.0) answered 500 OBP-50000. */
    public FaultPlan errorRate(double rate) {
        if (rate < 0 || rate > 1) throw new IllegalArgumentException("error-rate must be between 0.0 and 1.0, not " + rate);
        FaultPlan p = copy(); p.errorRate = rate; return p;
    }

    /** The first v7 entitlement write holds a row lock on the entitlement log for this long (0 = off). */
    public FaultPlan dbLock(Duration hold) {
        FaultPlan p = copy(); p.dbLock = hold; return p;
    }

    /** H2's LOCK_TIMEOUT: how long a request waits on a locked row before failing. */
    public FaultPlan dbLockTimeout(Duration timeout) {
        FaultPlan p = copy(); p.dbLockTimeout = timeout; return p;
    }

    public FaultPlan refuse(boolean refuse) {
        FaultPlan p = copy(); p.refuse = refuse; return p;
    }

    /** Every new user is a super admin. */
    public FaultPlan sandbox(boolean sandbox) {
        FaultPlan p = copy(); p.sandbox = sandbox; return p;
    }

    /** OBP's super_admin_user_ids. */
    public FaultPlan superAdmins(List<String> userIds) {
        FaultPlan p = copy(); p.superAdmins = List.copyOf(userIds); return p;
    }

    public FaultPlan skipEmailValidation(boolean skip) {
        FaultPlan p = copy(); p.skipEmailValidation = skip; return p;
    }

    public FaultPlan consentsAllowed(boolean allowed) {
        FaultPlan p = copy(); p.consentsAllowed = allowed; return p;
    }

    public FaultPlan scaEnabled(boolean enabled) {
        FaultPlan p = copy(); p.scaEnabled = enabled; return p;
    }

    /** Accepted DirectLogin consumer keys; when empty the emulator generates one at start. */
    public FaultPlan consumerKeys(List<String> keys) {
        FaultPlan p = copy(); p.consumerKeys = List.copyOf(keys); return p;
    }

    public int port() { return port; }
    public int poolSize() { return poolSize; }
    public Duration acquireTimeout() { return acquireTimeout; }
    public ConnectionScope connectionScope() { return connectionScope; }
    public Duration connectorDialTimeout() { return connectorDialTimeout; }
    public List<Latency> latencies() { return latencies; }
    public double errorRate() { return errorRate; }
    public Duration dbLock() { return dbLock; }
    public Duration dbLockTimeout() { return dbLockTimeout; }
    public boolean refuse() { return refuse; }
    public boolean sandbox() { return sandbox; }
    public List<String> superAdmins() { return superAdmins; }
    public boolean skipEmailValidation() { return skipEmailValidation; }
    public boolean consentsAllowed() { return consentsAllowed; }
    public boolean scaEnabled() { return scaEnabled; }
    public List<String> consumerKeys() { return consumerKeys; }

    /** The total added latency for this path (zero when no rule matches). */
    Duration latencyFor(String path) {
        Duration total = Duration.ZERO;
        for (Latency l : latencies) if (l.matches(path)) total = total.plus(l.draw());
        return total;
    }
}
