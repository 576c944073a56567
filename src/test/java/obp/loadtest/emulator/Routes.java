package obp.loadtest.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The route table, as data. A route serves its path from API version {@code since} up to {@code until}, like OBP's
 * fallback chain (v7 → v6 → … → v1.2.1), and knows the OBP release that brought it ({@code release}, named by that
 * release's newest API version; usually {@code since}), whether it needs a logged-in user, and the roles it checks:
 * the middleware refuses a missing user, bank or role before the handler does any work (docs/obp-api.md §1). A v7
 * request matched by a route introduced before v7 is "bridged" and answers with {@code X-OBP-Version-Served: v6.0.0}.
 * {@link #upTo(String)} cuts the table to what an OBP whose newest version is {@code max-version} serves.
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

    /** A body sent as it is, not as JSON: Prometheus text. */
    record PlainText(String contentType, String text) {}

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

    record Route(
            String method,
            String since,
            String until,
            String release,
            String[] segments,
            Endpoint endpoint,
            boolean outsidePool,
            boolean needsUser,
            List<Role> roles) {
        boolean servesVersion(String version) {
            if (since.equals(UNPREFIXED) || version.equals(UNPREFIXED)) return since.equals(version);
            int v = index(version);
            return v >= index(since) && (until == null || v <= index(until));
        }

        boolean isNativeTo(String version) {
            return since.equals(version);
        }

        /** Served by an OBP whose newest version is {@code max}: the release that brought it is not newer. */
        boolean inReleaseUpTo(String max) {
            return since.equals(UNPREFIXED) || index(release) <= index(max);
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

        /** OBP's own placeholder style, as resource docs write it: /banks/BANK_ID/accounts. */
        String obpTemplate() {
            return template().replace("{", "").replace("}", "");
        }

        /** Index of the {BANK_ID} parameter among the path parameters, or -1. */
        int bankParam() {
            int p = 0;
            for (String s : segments) {
                if (s.equals("{BANK_ID}")) return p;
                if (s.startsWith("{")) p++;
            }
            return -1;
        }

        private Route with(boolean needsUser, List<Role> roles, String release) {
            return new Route(method, since, until, release, segments, endpoint, outsidePool, needsUser, roles);
        }
    }

    record Match(Route route, List<String> params) {}

    static int index(String version) {
        return VERSIONS.indexOf(version);
    }

    private final List<Route> routes = new ArrayList<>();
    /** The newest version served; requests for a newer one match nothing (404 OBP-10404). */
    private final String maxVersion;

    Routes() {
        this(V7);
    }

    private Routes(String maxVersion) {
        this.maxVersion = maxVersion;
    }

    /**
     * Served from {@code since} onwards (until = null) or within [since, until]; needs a logged-in user unless
     * {@link #open()} follows.
     */
    Routes add(String method, String since, String until, String template, Endpoint endpoint) {
        routes.add(new Route(
                method, since, until, since, template.substring(1).split("/"), endpoint, false, true, List.of()));
        return this;
    }

    Routes add(String method, String since, String template, Endpoint endpoint) {
        return add(method, since, null, template, endpoint);
    }

    /** A route whose SQL may run outside the pool (when the plan says so), so it answers while the pool is exhausted. */
    Routes addOutsidePool(String method, String since, String template, Endpoint endpoint) {
        routes.add(new Route(
                method, since, null, since, template.substring(1).split("/"), endpoint, true, true, List.of()));
        return this;
    }

    /** The route just added answers without a logged-in user. */
    Routes open() {
        Route last = last();
        return replaceLast(last.with(false, last.roles(), last.release()));
    }

    /** The route just added needs one of these roles (at the path's BANK_ID for a bank role), checked before its handler. */
    Routes roles(Role... roles) {
        Route last = last();
        return replaceLast(last.with(last.needsUser(), List.of(roles), last.release()));
    }

    /** The route just added came with the OBP release whose newest version is {@code release}, not with {@code since}. */
    Routes release(String release) {
        if (index(release) < 0) throw new IllegalArgumentException("unknown release " + release);
        Route last = last();
        return replaceLast(last.with(last.needsUser(), last.roles(), release));
    }

    private Route last() {
        return routes.get(routes.size() - 1);
    }

    private Routes replaceLast(Route r) {
        routes.set(routes.size() - 1, r);
        return this;
    }

    /** What an OBP whose newest version is {@code max} serves: no newer version, no route of a later release. */
    Routes upTo(String max) {
        if (index(max) < 0) throw new IllegalArgumentException("unknown version " + max);
        Routes cut = new Routes(max);
        for (Route r : routes) if (r.inReleaseUpTo(max)) cut.routes.add(r);
        return cut;
    }

    String maxVersion() {
        return maxVersion;
    }

    /** True for a version this server answers under ({@code /obp/VERSION/...}). */
    boolean servesVersion(String version) {
        int v = index(version);
        return v >= 0 && v <= index(maxVersion);
    }

    /** Newest-version routes win, so v7-native handlers shadow the older ones they replace. */
    Match find(String method, String version, String[] path) {
        if (!version.equals(UNPREFIXED) && !servesVersion(version)) return null;
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
        return index(a.since) > index(b.since);
    }

    List<Route> all() {
        return List.copyOf(routes);
    }
}
