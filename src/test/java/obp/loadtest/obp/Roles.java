package obp.loadtest.obp;

import java.util.List;

/** OBP role names the run grants, grouped by what needs them and by scope (docs/obp-api.md §2.4, §3). */
public final class Roles {

    private Roles() {}

    public static final String CAN_CREATE_ENTITLEMENT_AT_ANY_BANK = "CanCreateEntitlementAtAnyBank";
    public static final String CAN_CREATE_BANK = "CanCreateBank";
    /** The pool endpoint's role: evidence, not load, so a run goes on without it. */
    public static final String CAN_GET_DATABASE_POOL_INFO = "CanGetDatabasePoolInfo";
    /** Bank-level: granted at the throwaway bank. */
    public static final String CAN_CREATE_ACCOUNT = "CanCreateAccount";

    /** System roles (bank_id ""), granted first: the first one is what a non-super-admin lacks. */
    public static final List<String> BOOTSTRAP = List.of(CAN_CREATE_ENTITLEMENT_AT_ANY_BANK, CAN_CREATE_BANK);

    /** What the end-of-run cleanup needs: delete the throwaway users (system-wide), and the bank with everything under it. */
    public static final String CAN_DELETE_USER = "CanDeleteUser";

    /** A bank role on OBP (ApiRole.scala, requiresBankId = true): granted at the run's bank. */
    public static final String CAN_DELETE_BANK_CASCADE = "CanDeleteBankCascade";

    /** The role the v7 round trip's DELETE needs. */
    public static final String ROUND_TRIP_DELETE = "CanDeleteEntitlementAtAnyBank";

    /**
     * The roles this tool grants at a bank when a server does not list its roles' scopes (GET .../roles
     * says requires_bank_id; its word wins).
     */
    public static final java.util.Set<String> BANK_SCOPED = java.util.Set.of(
            CAN_CREATE_ACCOUNT, CAN_DELETE_BANK_CASCADE, "CanGetCustomersAtOneBank", "CanGetCardsForBank");

    // The v7 sweep's roles are its endpoints' (obp/V7Endpoint.role) and ROUND_TRIP_DELETE.

    /** The server's own view: its API metrics (every OBP this tool meets) and its Telemetry (OBP of 2026). */
    public static final String CAN_READ_METRICS = "CanReadMetrics";

    public static final String CAN_GET_TELEMETRY = "CanGetTelemetry";

    /** The role the v7 entitlement round trip grants and deletes again: one the run never holds, so the POST is a 201, not a 409. */
    public static final String ROUND_TRIP_ROLE = "CanReadResourceDoc";
}
