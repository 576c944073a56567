package obp.loadtest.emulator;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One request's view of the pool, implementing the connection scope:
 * a held connection is shared by every SQL call of the request, committed before the response is
 * written and returned to the pool after it; without one, a read borrows a connection per call.
 */
final class RequestDb {
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Store store;
    private final boolean readsBorrowBriefly;
    private final boolean monitorOnly;
    private Connection held;

    private RequestDb(Store store, boolean readsBorrowBriefly, boolean monitorOnly) {
        this.store = store;
        this.readsBorrowBriefly = readsBorrowBriefly;
        this.monitorOnly = monitorOnly;
    }

    /** Writes (and every call in REQUEST scope) hold; GETs in WRITES scope borrow per call. */
    static RequestDb forRequest(Store store, boolean isRead) {
        return new RequestDb(store, isRead, false);
    }

    /** For endpoints that must answer while the pool is exhausted: SQL runs on the monitoring connection. */
    static RequestDb outsidePool(Store store) {
        return new RequestDb(store, false, true);
    }

    /** Borrows a pooled connection for one piece of work and gives it back at once; blocks up to the acquire timeout. */
    static <T> T briefly(Store store, Work<T> work) throws SQLException {
        try (Connection c = store.pool.getConnection()) {
            T result = work.run(c);
            c.commit();
            return result;
        }
    }

    /** Borrows now and holds until {@link #release()}; blocks up to the acquire timeout. */
    void hold() throws SQLException {
        if (held == null && !monitorOnly) held = store.pool.getConnection();
    }

    <T> T sql(Work<T> work) throws SQLException {
        if (monitorOnly) {
            Connection m = store.monitor();
            synchronized (m) {
                return work.run(m);
            }
        }
        if (held == null && readsBorrowBriefly) {
            try (Connection c = store.pool.getConnection()) {
                T result = work.run(c);
                c.commit();
                return result;
            }
        }
        hold();
        return work.run(held);
    }

    /** Before the response is written: make the request's writes visible to the next request. */
    void commit(boolean success) {
        if (held == null) return;
        try {
            if (success) held.commit();
            else held.rollback();
        } catch (SQLException ignored) {
            // the response still goes out; the connection is discarded below
        }
    }

    /** After the response is written: give the connection back. */
    void release() {
        if (held == null) return;
        try {
            held.rollback(); // no-op after commit; undoes anything left after a failed response write
            held.close();
        } catch (SQLException ignored) {
            // a closed pool (kill) already dropped it
        }
        held = null;
    }
}
