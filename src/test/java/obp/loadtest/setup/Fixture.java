package obp.loadtest.setup;

import java.util.List;
import obp.loadtest.obp.ServerFacts;

/**
 * What setup provisioned and every phase shares: the bootstrap user (roles, consents, the server's
 * own view; granted the owner view on the fixture account), the run's account holder (a user made
 * for this run: it creates every account and runs the accounts loop), the throwaway bank, the
 * account the v7 sweep reads, the v7 users (the bootstrap user first), and what the server has.
 */
public record Fixture(
        String baseUrl,
        String consumerKey,
        User bootstrap,
        User holder,
        String bankId,
        String accountId,
        List<User> v7Users,
        ServerFacts server) {

    /** A logged-in user. The token is a secret: it never reaches a log or a summary. */
    public record User(String userId, String username, String token) {
        @Override
        public String toString() {
            return "User[" + userId + ", " + username + ", token=****]";
        }
    }

    @Override
    public String toString() {
        return "Fixture[" + baseUrl + ", bank=" + bankId + ", account=" + accountId + ", v7 users=" + v7Users.size()
                + "]";
    }
}
