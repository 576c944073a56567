package obp.loadtest.emulator;

import java.sql.SQLException;
import java.util.List;
import obp.loadtest.emulator.Routes.Reply;

/**
 * What a client needs to remove what it created (OBP's APIMethods400): Delete a User (system role
 * CanDeleteUser) and Delete Bank Cascade (bank role CanDeleteBankCascade at that bank: the bank with its accounts,
 * views, account access and bank-level entitlements, but not its accounts' holders: OBP's DeleteAccountCascade leaves
 * MapperAccountHolders as they are). Both answer 200 {@code true}; the roles are checked by the middleware, before the
 * work.
 */
final class CleanupEndpoints {
    /**
     * What one delete endpoint removes: the rows whose {@code key} is the path's id, table by table in this order; the
     * last table holds the row itself, and when it has none the answer is 404 {@code notFound}.
     */
    private record Cascade(String key, String notFound, List<String> tables) {
        String owner() {
            return tables.get(tables.size() - 1);
        }
    }

    // DELETE /obp/v4.0.0/users/USER_ID → 200 true; 404 OBP-20005 for an unknown user
    private static final Cascade USER = new Cascade(
            "user_id",
            ObpError.USER_NOT_FOUND,
            List.of("tokens", "entitlements", "account_access", "consents", "users"));

    // DELETE /obp/v4.0.0/management/cascading/banks/BANK_ID → 200 true; 404 OBP-30001 for an unknown bank (the
    // middleware's bank check, before the role, which is a bank role: CanDeleteBankCascade at that bank)
    private static final Cascade BANK = new Cascade(
            "bank_id",
            ObpError.BANK_NOT_FOUND,
            List.of("account_access", "custom_views", "accounts", "entitlements", "banks"));

    private CleanupEndpoints() {}

    static void register(Routes r) {
        r.add("DELETE", "v4.0.0", "/users/{USER_ID}", CleanupEndpoints::deleteUser)
                .roles(Role.DELETE_USER)
                .add("DELETE", "v4.0.0", "/management/cascading/banks/{BANK_ID}", CleanupEndpoints::deleteBankCascade)
                .roles(Role.DELETE_BANK_CASCADE);
    }

    /** The deleted user's tokens stop working: they are retired before their rows go. */
    static Reply deleteUser(Call c) throws SQLException {
        return delete(c, USER, (conn, userId) -> {
            for (var row : Call.rows(conn, "SELECT token FROM tokens WHERE user_id = ?", userId))
                c.emulator().store().retiredTokens.add((String) row.get("token"));
        });
    }

    static Reply deleteBankCascade(Call c) throws SQLException {
        return delete(c, BANK, (conn, bankId) -> {});
    }

    /** Something done in the delete's transaction once the row is known to exist, before anything is deleted. */
    private interface BeforeDelete {
        void run(java.sql.Connection conn, String id) throws SQLException;
    }

    private static Reply delete(Call c, Cascade what, BeforeDelete before) throws SQLException {
        String id = c.param(0);
        String where = " WHERE " + what.key() + " = ?";
        c.db().sql(conn -> {
            if (Call.queryString(conn, "SELECT " + what.key() + " FROM " + what.owner() + where, id) == null)
                throw ObpError.notFound(what.notFound());
            before.run(conn, id);
            int deleted = 0;
            for (String table : what.tables()) deleted = Call.update(conn, "DELETE FROM " + table + where, id);
            return deleted;
        });
        return Reply.ok(Boolean.TRUE);
    }
}
