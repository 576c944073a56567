package obp.loadtest.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * SPEC §4: names one cause for what the sweep saw, with its evidence, and decides pass or fail.
 * Rules in priority order; each edge is a one-line comment where it is handled. Immutable, thread-safe.
 */
public final class VerdictRules {

    /** The endpoint a dev instance without the stored-procedure connector stalls on. */
    static final String KNOWN_DEV_CASE = "this is the stall probe: on a dev instance without the stored-procedure"
            + " connector it waits on a connector that never answers — the known dev-instance case";

    private final VerdictThresholds thresholds;

    public VerdictRules(VerdictThresholds thresholds) {
        this.thresholds = thresholds;
    }

    public VerdictThresholds thresholds() {
        return thresholds;
    }

    /** The diagnosis of a finished run; pool may be null when it was never sampled. */
    public Diagnosis decide(SweepStats stats, PoolEvidence pool) {
        List<EndpointStats> measured = stats.measured();
        long total = stats.totalCount();
        boolean failure = isFailure(measured);
        List<String> evidence = new ArrayList<>();
        Verdict verdict;
        String headline;

        List<EndpointStats> problems = filter(measured, this::hasProblem);
        List<EndpointStats> timingOut = filter(measured, e -> e.timeouts() > 0);
        List<EndpointStats> erring = filter(measured, e -> e.unexpectedStatuses() + e.connectionErrors() > 0);
        long connectionErrors = stats.total(Outcome.CONNECTION_ERROR);

        if (total == 0) {
            // Nothing measured is nothing wrong: CLEAN, but say so rather than imply a healthy server.
            verdict = Verdict.CLEAN;
            headline = verdict.headline();
            evidence.add("no requests were recorded");
        } else if (connectionErrors > 0 && connectionErrors >= thresholds.unreachableRatio() * total) {
            verdict = Verdict.SERVER_UNREACHABLE;
            headline = verdict.headline();
            evidence.add(connectionErrors + " of " + total + " requests (" + percent(connectionErrors, total)
                    + ") got no response: connection refused, reset or closed");
            filter(measured, e -> e.connectionErrors() > 0).forEach(e -> evidence.add(describe(e)));
        } else if (timingOut.size() > 1) {
            long capMs = thresholds.capMs();
            long atCap = timingOut.stream().mapToLong(e -> e.timeoutsAtCap(capMs)).sum();
            long early = timingOut.stream().mapToLong(e -> e.timeoutsBeforeCap(capMs)).sum();
            // Both clusters present: the larger one names the cause; a tie goes to starvation, the commoner case.
            verdict = atCap >= early ? Verdict.POOL_STARVATION : Verdict.SUSPECT_DEADLOCK;
            headline = verdict.headline();
            evidence.add(timingOut.size() + " endpoints timed out: " + atCap + " timeouts at the "
                    + human(thresholds.requestTimeout().toMillis()) + " cap or waiting for a pooled connection, "
                    + early + " well before it (under " + human(capMs) + ")");
            timingOut.forEach(e -> evidence.add(describe(e)));
            addOthers(evidence, problems, timingOut);
        } else if (problems.size() == 1) {
            EndpointStats one = problems.get(0);
            // Errors alone on one ordinary endpoint are not a held connection: call them what they are.
            // The stall probe is always ONE ENDPOINT: whatever it does, it is the known dev-instance case.
            verdict = holdsConnection(one) || one.stallProbe() ? Verdict.ONE_ENDPOINT : Verdict.UNEXPECTED_STATUSES;
            headline = verdict.headline(one.name());
            evidence.add(describe(one));
            if (one.stallProbe()) {
                evidence.add(KNOWN_DEV_CASE);
            }
            // A single measured endpoint has no "others" to compare with; it is still the one to look at.
            if (measured.size() > 1) {
                evidence.add((measured.size() - 1) + " other endpoints healthy");
            }
        } else if (!erring.isEmpty()) {
            // Errors fail the run, so they name it even when some endpoints are also slow.
            verdict = Verdict.UNEXPECTED_STATUSES;
            headline = verdict.headline();
            evidence.add(sum(erring, EndpointStats::unexpectedStatuses) + " unexpected statuses and "
                    + sum(erring, EndpointStats::connectionErrors) + " connection errors on " + erring.size() + " endpoints");
            erring.forEach(e -> evidence.add(describe(e)));
            addOthers(evidence, problems, erring);
        } else if (timingOut.size() == 1) {
            EndpointStats one = timingOut.get(0);
            // One endpoint timing out while others are merely slow: it is the holder, the rest wait behind it.
            verdict = Verdict.ONE_ENDPOINT;
            headline = verdict.headline(one.name());
            evidence.add(describe(one));
            if (one.stallProbe()) {
                evidence.add(KNOWN_DEV_CASE);
            }
            problems.stream().filter(e -> e != one)
                    .forEach(e -> evidence.add("meanwhile slower: " + describe(e)));
        } else if (!problems.isEmpty()) {
            verdict = Verdict.CONTENTION;
            headline = verdict.headline();
            evidence.add(sum(problems, EndpointStats::slow) + " slow requests (over "
                    + human(thresholds.slowThreshold().toMillis()) + ") on " + problems.size()
                    + " endpoints; a p95 of " + human(thresholds.spikeMs()) + " or more counts as a spike");
            problems.forEach(e -> evidence.add(describe(e)));
        } else {
            verdict = Verdict.CLEAN;
            headline = verdict.headline();
            evidence.add(total + " requests on " + measured.size() + " endpoints: none slow, none timed out,"
                    + " no unexpected statuses; slowest p95 " + human(measured.stream().mapToLong(EndpointStats::p95Ms).max().orElse(0)));
        }

        addPool(evidence, pool);
        evidence.add(failureLine(measured, failure));
        return Diagnosis.of(verdict, headline, evidence, failure);
    }

