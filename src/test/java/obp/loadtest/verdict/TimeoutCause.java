package obp.loadtest.verdict;

/** Why a request counted as a TIMEOUT: the cause separates pool starvation from DB hangs. */
public enum TimeoutCause {
    /** No response within the client's request timeout. */
    CLIENT,
    /** 504: OBP's own endpoint deadline (long_endpoint_timeout). */
    GATEWAY,
    /** HikariCP gave up waiting for a pooled connection: starvation, whatever the duration. */
    POOL_ACQUIRE,
    /** The database gave up waiting for a lock: a DB-level hang. */
    LOCK
}
