package obp.loadtest.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The route table. A route serves its path from version {@code since} up to {@code until}, like OBP's
 * fallback chain (v7 → v6 → … → v1.3). A v7 request matched by a route introduced before v7 is
 * "bridged" and answers with {@code X-OBP-Version-Served: v6.0.0}.
 */
final class Routes {
    static final List<String> VERSIONS = List.of(
            "v1.2.1", "v1.3.0", "v1.4.0", "v2.0.0", "v2.1.0", "v2.2.0", "v3.0.0", "v3.1.0", "v4.0.0", "v5.0.0",
            "v5.1.0", "v6.0.0", "v7.0.0");
    static final String V7 = "v7.0.0";
    /** For the unprefixed DirectLogin route {@code /my/logins/direct}. */
    static final String UNPREFIXED = "";

    /** The endpoint's handler: reads the call, answers a reply or throws {@link ObpError}. */
    @FunctionalInterface
    interface Endpoint {
        Reply handle(Call call) throws Exception;
    }

    record Reply(int status, Object body) {
        static Reply ok(Object body) {
            return new Reply(200, body);
        }

        static Reply created(Object body) {
            return new Reply(201, body);
        }

        static Reply noContent() {
            return new Reply(204, null);
        }
    }

    record Route(String method, String since, String until, String[] segments, Endpoint endpoint, boolean outsidePool) {
        boolean servesVersion(String version) {
            if (since.equals(UNPREFIXED) || version.equals(UNPREFIXED)) return since.equals(version);
            int v = VERSIONS.indexOf(version);
            return v >= VERSIONS.indexOf(since) && (until == null || v <= VERSIONS.indexOf(until));
        }

        boolean isNativeTo(String version) {
            return since.equals(version);
        }

        /** The path parameters (the {@code {NAME}} segments) in order, or null when the path does not match. */
        List<String> match(String[] path) {
            if (path.length != segments.length) return null;
            List<String> params = new ArrayList<>(2);
            for (int i = 0; i < path.length; i++) {
                if (segments[i].startsWith("{")) params.add(path[i]);
                else if (!segments[i].equals(path[i])) return null;
            }
            return params;
        }

        String template() {
            return "/" + String.join("/", segments);
        }
    }

    record Match(Route route, List<String> params) {}

    private final List<Route> routes = new ArrayList<>();

    /** Served from {@code since} onwards (until = null) or within [since, until]. Literal routes before templated ones. */
    Routes add(String method, String since, String until, String template, Endpoint endpoint) {
        routes.add(new Route(method, since, until, template.substring(1).split("/"), endpoint, false));
        return this;
    }

    Routes add(String method, String since, String template, Endpoint endpoint) {
        return add(method, since, null, template, endpoint);
    }

    /** A route whose SQL may run outside the pool (when the plan says so), so it answers while the pool is exhausted. */
    Routes addOutsidePool(String method, String since, String template, Endpoint endpoint) {
        routes.add(new Route(method, since, null, template.substring(1).split("/"), endpoint, true));
        return this;
    }

    /** Newest-version routes win, so v7-native handlers shadow the older ones they replace. */
    Match find(String method, String version, String[] path) {
        Match best = null;
        for (Route r : routes) {
            if (!r.method.equals(method) || !r.servesVersion(version)) continue;
            List<String> params = r.match(path);
            if (params == null) continue;
            if (best == null || newer(r, best.route)) best = new Match(r, params);
        }
        return best;
    }

    private static boolean newer(Route a, Route b) {
        return VERSIONS.indexOf(a.since) > VERSIONS.indexOf(b.since);
    }

    List<Route> all() {
        return List.copyOf(routes);
    }
}
