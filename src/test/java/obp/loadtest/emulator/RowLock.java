package obp.loadtest.emulator;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The db-lock fault: a stuck transaction outside the pool (a batch job, another node, a forgotten session)
 * updates one shared row and holds it uncommitted for the plan's hold time, starting with the first request to a
 * db-lock path. Those requests write the row (POST, DELETE) or read it for update (GET), so they wait in H2 on a
 * real row lock, holding their pooled connection, until H2's LOCK_TIMEOUT; every other endpoint never touches it.
 */
final class RowLock {
    /** The shared row, one per database. */
    static final String WRITE = "UPDATE entitlement_log SET writes = writes + 1 WHERE id = 1";

    static final String READ_FOR_UPDATE = "SELECT writes FROM entitlement_log WHERE id = 1 FOR UPDATE";

    private final Store store;
    private final Duration hold;
    private final AtomicBoolean taken = new AtomicBoolean();

    RowLock(Store store, Duration hold) {
        this.store = store;
        this.hold = hold;
    }

    /** Touches the shared row on the request's own DB (held or briefly borrowed): hangs while the stuck transaction holds it. */
    void touch(RequestDb db, boolean read) throws SQLException {
        if (taken.compareAndSet(false, true)) takeFor(hold);
        if (read) db.sql(c -> Call.queryString(c, READ_FOR_UPDATE));
        else db.sql(c -> Call.update(c, WRITE));
    }

    /** Locks the row now, on a session of its own, and lets go after {@code hold} on a background thread. */
    private void takeFor(Duration hold) throws SQLException {
        Connection stuck = store.openOutsidePool();
        Call.update(stuck, WRITE);
        Thread release = new Thread(
                () -> {
                    ObpEmulator.sleepQuietly(hold);
                    try (stuck) {
                        stuck.rollback();
                    } catch (SQLException ignored) {
                        // the database is already shut down
                    }
                },
                "obp-emulator-stuck-transaction");
        release.setDaemon(true);
        release.start();
    }
}
