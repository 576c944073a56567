package obp.loadtest.obp;

import java.util.ArrayList;
import java.util.List;

/**
 * One endpoint of the v7.0.0 sweep: its report name, group, path and what answers it expects.
 * Ownership-checked endpoints answer 403 to workers whose user does not own the shared account:
 * expected, and visible in the status breakdown.
 */
public record V7Endpoint(String name, Group group, String path, boolean ownershipChecked, String role) {

    /** An endpoint that needs no role. */
    public V7Endpoint(String name, Group group, String path, boolean ownershipChecked) {
        this(name, group, path, ownershipChecked, null);
    }

    /** A role-gated endpoint: the role its caller must hold (at the run's bank for a bank role). */
    static V7Endpoint gated(String name, String path, String role) {
        return new V7Endpoint(name, Group.ROLE_GATED, path, false, role);
    }

    public enum Group {
        NO_AUTH("v7 no-auth"),
        USER("v7 user"),
        ROLE_GATED("v7 role-gated"),
        STALL_PROBE("v7 stall probe");

        public final String label;

        Group(String label) {
            this.label = label;
        }
    }

    /**
     * What OBP answers a user without access to another user's view, all accepted for non-owners:
     * 403 OBP-20017 "Current user does not have access to the view" (the v7 account checks), 400
     * OBP-20017 (older endpoints, whose view check fails with the default 400), 400 OBP-20022 "View
     * does not permit the access" (obp-api/src/main/scala/code/api/util/ErrorMessages.scala).
     */
    public static final List<Integer> NOT_OWNER_STATUSES = List.of(403, 400);

    public boolean needsToken() {
        return group != Group.NO_AUTH;
    }

    /** The path under /obp/v7.0.0, as OBP's resource docs write it when built with OBP's placeholders. */
    public String template() {
        return path.substring(ObpApi.V7.length());
    }

    public boolean stallProbe() {
        return group == Group.STALL_PROBE;
    }

    /** The sweep's endpoint list (the Go tool's, in its order), for one bank, account and user. */
    public static List<V7Endpoint> sweep(String bankId, String accountId, String userId, boolean withStallProbe) {
        String v7 = ObpApi.V7;
        List<V7Endpoint> list = new ArrayList<>(List.of(
                new V7Endpoint("GET /root", Group.NO_AUTH, v7 + "/root", false),
                new V7Endpoint("GET /banks", Group.NO_AUTH, v7 + "/banks", false),
                new V7Endpoint("GET /banks/BANK_ID", Group.NO_AUTH, v7 + "/banks/" + bankId, false),
                new V7Endpoint("GET /features", Group.NO_AUTH, v7 + "/features", false),
                new V7Endpoint("GET /api/versions", Group.NO_AUTH, v7 + "/api/versions", false),
                new V7Endpoint("GET /system/connectors", Group.NO_AUTH, v7 + "/system/connectors", false),
                new V7Endpoint("GET /resource-docs/v7.0.0/obp", Group.NO_AUTH, v7 + "/resource-docs/v7.0.0/obp", false),
                new V7Endpoint("GET /users/current", Group.USER, v7 + "/users/current", false),
                new V7Endpoint("GET /providers", Group.USER, v7 + "/providers", false),
                new V7Endpoint("GET /banks/BANK_ID/accounts", Group.USER, v7 + "/banks/" + bankId + "/accounts", false),
                new V7Endpoint(
                        "GET /my/banks/BANK_ID/accounts/ACCOUNT_ID/account",
                        Group.USER,
                        v7 + "/my/banks/" + bankId + "/accounts/" + accountId + "/account",
                        true),
                new V7Endpoint(
                        "GET /banks/BANK_ID/accounts/ACCOUNT_ID/owner/account",
                        Group.USER,
                        v7 + "/banks/" + bankId + "/accounts/" + accountId + "/owner/account",
                        true),
                new V7Endpoint("GET /cards", Group.USER, v7 + "/cards", false),
                gated("GET /banks/BANK_ID/cards", v7 + "/banks/" + bankId + "/cards", "CanGetCardsForBank"),
                gated(
                        "GET /banks/BANK_ID/customers",
                        v7 + "/banks/" + bankId + "/customers",
                        "CanGetCustomersAtOneBank"),
                gated("GET /users", v7 + "/users", "CanGetAnyUser"),
                gated("GET /users/user-id/USER_ID", v7 + "/users/user-id/" + userId, "CanGetAnyUser"),
                gated("GET /system/cache/config", v7 + "/system/cache/config", "CanGetCacheConfig"),
                gated("GET /system/cache/info", v7 + "/system/cache/info", "CanGetCacheInfo"),
                gated("GET /system/cache/namespaces", v7 + "/system/cache/namespaces", "CanGetCacheNamespaces"),
                gated("GET /system/database/pool", ObpApi.V7_DATABASE_POOL, Roles.CAN_GET_DATABASE_POOL_INFO),
                gated("GET /system/migrations", v7 + "/system/migrations", "CanGetMigrations")));
        if (withStallProbe) {
            list.add(new V7Endpoint(
                    "GET stall probe (stored_procedure_vDec2019/health)",
                    Group.STALL_PROBE,
                    ObpApi.STALL_PROBE,
                    false,
                    "CanGetConnectorHealth"));
        }
        return List.copyOf(list);
    }
}