    /** A run cut short (Ctrl-C, crash) is a failure whatever it measured; the evidence says what it had seen. */
    public Diagnosis interrupted(SweepStats stats, PoolEvidence pool, String why) {
        Diagnosis sofar = decide(stats, pool);
        List<String> evidence = new ArrayList<>();
        evidence.add("interrupted: " + (why == null || why.isBlank() ? "no reason given" : why));
        evidence.add("before that, " + stats.totalCount() + " requests pointed to: " + sofar.headline());
        evidence.addAll(sofar.evidence());
        return Diagnosis.of(Verdict.INTERRUPTED, Verdict.INTERRUPTED.headline(), evidence, true);
    }

    /** Setup stopped the run before any load: the one line names the step, status, OBP message and fix. */
    public Diagnosis setupFailed(String line) {
        return Diagnosis.of(Verdict.SETUP_FAILED, Verdict.SETUP_FAILED.headline(), List.of(line), true);
    }

    /** Timeouts, unexpected statuses or connection errors outside the stall probe; with strict, slow ones too. */
    private boolean isFailure(List<EndpointStats> measured) {
        for (EndpointStats e : measured) {
            if (e.stallProbe()) {
                continue;
            }
            if (e.timeouts() + e.unexpectedStatuses() + e.connectionErrors() > 0 || (thresholds.strict() && e.slow() > 0)) {
                return true;
            }
        }
        return false;
    }

    private boolean hasProblem(EndpointStats e) {
        return e.timeouts() + e.slow() + e.unexpectedStatuses() + e.connectionErrors() > 0 || spikes(e);
    }

    private boolean spikes(EndpointStats e) {
        return e.p95Ms() >= thresholds.spikeMs();
    }

    /** Slow, spiking or timing out: the endpoint keeps its connection (or the server) busy. */
    private boolean holdsConnection(EndpointStats e) {
        return e.timeouts() + e.slow() > 0 || spikes(e);
    }

    private String describe(EndpointStats e) {
        List<String> parts = new ArrayList<>();
        if (e.timeouts() > 0) {
            long capMs = thresholds.capMs();
            parts.add(e.timeouts() + " timed out at " + range(e.timeoutMinMs(), e.timeoutMaxMs())
                    + " (" + e.timeoutsAtCap(capMs) + " at the cap, " + e.timeoutsBeforeCap(capMs) + " before; "
                    + causes(e.timeoutCauses()) + ")");
        }
        if (e.slow() > 0) {
            parts.add(e.slow() + " slow");
        }
        if (e.unexpectedStatuses() > 0) {
            parts.add(e.unexpectedStatuses() + " unexpected statuses");
        }
        if (e.connectionErrors() > 0) {
            parts.add(e.connectionErrors() + " refused/reset");
        }
        parts.add("p95 " + human(e.p95Ms()) + ", max " + human(e.maxMs()));
        parts.add("statuses " + StatsTable.statuses(e.statuses()));
        return e.name() + ": " + e.count() + " requests, " + String.join(", ", parts);
    }

