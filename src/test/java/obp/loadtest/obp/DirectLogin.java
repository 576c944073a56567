package obp.loadtest.obp;

/**
 * The DirectLogin header, built here only (docs/obp-api.md §2): the login sends the credentials, every
 * later call the token. Scenarios, setup, the pool sampler and the benchmarks all take it from here.
 */
public final class DirectLogin {

    private DirectLogin() {}

    /** The header's name; OBP also reads {@code Authorization: DirectLogin ...}, which we never send. */
    public static final String HEADER = "DirectLogin";

    /** The header value of a call made with a token (a Gatling {@code #{...}} expression works as the token too). */
    public static String token(String token) {
        return "token=" + token;
    }

    /** The header value of the login itself, {@code POST /my/logins/direct}. */
    public static String credentials(String username, String password, String consumerKey) {
        return "username=" + username + ", password=" + password + ", consumer_key=" + consumerKey;
    }
}
