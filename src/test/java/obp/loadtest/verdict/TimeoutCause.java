package obp.loadtest.verdict;

/**
 * Why a request counted as a TIMEOUT. The causes fall in three families the verdict weighs against
 * each other: a cap was reached (pool starvation), the database said lock or deadlock, or the request
 * hung and then ended before any cap (a DB-level hang). See docs/verdict.md.
 */
public enum TimeoutCause {
    /** No response within the client's request timeout (the client cap). */
    CLIENT(Family.CAP, "no response within the client timeout"),
    /** 504: OBP's own endpoint deadline (long_endpoint_timeout, 55 s by default). */
    GATEWAY(Family.CAP, "504 at the server's endpoint deadline"),
    /** HikariCP gave up waiting for a pooled connection: its message, or an error at the server's acquire timeout. */
    POOL_ACQUIRE(Family.CAP, "waiting for a pooled connection"),
    /** The database gave up waiting for a lock (lock timeout, lock wait timeout, NOWAIT). */
    LOCK(Family.DATABASE, "DB lock timeout"),
    /** The database chose this request's transaction as a deadlock victim. */
    DEADLOCK(Family.DATABASE, "DB deadlock"),
    /** The request hung, then the connection closed with no answer, before any known cap. */
    DROPPED(Family.HANG, "hung, then the connection dropped with no answer"),
    /** The request hung, then the server answered an error, before any known cap. */
    HANG(Family.HANG, "hung, then answered an error");

    /** Which kind of evidence a cause is. */
    public enum Family {
        CAP,
        DATABASE,
        HANG
    }

    private final Family family;
    private final String words;

    TimeoutCause(Family family, String words) {
        this.family = family;
        this.words = words;
    }

    public Family family() {
        return family;
    }

    /** How the evidence names this cause. */
    public String words() {
        return words;
    }
}
