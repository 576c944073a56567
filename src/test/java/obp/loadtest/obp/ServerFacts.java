package obp.loadtest.obp;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the run learnt about its server before any load (docs/obp-api.md §1): the API versions it
 * serves, what its root says, which endpoint each call of the run uses there (the Go tool's, an
 * equivalent, or none), the roles it knows with their scope, and the v7 sweep endpoints it lacks.
 *
 * @param versions the numbered versions served, oldest first
 * @param endpointsFrom how the endpoints were learnt (its resource docs, or probing)
 * @param phases the parts of the run whose calls were looked up (cleanup's always are)
 * @param routes the endpoint each call uses; a call missing here has no equivalent on the server
 * @param roles role name → whether it is granted at a bank; null when the server's list could not be read
 * @param missingV7 the v7 sweep endpoints (by report name) the server lacks
 */
public record ServerFacts(
        List<String> versions,
        String rootVersion,
        String gitCommit,
        String endpointsFrom,
        Set<Operation.Phase> phases,
        Map<Operation, Route> routes,
        Map<String, Boolean> roles,
        Set<String> missingV7,
        long preflightMs) {

    /** Where one call of the run goes: the operation, the version it is called under, and the endpoint. */
    public record Route(Operation operation, String version, Operation.Endpoint endpoint) {

        /** The report's name for it: the version called, then what it does ("v5.1.0 account details"). */
        public String label() {
            return version + " " + operation.label;
        }

        public String verb() {
            return endpoint.verb();
        }

        /**
         * The path under /obp/VERSION with OBP's placeholders replaced: {@code values} alternate
         * placeholder and value ("BANK_ID", bank, ...); a value may be a Gatling {@code #{...}} expression.
         */
        public String path(String... values) {
            String p = endpoint.template();
            for (int i = 0; i + 1 < values.length; i += 2) p = p.replace(values[i], values[i + 1]);
            return "/obp/" + version + p;
        }

        /** Not the Go tool's endpoint under the Go tool's version. */
        public boolean substituted() {
            return !version.equals(operation.version) || !endpoint.equals(operation.candidates.get(0));
        }

        @Override
        public String toString() {
            return version + " " + endpoint;
        }
    }

    public ServerFacts {
        versions = List.copyOf(versions);
        phases = Set.copyOf(phases);
        routes = routes.isEmpty() ? Map.of() : new EnumMap<>(routes);
        roles = roles == null ? null : Map.copyOf(roles);
        missingV7 = Set.copyOf(missingV7);
    }

    /**
     * What a run assumes without asking: every known version, each call where the Go tool made it,
     * roles unknown. For building chains before a server is known (thresholds, benchmarks).
     */
    public static ServerFacts assumed() {
        Map<Operation, Route> routes = new EnumMap<>(Operation.class);
        for (Operation op : Operation.values()) routes.put(op, new Route(op, op.version, op.candidates.get(0)));
        return new ServerFacts(
                ApiVersions.KNOWN, null, null, "assumed", Set.of(Operation.Phase.values()), routes, null, Set.of(), 0);
    }

    public boolean serves(String version) {
        return versions.contains(version);
    }

    /** The route of a call, or empty when the server has no equivalent. */
    public Optional<Route> route(Operation op) {
        return Optional.ofNullable(routes.get(op));
    }

    /** Whether the v7 sweep calls this endpoint here: the server has it and knows the role it needs. */
    public boolean sweeps(V7Endpoint e) {
        return !missingV7.contains(e.name())
                && (e.role() == null
                        || bankScoped(e.role(), Roles.BANK_SCOPED.contains(e.role()))
                                .isPresent());
    }

    /** The sweep's endpoints the server lacks, or whose role it does not know, by name. */
    public List<String> notSwept(List<V7Endpoint> sweep) {
        return sweep.stream().filter(e -> !sweeps(e)).map(V7Endpoint::name).toList();
    }

    /** "v1.2.1 … v5.1.0" (or the one version). */
    public String versionRange() {
        return range(versions);
    }

    /** "v1.2.1 … v5.1.0" (or the one version) of versions listed oldest first. */
    public static String range(List<String> versions) {
        if (versions.isEmpty()) return "no OBP version";
        String first = versions.get(0);
        String last = versions.get(versions.size() - 1);
        return first.equals(last) ? first : first + " … " + last;
    }

    /**
     * Whether a role is granted at a bank: the server's word when it listed its roles, else {@code
     * fallback}; empty when the server lists its roles and this one is not among them.
     */
    public Optional<Boolean> bankScoped(String role, boolean fallback) {
        if (roles == null) return Optional.of(fallback);
        return Optional.ofNullable(roles.get(role));
    }

    /** The calls of one part of the run that are substituted, then those that are skipped, one phrase each. */
    public List<String> changes(Operation.Phase phase) {
        List<String> out = new ArrayList<>();
        for (Operation op : Operation.of(phase)) {
            Route r = routes.get(op);
            if (r == null)
                out.add(op.label + ": skipped (the server has no " + op.candidates.get(0) + " or equivalent)");
            else if (r.substituted())
                out.add(op.label + ": " + r + " instead of " + op.version + " " + op.candidates.get(0));
        }
        return out;
    }

    /** The summary's {@code server} section. */
    public Report report() {
        List<Report.Call> calls = new ArrayList<>();
        for (Operation op : Operation.values()) {
            Route r = routes.get(op);
            if (r == null && !phases.contains(op.phase)) continue; // a part of the run that did not run
            String wanted = op.version + " " + op.candidates.get(0);
            calls.add(new Report.Call(
                    op.label,
                    op.phase.name().toLowerCase(),
                    wanted,
                    r == null ? null : r.toString(),
                    r == null ? "skipped" : r.substituted() ? "substituted" : "as is"));
        }
        return new Report(
                versions,
                rootVersion,
                gitCommit,
                endpointsFrom,
                roles == null ? null : roles.size(),
                serves(ApiVersions.V7) ? notSwept(V7Endpoint.sweep("BANK_ID", "ACCOUNT_ID", "USER_ID", true)) : null,
                calls,
                preflightMs);
    }

    /** The summary's {@code server} section (docs/summary-schema.md). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(
            List<String> versions,
            String rootVersion,
            String gitCommit,
            String endpointsFrom,
            Integer rolesKnown,
            List<String> v7EndpointsSkipped,
            List<Call> calls,
            long preflightMs) {

        /** One call: what the Go tool called, what this run called instead (null: skipped), and which it was. */
        public record Call(String name, String phase, String wanted, String used, String how) {}
    }
}
