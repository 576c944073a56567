package obp.loadtest.emulator;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Read-only views of the emulator's database for tests; reads outside the pool so they never wait on it. */
public final class EmulatorState {
    private final Store store;

    private EmulatorState(Store store) {
        this.store = store;
    }

    /** The state of a running emulator. */
    public static EmulatorState of(ObpEmulator emulator) {
        return new EmulatorState(emulator.store());
    }

    public int accountCount(String bankId) {
        return (int) count("SELECT COUNT(*) FROM accounts WHERE bank_id = ?", bankId);
    }

    public long consentCount(String status) {
        return count("SELECT COUNT(*) FROM consents WHERE status = ?", status);
    }

    public List<String> userIds() {
        return strings("SELECT user_id FROM users ORDER BY username");
    }

    public List<String> bankIds() {
        return strings("SELECT bank_id FROM banks ORDER BY bank_id");
    }

    public List<String> roles(String userId) {
        return strings("SELECT role_name FROM entitlements WHERE user_id = ? ORDER BY role_name", userId);
    }

    /** Every DirectLogin token issued so far (for tests proving no output leaks one). */
    public List<String> issuedTokens() {
        List<String> all = new ArrayList<>(store.retiredTokens);
        all.addAll(strings("SELECT token FROM tokens"));
        return all;
    }

    /** Every user's password (same purpose). */
    public List<String> passwords() {
        return strings("SELECT password FROM users");
    }

    /** Every Consent-JWT issued so far (same purpose). */
    public List<String> consentJwts() {
        return strings("SELECT jwt FROM consents");
    }

    /** The one-time password a consent challenge expects when SCA is enabled (null when unknown). */
    public String consentOtp(String consentId) {
        List<String> otp = strings("SELECT otp FROM consents WHERE consent_id = ?", consentId);
        return otp.isEmpty() ? null : otp.get(0);
    }

    private long count(String sql, Object... args) {
        List<String> r = strings(sql, args);
        return Long.parseLong(r.get(0));
    }

    private List<String> strings(String sql, Object... args) {
        Connection c = store.monitor();
        synchronized (c) {
            try (var ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
                try (var rs = ps.executeQuery()) {
                    List<String> out = new ArrayList<>();
                    while (rs.next()) out.add(rs.getString(1));
                    return out;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
