package obp.loadtest.obp;

import java.util.List;

/** OBP role names the run grants, grouped by what needs them and by scope (docs/obp-api.md §2.4, §3). */
public final class Roles {

    private Roles() {}

    public static final String CAN_CREATE_ENTITLEMENT_AT_ANY_BANK = "CanCreateEntitlementAtAnyBank";
    public static final String CAN_CREATE_BANK = "CanCreateBank";
    /** Bank-level: granted at the throwaway bank. */
    public static final String CAN_CREATE_ACCOUNT = "CanCreateAccount";

    /** System roles (bank_id ""), granted first: the first one is what a non-super-admin lacks. */
    public static final List<String> BOOTSTRAP = List.of(CAN_CREATE_ENTITLEMENT_AT_ANY_BANK, CAN_CREATE_BANK);

    /** System roles the end-of-run cleanup needs: delete the throwaway users, and the bank with everything under it. */
    public static final List<String> CLEANUP = List.of("CanDeleteUser", "CanDeleteBankCascade");

    /** System roles the v7 sweep's role-gated endpoints and the entitlement round trip need. */
    public static final List<String> V7_SYSTEM = List.of(
            "CanGetAnyUser",
            "CanGetCacheConfig",
            "CanGetCacheInfo",
            "CanGetCacheNamespaces",
            "CanGetDatabasePoolInfo",
            "CanGetMigrations",
            "CanGetConnectorHealth",
            "CanDeleteEntitlementAtAnyBank");

    /** Bank roles (bank_id = the throwaway bank) the v7 sweep needs. */
    public static final List<String> V7_BANK = List.of("CanGetCustomersAtOneBank", "CanGetCardsForBank");

    /** The role the v7 entitlement round trip grants and deletes again: one the run never holds, so the POST is a 201, not a 409. */
    public static final String ROUND_TRIP_ROLE = "CanReadResourceDoc";
}
