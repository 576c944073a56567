package obp.loadtest.obp;

/**
 * OBP's limiters, each answering 429 with its own code (obp-api/src/main/scala/code/api/util/ErrorMessages.scala,
 * RateLimitingUtil.scala; newer OBP adds the self-service and login limiters): the consumer's call limits
 * ({@code OBP-10018: Too Many Requests. We only allow N requests per <period> for this Consumer.}), the per-IP
 * self-service limit ({@code OBP-10060}) and the login limit ({@code OBP-10061}); the limit and its reset travel in the
 * {@code X-Rate-Limit-*} headers. Also OBP's load shedding, {@code 503 OBP-10040}. What each is and how to lift it.
 */
public enum RateLimiter {
    CONSUMER(
            "OBP-10018",
            "the consumer rate limit (OBP-10018, per Consumer)",
            "raise this Consumer's call limits (PUT /management/consumers/CONSUMER_ID/consumer/call-limits, or its"
                    + " API Product's) or pace the run below it (--rate-v7 with fewer requests per second than the"
                    + " limit allows)"),
    SELF_SERVICE(
            "OBP-10060",
            "the self-service rate limit (OBP-10060, per client IP)",
            "raise self_service.rate_limit.* in the server's props (or switch it to shadow mode) for this"
                    + " test, or pace the run (--rate-v7)"),
    LOGIN(
            "OBP-10061",
            "the login rate limit (OBP-10061, per IP and account)",
            "raise auth.rate_limit.per_ip.* / per_user.* in the server's props (or switch it to shadow mode) for"
                    + " this test, or provision fewer users at a time"),
    UNNAMED(
            null,
            "a rate limit the server did not name (429 without an OBP code)",
            "ask who runs the server (or the proxy in front of it) which limit this is, raise it for the test, or"
                    + " pace the run (--rate-v7)");

    private final String code;
    private final String words;
    private final String advice;

    RateLimiter(String code, String words, String advice) {
        this.code = code;
        this.words = words;
        this.advice = advice;
    }

    public String words() {
        return words;
    }

    public String advice() {
        return advice;
    }

    /** The limiter a refusal names: by its OBP code wherever it is, else any 429; null when it is no rate limit. */
    public static RateLimiter of(int status, String message) {
        if (message != null) {
            for (RateLimiter l : values()) if (l.code != null && message.contains(l.code)) return l;
        }
        return status == 429 ? UNNAMED : null;
    }

    /** OBP's words for load shedding (ErrorMessages.scala, ServiceIsTooBusy). */
    public static final String TOO_BUSY_CODE = "OBP-10040";

    /** An error in OBP's load-shedding words: the server refused work above its open futures, on purpose. */
    public static boolean shed(int status, String message) {
        return status >= 500 && message != null && message.contains(TOO_BUSY_CODE);
    }

    /** The code this limiter's refusals carry, or null. */
    public String code() {
        return code;
    }
}
