package obp.loadtest.emulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * OBP roles the emulator knows, and whether each is granted system-wide (bank_id "") or per bank. OBP's name for
 * each is "Can" and the constant's words: {@code CREATE_BANK} is CanCreateBank.
 */
enum Role {
    CREATE_ENTITLEMENT_AT_ANY_BANK(true),
    CREATE_ENTITLEMENT_AT_ONE_BANK(false),
    DELETE_ENTITLEMENT_AT_ANY_BANK(true),
    CREATE_BANK(true),
    CREATE_ACCOUNT(false),
    GET_ANY_USER(true),
    GET_CARDS_FOR_BANK(false),
    GET_CUSTOMERS_AT_ONE_BANK(false),
    GET_CACHE_CONFIG(true),
    GET_CACHE_INFO(true),
    GET_CACHE_NAMESPACES(true),
    GET_DATABASE_POOL_INFO(true),
    GET_MIGRATIONS(true),
    GET_CONNECTOR_HEALTH(true),
    READ_DYNAMIC_RESOURCE_DOCS_AT_ONE_BANK(false),
    READ_RESOURCE_DOC(true),
    REVOKE_CONSENT_AT_BANK(false),
    DELETE_USER(true),
    DELETE_BANK_CASCADE(true);

    private static final Map<String, Role> BY_OBP_NAME =
            Arrays.stream(values()).collect(Collectors.toMap(Role::obpName, Function.identity()));

    private final String obpName;
    private final boolean system;

    Role(boolean system) {
        this.system = system;
        this.obpName = "Can"
                + Arrays.stream(name().split("_"))
                        .map(w -> w.charAt(0) + w.substring(1).toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining());
    }

    /** OBP's name, e.g. CanCreateBank. */
    String obpName() {
        return obpName;
    }

    static boolean isKnown(String obpName) {
        return BY_OBP_NAME.containsKey(obpName);
    }

    /** True for a known system-wide role; false for a bank role and for a name the emulator does not know. */
    static boolean isSystem(String obpName) {
        Role role = BY_OBP_NAME.get(obpName);
        return role != null && role.system;
    }
}
