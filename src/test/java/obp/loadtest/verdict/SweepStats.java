package obp.loadtest.verdict;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Every endpoint's {@link EndpointStats}, in the order endpoints were first registered. Thread-safe. */
public final class SweepStats {

    /** The v7 write round trip: one POST and one DELETE by design, never a sample size to judge. */
    public static final String ROUND_TRIP_GROUP = "v7 round trip";

    private final Map<String, EndpointStats> endpoints = new LinkedHashMap<>();
    /** The same entries for a lock-free lookup: every request looks its endpoint up. */
    private final Map<String, EndpointStats> byName = new ConcurrentHashMap<>();

    /** The endpoint's stats, registered on first call; later calls return the same instance whatever group they pass. */
    public EndpointStats endpoint(String name, String group, boolean stallProbe) {
        EndpointStats e = byName.get(name);
        return e != null ? e : register(name, group, stallProbe);
    }

    private synchronized EndpointStats register(String name, String group, boolean stallProbe) {
        EndpointStats e = endpoints.computeIfAbsent(name, n -> new EndpointStats(n, group, stallProbe));
        byName.put(name, e);
        return e;
    }

    /** Registers stats built elsewhere (a merge of several generators' summaries); a name already present is an error. */
    public synchronized void add(EndpointStats e) {
        if (endpoints.putIfAbsent(e.name(), e) != null)
            throw new IllegalArgumentException("endpoint " + e.name() + " twice");
        byName.put(e.name(), e);
    }

    /** Registered endpoints in first-registered order (a snapshot). */
    public synchronized Collection<EndpointStats> all() {
        return Collections.unmodifiableList(new ArrayList<>(endpoints.values()));
    }

    /** Endpoints that saw at least one request. */
    public List<EndpointStats> measured() {
        return all().stream().filter(e -> e.count() > 0).toList();
    }

    public long totalCount() {
        return all().stream().mapToLong(EndpointStats::count).sum();
    }

    public long total(Outcome outcome) {
        return all().stream().mapToLong(e -> e.count(outcome)).sum();
    }
}
