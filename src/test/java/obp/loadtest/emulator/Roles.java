package obp.loadtest.emulator;

import java.util.Set;

/** OBP role names the emulator knows, and whether each is granted system-wide (bank_id "") or per bank. */
final class Roles {
    static final String CREATE_ENTITLEMENT_AT_ANY_BANK = "CanCreateEntitlementAtAnyBank";
    static final String CREATE_ENTITLEMENT_AT_ONE_BANK = "CanCreateEntitlementAtOneBank";
    static final String DELETE_ENTITLEMENT_AT_ANY_BANK = "CanDeleteEntitlementAtAnyBank";
    static final String CREATE_BANK = "CanCreateBank";
    static final String CREATE_ACCOUNT = "CanCreateAccount";
    static final String GET_ANY_USER = "CanGetAnyUser";
    static final String GET_CARDS_FOR_BANK = "CanGetCardsForBank";
    static final String GET_CUSTOMERS_AT_ONE_BANK = "CanGetCustomersAtOneBank";
    static final String GET_CACHE_CONFIG = "CanGetCacheConfig";
    static final String GET_CACHE_INFO = "CanGetCacheInfo";
    static final String GET_CACHE_NAMESPACES = "CanGetCacheNamespaces";
    static final String GET_DATABASE_POOL_INFO = "CanGetDatabasePoolInfo";
    static final String GET_MIGRATIONS = "CanGetMigrations";
    static final String GET_CONNECTOR_HEALTH = "CanGetConnectorHealth";
    static final String READ_DYNAMIC_RESOURCE_DOCS_AT_ONE_BANK = "CanReadDynamicResourceDocsAtOneBank";
    static final String DELETE_USER = "CanDeleteUser";
    static final String DELETE_BANK_CASCADE = "CanDeleteBankCascade";

    private static final Set<String> SYSTEM = Set.of(
            CREATE_ENTITLEMENT_AT_ANY_BANK,
            DELETE_ENTITLEMENT_AT_ANY_BANK,
            CREATE_BANK,
            GET_ANY_USER,
            GET_CACHE_CONFIG,
            GET_CACHE_INFO,
            GET_CACHE_NAMESPACES,
            GET_DATABASE_POOL_INFO,
            GET_MIGRATIONS,
            GET_CONNECTOR_HEALTH,
            "CanReadResourceDoc",
            DELETE_USER,
            DELETE_BANK_CASCADE);
    private static final Set<String> BANK = Set.of(
            CREATE_ENTITLEMENT_AT_ONE_BANK,
            CREATE_ACCOUNT,
            GET_CARDS_FOR_BANK,
            GET_CUSTOMERS_AT_ONE_BANK,
            READ_DYNAMIC_RESOURCE_DOCS_AT_ONE_BANK,
            "CanRevokeConsentAtBank");

    private Roles() {}

    static boolean isKnown(String role) {
        return SYSTEM.contains(role) || BANK.contains(role);
    }

    static boolean isSystem(String role) {
        return SYSTEM.contains(role);
    }
}
