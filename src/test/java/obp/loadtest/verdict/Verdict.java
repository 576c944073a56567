package obp.loadtest.verdict;

/** The one cause a run is diagnosed with (docs/verdict.md), each with the headline the user reads. */
public enum Verdict {
    CLEAN("CLEAN — pool sized adequately for this concurrency"),
    CONTENTION("CONTENTION — headroom shrinking; step workers up to find the breaking point"),
    POOL_STARVATION("POOL STARVATION — raise the pool, not the concurrency"),
    SUSPECT_DEADLOCK("SUSPECT DEADLOCK at the DB level"),
    /** The headline names the endpoint: see {@link #headline(String)}. */
    ONE_ENDPOINT("ONE ENDPOINT holds its connection too long"),
    SERVER_UNREACHABLE("SERVER UNREACHABLE — most requests refused or reset"),
    CONNECTION_LEAK("CONNECTION LEAK — connections stay busy with no request holding them; find the code that does"
            + " not close, do not raise the pool"),
    RATE_LIMITED("RATE LIMITED — the server's rate limit refused requests; raise it for the test or pace the run"),
    SERVER_BUSY("SERVER BUSY — the server shed load (OBP-10040) above a number of requests in flight"),
    UNEXPECTED_STATUSES("UNEXPECTED STATUSES — the server answered errors the run does not expect"),
    INTERRUPTED("INTERRUPTED — the run was cut short; its statistics are partial"),
    SETUP_FAILED("SETUP FAILED — the server refused to provision the fixture; no load was sent");

    private final String headline;

    Verdict(String headline) {
        this.headline = headline;
    }

    public String headline() {
        return headline;
    }

    /** The headline naming one endpoint where the verdict is about one (ONE_ENDPOINT), else the plain headline. */
    public String headline(String endpointName) {
        return this == ONE_ENDPOINT ? headline + ": " + endpointName : headline;
    }
}
