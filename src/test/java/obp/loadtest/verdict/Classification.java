package obp.loadtest.verdict;

/** How one request ended: its outcome and, for a TIMEOUT, why (null otherwise). */
public record Classification(Outcome outcome, TimeoutCause cause) {

    public static final Classification OK = new Classification(Outcome.OK, null);
    public static final Classification SLOW = new Classification(Outcome.SLOW, null);
    public static final Classification UNEXPECTED = new Classification(Outcome.UNEXPECTED_STATUS, null);
    public static final Classification REFUSED = new Classification(Outcome.CONNECTION_ERROR, null);

    public Classification {
        if ((outcome == Outcome.TIMEOUT) != (cause != null)) {
            throw new IllegalArgumentException(
                    "a TIMEOUT needs a cause and nothing else has one: " + outcome + "/" + cause);
        }
    }

    public static Classification timeout(TimeoutCause cause) {
        return new Classification(Outcome.TIMEOUT, cause);
    }
}
