package obp.loadtest.emulator;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.util.Map;

/** The live pool as OBP's {@code GET /system/database/pool} reports it: HikariPoolMXBean counters plus config. */
public record PoolSnapshot(
        String poolName,
        int activeConnections,
        int idleConnections,
        int totalConnections,
        int threadsAwaitingConnection,
        int maximumPoolSize,
        int minimumIdle,
        long connectionTimeoutMs,
        long idleTimeoutMs,
        long maxLifetimeMs,
        long keepaliveTimeMs) {

    static PoolSnapshot of(HikariDataSource pool) {
        HikariPoolMXBean live = pool.getHikariPoolMXBean();
        return new PoolSnapshot(
                pool.getPoolName(),
                live == null ? 0 : live.getActiveConnections(),
                live == null ? 0 : live.getIdleConnections(),
                live == null ? 0 : live.getTotalConnections(),
                live == null ? 0 : live.getThreadsAwaitingConnection(),
                pool.getMaximumPoolSize(),
                pool.getMinimumIdle(),
                pool.getConnectionTimeout(),
                pool.getIdleTimeout(),
                pool.getMaxLifetime(),
                pool.getKeepaliveTime());
    }

    /** DatabasePoolInfoJsonV600 field names. */
    Map<String, Object> toJson() {
        return Json.obj(
                "pool_name",
                poolName,
                "active_connections",
                activeConnections,
                "idle_connections",
                idleConnections,
                "total_connections",
                totalConnections,
                "threads_awaiting_connection",
                threadsAwaitingConnection,
                "maximum_pool_size",
                maximumPoolSize,
                "minimum_idle",
                minimumIdle,
                "connection_timeout_ms",
                connectionTimeoutMs,
                "idle_timeout_ms",
                idleTimeoutMs,
                "max_lifetime_ms",
                maxLifetimeMs,
                "keepalive_time_ms",
                keepaliveTimeMs);
    }
}
