package obp.loadtest.emulator;

import java.sql.SQLException;
import java.util.Locale;

/**
 * The database a real OBP runs on, for the words its JDBC driver puts in a deadlock or lock-timeout error.
 * The emulator's lock waits are real H2 waits; only the words reaching the client are the chosen vendor's,
 * because OBP appends the exception text to {@code OBP-50000: Unknown Error.}.
 */
public enum Database {
    POSTGRESQL("ERROR: deadlock detected", "ERROR: canceling statement due to lock timeout"),
    MYSQL(
            "Deadlock found when trying to get lock; try restarting transaction",
            "Lock wait timeout exceeded; try restarting transaction"),
    H2("Deadlock detected. The current transaction was rolled back.", "Timeout trying to lock table"),
    SQLSERVER(
            "Transaction (Process ID 57) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.",
            "Lock request time out period exceeded."),
    ORACLE(
            "ORA-00060: deadlock detected while waiting for resource",
            "ORA-30006: resource busy; acquire with WAIT timeout expired");

    /** H2's error codes for the two lock failures (org.h2.api.ErrorCode DEADLOCK_1 and LOCK_TIMEOUT_1). */
    static final int H2_DEADLOCK = 40001;

    static final int H2_LOCK_TIMEOUT = 50200;

    private final String deadlock;
    private final String lockTimeout;

    Database(String deadlock, String lockTimeout) {
        this.deadlock = deadlock;
        this.lockTimeout = lockTimeout;
    }

    /** True for H2's deadlock and lock-timeout exceptions (also when wrapped). */
    static boolean isLockFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (s.getErrorCode() == H2_DEADLOCK || s.getErrorCode() == H2_LOCK_TIMEOUT))
                return true;
        }
        return false;
    }

    /**
     * The words this database would have used for the H2 lock failure {@code h2}: a real H2 deadlock is a deadlock;
     * a lock wait that ran out is a lock timeout, or, when the plan's lock kind is deadlock, the deadlock victim's
     * error after the detection delay. For H2 itself a lock timeout keeps H2's own first clause (it names the table).
     */
    String words(SQLException h2, FaultPlan.LockKind kind) {
        boolean deadlocked = h2.getErrorCode() == H2_DEADLOCK || kind == FaultPlan.LockKind.DEADLOCK;
        if (deadlocked) return deadlock;
        if (this == H2 && h2.getMessage() != null) {
            String m = h2.getMessage();
            int cut = m.indexOf(';');
            return cut > 0 ? m.substring(0, cut) : m;
        }
        return lockTimeout;
    }

    static Database parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "database must be postgresql, mysql, h2, sqlserver or oracle, not '" + text + "'");
        }
    }
}
