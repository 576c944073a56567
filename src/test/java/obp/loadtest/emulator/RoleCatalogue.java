package obp.loadtest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The roles a server knows, with {@code requires_bank_id}, as data (emulator/roles.json): OBP-API's ApiRole.scala of
 * 2024 (every role an OBP whose newest version is v5.1.0 knows), plus the roles later releases added, each under the
 * release (its newest API version) that brought it. docs/obp-api.md §2.
 */
final class RoleCatalogue {
    private static final JsonNode DATA = Json.resource("emulator/roles.json");
    /** The catalogue of the newest release the emulator models. */
    static final RoleCatalogue NEWEST = upTo(Routes.V7);

    /** name → requires_bank_id, sorted by name. */
    private final Map<String, Boolean> roles;

    private RoleCatalogue(Map<String, Boolean> roles) {
        this.roles = Collections.unmodifiableMap(roles);
    }

    /**
     * What an OBP whose newest version is {@code maxVersion} knows: the first release's roles always (releases before
     * it are modelled by their version range only), a later release's roles once {@code maxVersion} reaches it.
     */
    static RoleCatalogue upTo(String maxVersion) {
        Map<String, Boolean> known = new TreeMap<>();
        boolean first = true;
        for (JsonNode release : DATA.path("releases")) {
            if (first || Routes.index(release.path("release").asText()) <= Routes.index(maxVersion)) {
                for (JsonNode r : release.path("roles"))
                    known.put(
                            r.path("role").asText(), r.path("requires_bank_id").asBoolean());
            }
            first = false;
        }
        return new RoleCatalogue(known);
    }

    boolean isKnown(String name) {
        return roles.containsKey(name);
    }

    /** True for a bank role; false for a system role and for a name this catalogue does not know. */
    boolean requiresBankId(String name) {
        return Boolean.TRUE.equals(roles.get(name));
    }

    /** Every name, sorted (OBP's "Possible roles are ..." list). */
    List<String> names() {
        return new ArrayList<>(roles.keySet());
    }

    /** OBP's roles JSON: [{"role", "requires_bank_id"}] sorted by name. */
    List<Object> toJson() {
        List<Object> out = new ArrayList<>();
        roles.forEach((name, bank) -> out.add(Json.obj("role", name, "requires_bank_id", bank)));
        return out;
    }
}
