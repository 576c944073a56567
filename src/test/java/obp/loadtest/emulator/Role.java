package obp.loadtest.emulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The OBP roles the emulator's handlers check. OBP's name for each is "Can" and the constant's words:
 * {@code CREATE_BANK} is CanCreateBank. Whether a role is granted system-wide (bank_id "") or per bank is data, in
 * {@link RoleCatalogue} (emulator/roles.json, after OBP-API's ApiRole.scala), not here.
 */
enum Role {
    CREATE_ENTITLEMENT_AT_ANY_BANK,
    CREATE_ENTITLEMENT_AT_ONE_BANK,
    DELETE_ENTITLEMENT_AT_ANY_BANK,
    CREATE_BANK,
    CREATE_ACCOUNT,
    GET_ANY_USER,
    GET_CARDS_FOR_BANK,
    GET_CUSTOMERS_AT_ONE_BANK,
    GET_CACHE_CONFIG,
    GET_CACHE_INFO,
    GET_CACHE_NAMESPACES,
    GET_DATABASE_POOL_INFO,
    GET_MIGRATIONS,
    GET_CONNECTOR_HEALTH,
    READ_METRICS,
    GET_TELEMETRY,
    READ_DYNAMIC_RESOURCE_DOCS_AT_ONE_BANK,
    READ_RESOURCE_DOC,
    REVOKE_CONSENT_AT_BANK,
    DELETE_USER,
    DELETE_BANK_CASCADE;

    private final String obpName = "Can"
            + Arrays.stream(name().split("_"))
                    .map(w -> w.charAt(0) + w.substring(1).toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining());

    /** OBP's name, e.g. CanCreateBank. */
    String obpName() {
        return obpName;
    }

    /** A bank role (granted at one bank) rather than a system role, as the newest catalogue says. */
    boolean requiresBankId() {
        return RoleCatalogue.NEWEST.requiresBankId(obpName);
    }
}
