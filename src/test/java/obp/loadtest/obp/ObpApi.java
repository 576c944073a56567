package obp.loadtest.obp;

/**
 * Every OBP path the run calls, with the version it is called under (docs/obp-api.md §2–6). One fact,
 * one place: scenarios and setup build their requests from these.
 */
public final class ObpApi {

    private ObpApi() {}

    public static final String V7 = "/obp/v7.0.0";
    /** The unauthenticated root of an old, stable version: what the generator warms up on. */
    public static final String ROOT_V121 = "/obp/v1.2.1/root";

    // setup
    public static final String CREATE_USER = "/obp/v3.0.0/users";
    public static final String DIRECT_LOGIN = "/my/logins/direct";
    public static final String CURRENT_USER = "/obp/v3.0.0/users/current";
    public static final String CREATE_BANK = "/obp/v5.0.0/banks";

    public static String grantEntitlement(String userId) {
        return "/obp/v3.0.0/users/" + userId + "/entitlements";
    }

    // end-of-run cleanup (v4.0.0: Delete a User, role CanDeleteUser; Delete Bank Cascade, role CanDeleteBankCascade)
    public static String deleteUser(String userId) {
        return "/obp/v4.0.0/users/" + userId;
    }

    public static String deleteBankCascade(String bankId) {
        return "/obp/v4.0.0/management/cascading/banks/" + bankId;
    }

    // accounts loop
    public static String createAccount(String bankId) {
        return "/obp/v4.0.0/banks/" + bankId + "/accounts";
    }

    public static String listViews(String bankId, String accountId) {
        return "/obp/v5.0.0/banks/" + bankId + "/accounts/" + accountId + "/views";
    }

    public static String createView(String bankId, String accountId) {
        return "/obp/v3.0.0/banks/" + bankId + "/accounts/" + accountId + "/views";
    }

    public static String accountDetails(String bankId, String accountId) {
        return "/obp/v6.0.0/banks/" + bankId + "/accounts/" + accountId + "/owner/account";
    }

    /** Note the {@code views/} segment, unlike account details. */
    public static String balances(String bankId, String accountId) {
        return "/obp/v5.1.0/banks/" + bankId + "/accounts/" + accountId + "/views/owner/balances";
    }

    public static final String MY_ACCOUNTS = "/obp/v3.0.0/my/accounts";

    // consent loop
    public static final String CREATE_IMPLICIT_CONSENT = "/obp/v5.1.0/my/consents/IMPLICIT";

    public static String answerChallenge(String bankId, String consentId) {
        return "/obp/v3.1.0/banks/" + bankId + "/consents/" + consentId + "/challenge";
    }

    public static final String MY_CONSENTS = "/obp/v5.1.0/my/consents";
    public static final String CURRENT_USER_ID = "/obp/v4.0.0/users/current/user_id";

    public static String revokeConsent(String consentId) {
        return "/obp/v5.1.0/my/consents/" + consentId;
    }

    /** The sandbox challenge answer, accepted when the server has consents.sca.enabled=false. */
    public static final String SANDBOX_CHALLENGE_ANSWER = "123456";

    // v7 write round trip and pool evidence
    public static String v7GrantEntitlement(String userId) {
        return V7 + "/users/" + userId + "/entitlements";
    }

    public static String v7DeleteEntitlement(String entitlementId) {
        return V7 + "/entitlements/" + entitlementId;
    }

    public static final String V7_DATABASE_POOL = V7 + "/system/database/pool";
    public static final String STALL_PROBE = V7 + "/system/connectors/stored_procedure_vDec2019/health";

    /** Header on responses the v7 → v6 bridge served. */
    public static final String VERSION_SERVED_HEADER = "X-OBP-Version-Served";
}
