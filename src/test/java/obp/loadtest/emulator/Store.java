package obp.loadtest.emulator;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The emulator's database: an in-memory H2 database (unique per instance) behind a real HikariCP pool,
 * configured like OBP's CustomDBVendor (autoCommit off, minimumIdle = maximumPoolSize), plus one
 * connection outside the pool for monitoring, so the pool endpoint and test views work while the pool is exhausted.
 */
final class Store implements AutoCloseable {
    private static final String SCHEMA = """
            CREATE TABLE users (user_id VARCHAR PRIMARY KEY, username VARCHAR UNIQUE NOT NULL, email VARCHAR,
                password VARCHAR, first_name VARCHAR, last_name VARCHAR, validated BOOLEAN, super_admin BOOLEAN);
            CREATE TABLE tokens (token VARCHAR PRIMARY KEY, user_id VARCHAR NOT NULL, consumer_key VARCHAR);
            CREATE TABLE entitlements (entitlement_id VARCHAR PRIMARY KEY, user_id VARCHAR NOT NULL,
                bank_id VARCHAR NOT NULL, role_name VARCHAR NOT NULL, UNIQUE (user_id, bank_id, role_name));
            CREATE TABLE entitlement_log (id INT PRIMARY KEY, writes BIGINT NOT NULL);
            INSERT INTO entitlement_log VALUES (1, 0);
            CREATE TABLE banks (bank_id VARCHAR PRIMARY KEY, bank_code VARCHAR, full_name VARCHAR, logo VARCHAR, website VARCHAR);
            CREATE TABLE accounts (account_id VARCHAR PRIMARY KEY, bank_id VARCHAR NOT NULL, owner_user_id VARCHAR NOT NULL,
                label VARCHAR, number VARCHAR, product_code VARCHAR, currency VARCHAR, amount VARCHAR, branch_id VARCHAR);
            CREATE TABLE custom_views (bank_id VARCHAR, account_id VARCHAR, view_id VARCHAR, description VARCHAR,
                metadata_view VARCHAR, allowed_actions VARCHAR, PRIMARY KEY (bank_id, account_id, view_id));
            CREATE TABLE account_holders (user_id VARCHAR, bank_id VARCHAR, account_id VARCHAR,
                PRIMARY KEY (user_id, bank_id, account_id));
            CREATE TABLE account_access (bank_id VARCHAR, account_id VARCHAR, view_id VARCHAR, user_id VARCHAR,
                PRIMARY KEY (bank_id, account_id, view_id, user_id));
            CREATE TABLE consents (consent_id VARCHAR PRIMARY KEY, user_id VARCHAR NOT NULL, consumer_key VARCHAR,
                status VARCHAR NOT NULL, jwt VARCHAR NOT NULL, otp VARCHAR, created_at TIMESTAMP, last_action_at TIMESTAMP,
                last_usage_at TIMESTAMP);
            CREATE INDEX consents_jwt ON consents (jwt);
            """;

    final HikariDataSource pool;
    private final String url;
    /** Tokens deleted or invalidated since start: still "issued" for tests proving no output leaks one. */
    final java.util.Set<String> retiredTokens = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Connection monitor;

    Store(FaultPlan plan, Telemetry telemetry) throws SQLException {
        url = "jdbc:h2:mem:obp-emulator-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT="
                + plan.dbLockTimeout().toMillis();
        monitor = DriverManager.getConnection(url, "sa", "");
        try (Statement s = monitor.createStatement()) {
            s.execute(SCHEMA);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("HikariPool-1"); // what a real OBP's one pool is called, so acquire timeouts read the same
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(plan.poolSize());
        config.setMinimumIdle(plan.poolSize());
        config.setConnectionTimeout(plan.acquireTimeout().toMillis());
        config.setIdleTimeout(600_000);
        config.setKeepaliveTime(30_000);
        config.setMaxLifetime(1_800_000);
        config.setAutoCommit(false);
        if (telemetry != null) telemetry.instrument(config);
        pool = new HikariDataSource(config);
    }

    /** The out-of-pool connection, auto-commit, for reads that must not wait on the pool. Callers synchronise on it. */
    Connection monitor() {
        return monitor;
    }

    /** A session of its own, outside the pool and not auto-commit: another client of the same database. */
    Connection openOutsidePool() throws SQLException {
        Connection c = DriverManager.getConnection(url, "sa", "");
        c.setAutoCommit(false);
        return c;
    }

    @Override
    public void close() {
        pool.close();
        try {
            monitor.createStatement().execute("SHUTDOWN");
            monitor.close();
        } catch (SQLException ignored) {
            // already gone
        }
    }
}
