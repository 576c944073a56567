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

    // The accounts and consents phases' and cleanup's calls are in obp/Operation: each server gets its own versions.

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
    /** OBP of 2026's Telemetry through its API: the Prometheus port's text (role CanGetTelemetry). */
    public static final String V7_TELEMETRY = V7 + "/management/telemetry";

    public static final String STALL_PROBE = V7 + "/system/connectors/stored_procedure_vDec2019/health";

    /** Header on responses the v7 → v6 bridge served. */
    public static final String VERSION_SERVED_HEADER = "X-OBP-Version-Served";

    /** A limiter's answer: its limit, the calls left, and the seconds until it resets (APIUtil.scala). */
    public static final String RATE_LIMIT_LIMIT_HEADER = "X-Rate-Limit-Limit";

    public static final String RATE_LIMIT_REMAINING_HEADER = "X-Rate-Limit-Remaining";
    public static final String RATE_LIMIT_RESET_HEADER = "X-Rate-Limit-Reset";
}
