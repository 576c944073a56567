package obp.loadtest.verdict;

import java.util.List;
import java.util.Locale;

/**
 * The words each database OBP runs on (PostgreSQL, MySQL/MariaDB, H2, SQL Server, Oracle) and HikariCP
 * use when a request waited too long for a lock, lost a deadlock, or got no pooled connection. OBP wraps
 * unexpected exceptions as {@code OBP-50000: Unknown Error.} followed by the exception text, so the
 * database's own wording reaches the client (docs/verdict.md lists them with their error codes).
 */
public final class DbSignatures {

    /** One recognised phrase, lower-case, and the cause it proves. */
    record Signature(String phrase, TimeoutCause cause, String source) {}

    static final List<Signature> ALL = List.of(
            new Signature(
                    "connection is not available, request timed out after", TimeoutCause.POOL_ACQUIRE, "HikariCP"),
            new Signature("deadlock detected", TimeoutCause.DEADLOCK, "PostgreSQL 40P01, H2 40001, Oracle ORA-00060"),
            new Signature("deadlock found when trying to get lock", TimeoutCause.DEADLOCK, "MySQL/MariaDB 1213"),
            new Signature("was deadlocked on lock resources", TimeoutCause.DEADLOCK, "SQL Server 1205"),
            new Signature("ora-00060", TimeoutCause.DEADLOCK, "Oracle"),
            new Signature("canceling statement due to lock timeout", TimeoutCause.LOCK, "PostgreSQL 55P03"),
            new Signature("could not obtain lock", TimeoutCause.LOCK, "PostgreSQL 55P03 (NOWAIT)"),
            new Signature("lock wait timeout exceeded", TimeoutCause.LOCK, "MySQL/MariaDB 1205"),
            new Signature("timeout trying to lock table", TimeoutCause.LOCK, "H2 50200"),
            new Signature("lock request time out period exceeded", TimeoutCause.LOCK, "SQL Server 1222"),
            new Signature("ora-30006", TimeoutCause.LOCK, "Oracle"));

    private DbSignatures() {}

    /** The cause a server message proves, or null when it names none of them. */
    public static TimeoutCause match(String message) {
        if (message == null || message.isEmpty()) {
            return null;
        }
        String text = message.toLowerCase(Locale.ROOT);
        for (Signature s : ALL) {
            if (text.contains(s.phrase())) {
                return s.cause();
            }
        }
        return null;
    }
}