    private static void addOthers(List<String> evidence, List<EndpointStats> problems, List<EndpointStats> described) {
        problems.stream().filter(e -> !described.contains(e))
                .forEach(e -> evidence.add("also: " + e.name() + " p95 " + human(e.p95Ms()) + ", " + e.slow() + " slow"));
    }

    private static void addPool(List<String> evidence, PoolEvidence pool) {
        if (pool == null) {
            evidence.add("pool: not sampled");
            return;
        }
        if (!pool.available()) {
            evidence.add("pool: not sampled — " + pool.unavailableReason());
            return;
        }
        if (pool.samples() > 0) {
            String size = pool.maximumPoolSize() > 0 ? " of " + pool.maximumPoolSize() : "";
            if (pool.showsPressure()) {
                evidence.add(String.format(Locale.ROOT,
                        "pool: saturated for %.0f s (up to %d%s connections busy), up to %d threads waiting for a connection, over %d samples",
                        pool.secondsSaturated(), pool.maxActive(), size, pool.maxWaiting(), pool.samples()));
            } else {
                evidence.add("pool: never saturated (at most " + pool.maxActive() + size
                        + " connections busy, no threads waiting) over " + pool.samples() + " samples");
            }
        }
        if (pool.failedSamples() > 0) {
            evidence.add("pool: " + pool.failedSamples() + " samples got no answer (" + String.join("; ", pool.failureReasons().keySet())
                    + "); slowest sample " + human(pool.slowestSampleMs()));
        }
        if (pool.samples() == 0 && pool.failedSamples() == 0) {
            evidence.add("pool: no samples taken");
        }
    }

    private String failureLine(List<EndpointStats> measured, boolean failure) {
        List<EndpointStats> counted = filter(measured, e -> !e.stallProbe());
        long timeouts = sum(counted, EndpointStats::timeouts);
        long unexpected = sum(counted, EndpointStats::unexpectedStatuses);
        long refused = sum(counted, EndpointStats::connectionErrors);
        long slow = sum(counted, EndpointStats::slow);
        String counts = timeouts + " timeouts, " + unexpected + " unexpected statuses, " + refused
                + " connection errors, " + slow + " slow outside the stall probe";
        if (failure) {
            return "fails the run: " + counts + (thresholds.strict() ? " (strict: slow requests fail too)" : "");
        }
        return "passes: " + counts + (thresholds.strict() ? "" : " (slow requests fail only with --strict)");
    }

    private static String causes(Map<TimeoutCause, Long> causes) {
        return causes.entrySet().stream()
                .map(c -> c.getValue() + " " + switch (c.getKey()) {
                    case CLIENT -> "no response in time";
                    case GATEWAY -> "504 from the server";
                    case POOL_ACQUIRE -> "waiting for a pooled connection";
                    case LOCK -> "waiting for a DB lock";
                })
                .collect(Collectors.joining(", "));
    }

    private static List<EndpointStats> filter(List<EndpointStats> endpoints, Predicate<EndpointStats> keep) {
        return endpoints.stream().filter(keep).toList();
    }

    private static long sum(List<EndpointStats> endpoints, java.util.function.ToLongFunction<EndpointStats> count) {
        return endpoints.stream().mapToLong(count).sum();
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
    }

    private static String range(long minMs, long maxMs) {
        // Histogram buckets make min and max differ by a few ms: equal as read means one value.
        return human(minMs).equals(human(maxMs)) ? "~" + human(minMs) : human(minMs) + "–" + human(maxMs);
    }

    /** 850 ms, 4.2 s, 30 s: how a person reads a duration. */
    static String human(long ms) {
        if (ms < 1_000) {
            return ms + " ms";
        }
        double seconds = ms / 1000.0;
        return seconds >= 10 ? String.format(Locale.ROOT, "%.0f s", seconds) : String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
