package obp.loadtest.obp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which of the run's endpoints a URL the server recorded is (an API-metrics row's verb and url): the v7 sweep's
 * endpoints, its entitlement round trip, and the accounts and consents calls where {@link ServerFacts} routed them.
 * OBP's placeholders ({@code BANK_ID}, {@code ACCOUNT_ID}, {@code VIEW_ID}, ...: a segment ending in {@code _ID})
 * match any one segment; the most literal template wins.
 */
public final class EndpointPaths {

    private record Entry(String verb, Pattern path, int literals, String name) {}

    private final List<Entry> entries = new ArrayList<>();

    private EndpointPaths() {}

    /** The run's endpoints on this server, by the names the statistics use. */
    public static EndpointPaths of(ServerFacts server) {
        EndpointPaths p = new EndpointPaths();
        for (V7Endpoint e : V7Endpoint.sweep("BANK_ID", "ACCOUNT_ID", "USER_ID", true))
            p.add("GET", e.path(), e.name());
        p.add("POST", ObpApi.V7 + "/users/USER_ID/entitlements", "v7.0.0 POST entitlement");
        p.add("DELETE", ObpApi.V7 + "/entitlements/ENTITLEMENT_ID", "v7.0.0 DELETE entitlement");
        // The load's calls: setup's own, made once before it, are not among the run's endpoints.
        for (Operation op : Operation.values())
            if (op.phase != Operation.Phase.SETUP)
                server.route(op).ifPresent(r -> p.add(r.verb(), r.path(), r.label()));
        p.entries.sort(Comparator.comparingInt(Entry::literals).reversed());
        return p;
    }

    private void add(String verb, String template, String name) {
        StringBuilder regex = new StringBuilder();
        int literals = 0;
        for (String segment : template.substring(1).split("/")) {
            regex.append('/');
            if (segment.matches("[A-Z_]+_ID")) regex.append("[^/]+");
            else {
                regex.append(Pattern.quote(segment));
                literals++;
            }
        }
        entries.add(new Entry(verb, Pattern.compile(regex.toString()), literals, name));
    }

    /** The endpoint's name for a recorded call (its query string ignored), or empty when it is none of the run's. */
    public Optional<String> name(String verb, String url) {
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        // A full URL (scheme and host) is cut to its path.
        int obp = path.indexOf("/obp/");
        if (obp > 0) path = path.substring(obp);
        for (Entry e : entries)
            if (e.verb().equalsIgnoreCase(verb) && e.path().matcher(path).matches()) return Optional.of(e.name());
        return Optional.empty();
    }
}
