package obp.loadtest.verdict;

/** How one request ended, as the verdict sees it (docs/verdict.md). */
public enum Outcome {
    /** 2xx, or a 4xx the run expects (ownership checks for non-owners). */
    OK,
    /** The server answered a status the run does not expect. */
    UNEXPECTED_STATUS,
    /** Completed with an acceptable status, but after the slow threshold. */
    SLOW,
    /** No response within the client timeout, or a server-side timeout answer (504, pool acquire, lock). */
    TIMEOUT,
    /** Refused, reset or closed before any response. */
    CONNECTION_ERROR
}
