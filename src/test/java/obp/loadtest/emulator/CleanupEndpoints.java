package obp.loadtest.emulator;

import java.sql.SQLException;
import obp.loadtest.emulator.Routes.Reply;

/**
 * What a client needs to remove what it created (OBP's APIMethods400): Delete a User (role
 * CanDeleteUser) and Delete Bank Cascade (role CanDeleteBankCascade: the bank with its accounts,
 * views, account access and bank-level entitlements). Both answer 200 {@code true}.
 */
final class CleanupEndpoints {
    private CleanupEndpoints() {}

    static void register(Routes r) {
        r.add("DELETE", "v4.0.0", "/users/{USER_ID}", CleanupEndpoints::deleteUser)
                .add("DELETE", "v4.0.0", "/management/cascading/banks/{BANK_ID}", CleanupEndpoints::deleteBankCascade);
    }

    // DELETE /obp/v4.0.0/users/USER_ID → 200 true; 404 OBP-20005 for an unknown user
    static Reply deleteUser(Call c) throws SQLException {
        c.requireAnyRole("", Roles.DELETE_USER);
        String userId = c.param(0);
        c.db.sql(conn -> {
            if (Call.queryString(conn, "SELECT user_id FROM users WHERE user_id = ?", userId) == null)
                throw ObpError.notFound(ObpError.USER_NOT_FOUND);
            for (var row : Call.rows(conn, "SELECT token FROM tokens WHERE user_id = ?", userId))
                c.emulator.store().retiredTokens.add((String) row.get("token"));
            Call.update(conn, "DELETE FROM tokens WHERE user_id = ?", userId);
            Call.update(conn, "DELETE FROM entitlements WHERE user_id = ?", userId);
            Call.update(conn, "DELETE FROM account_access WHERE user_id = ?", userId);
            Call.update(conn, "DELETE FROM consents WHERE user_id = ?", userId);
            return Call.update(conn, "DELETE FROM users WHERE user_id = ?", userId);
        });
        return Reply.ok(Boolean.TRUE);
    }

    // DELETE /obp/v4.0.0/management/cascading/banks/BANK_ID → 200 true; 404 OBP-30001 for an unknown bank
    static Reply deleteBankCascade(Call c) throws SQLException {
        c.requireAnyRole("", Roles.DELETE_BANK_CASCADE);
        String bankId = c.param(0);
        c.db.sql(conn -> {
            if (Call.queryString(conn, "SELECT bank_id FROM banks WHERE bank_id = ?", bankId) == null)
                throw ObpError.notFound(ObpError.BANK_NOT_FOUND);
            Call.update(conn, "DELETE FROM account_access WHERE bank_id = ?", bankId);
            Call.update(conn, "DELETE FROM custom_views WHERE bank_id = ?", bankId);
            Call.update(conn, "DELETE FROM accounts WHERE bank_id = ?", bankId);
            Call.update(conn, "DELETE FROM entitlements WHERE bank_id = ?", bankId);
            return Call.update(conn, "DELETE FROM banks WHERE bank_id = ?", bankId);
        });
        return Reply.ok(Boolean.TRUE);
    }
}
