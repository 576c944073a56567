package obp.loadtest.emulator;

/** How long a request keeps its pooled connection. */
public enum ConnectionScope {
    /** Every v7 request borrows one connection before its handler and holds it until the response is written. */
    REQUEST,
    /** Today's OBP: reads borrow briefly per query; a write acquires lazily and holds until the response. */
    WRITES;

    static ConnectionScope parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("connection-scope must be request or writes, not '" + text + "'");
        }
    }
}
