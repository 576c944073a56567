package obp.loadtest.verdict;

import static obp.loadtest.verdict.Judgement.causes;
import static obp.loadtest.verdict.Judgement.filter;
import static obp.loadtest.verdict.Judgement.percent;
import static obp.loadtest.verdict.Judgement.sum;
import static obp.loadtest.verdict.VerdictRules.human;

import java.util.List;
import obp.loadtest.verdict.Diagnosis.Bottleneck;
import obp.loadtest.verdict.TimeoutCause.Family;

/**
 * The verdict's rules, in the order they are tried: the first that matches names the verdict. Each has the name
 * docs/verdict.md gives it ("The rules, in order"), a test of the evidence ({@link #matches}, which changes
 * nothing) and what it concludes ({@link #conclude}: the verdict, the bottleneck, and the lines of evidence it adds
 * to the judgement). {@link #OTHERWISE} matches every run, so one always does.
 */
enum Rule {
    NOTHING_MEASURED("Nothing measured") {
        @Override
        boolean matches(Judgement j) {
            return j.total == 0;
        }

        @Override
        Finding conclude(Judgement j) {
            // Nothing measured is nothing wrong: CLEAN, but say so rather than imply a healthy server.
            j.evidence.add("no requests were recorded");
            j.caveats.add("nothing was measured");
            return new Finding(Verdict.CLEAN, Bottleneck.NONE);
        }
    },

    MOST_REFUSED("Most requests refused") {
        @Override
        boolean matches(Judgement j) {
            return j.refused > 0 && j.refused >= j.thresholds.unreachableRatio() * j.total;
        }

        @Override
        Finding conclude(Judgement j) {
            j.evidence.add(j.refused + " of " + j.total + " requests (" + percent(j.refused, j.total)
                    + ") got no response at once: connection refused, reset or closed");
            filter(j.measured, e -> e.connectionErrors() > 0).forEach(j::describeDecisive);
            return new Finding(Verdict.SERVER_UNREACHABLE, Bottleneck.SERVER);
        }
    },

    CONNECTIONS_HELD_BY_NOTHING("Connections held by nothing") {
        @Override
        boolean matches(Judgement j) {
            return j.leaked();
        }

        @Override
        Finding conclude(Judgement j) {
            PoolView p = j.pool;
            PoolEvidence.Sample after = p.afterLoad;
            PoolEvidence.Sample onset = p.leakOnset;
            long spanMs = Math.max(1, after.tMs() - onset.tMs());
            j.evidence.add(String.format(
                    java.util.Locale.ROOT,
                    "%d connections held with nothing in flight: %d busy after the last request had answered, %d"
                            + " before the load%s — no request holds them",
                    p.heldAfterLoad,
                    after.active(),
                    p.idleBefore,
                    p.poolSize > 0 ? " (pool of " + p.poolSize + ")" : ""));
            j.evidence.add(String.format(
                    java.util.Locale.ROOT,
                    "busy connections above what our requests can hold (%d each alone) from %s on: %d busy %s;"
                            + " growing about %.0f connections per minute",
                    p.perRequestAlone,
                    Judgement.seconds(onset.tMs()),
                    onset.active(),
                    onset.inFlight() == 0
                            ? "with nothing in flight (the load paused)"
                            : "at " + onset.inFlight() + " requests in flight",
                    p.heldAfterLoad * 60_000.0 / spanMs));
            j.problems.forEach(j::describeDecisive);
            j.addPoolState();
            j.evidence.add("fix: find the code path that takes a connection and does not close it (an error path, an"
                    + " early return); HikariCP's leakDetectionThreshold logs where each connection held longer than"
                    + " it was taken (OBP builds its pool with new HikariConfig(), so -Dhikaricp.configurationFile="
                    + "<file with leakDetectionThreshold=10000> sets it); a bigger pool only leaks longer");
            return new Finding(Verdict.CONNECTION_LEAK, Bottleneck.POOL);
        }
    },

    REFUSED_BY_A_RATE_LIMIT("Refused by a rate limit") {
        @Override
        boolean matches(Judgement j) {
            return j.rateLimited > 0 && j.rateLimited >= j.shed && 2 * j.rateLimited >= j.failures;
        }

        @Override
        Finding conclude(Judgement j) {
            List<ServerRefusals.RateLimited> load = j.refusals.rateLimited(ServerRefusals.Phase.LOAD);
            List<ServerRefusals.RateLimited> all = j.refusals.rateLimited();
            j.evidence.add(j.rateLimited + " of " + j.total + " requests refused by a rate limit (429): "
                    + Judgement.limiters(load) + " — a server policy, not a fault of its pool");
            all.stream()
                    .sorted(java.util.Comparator.comparingLong(ServerRefusals.RateLimited::count)
                            .reversed())
                    .limit(Judgement.ENDPOINTS_LISTED)
                    .forEach(r -> j.evidence.add(Judgement.describe(r)));
            if (all.size() > Judgement.ENDPOINTS_LISTED)
                j.evidence.add("and " + (all.size() - Judgement.ENDPOINTS_LISTED) + " more (the summary's refusals"
                        + " section lists every one)");
            filter(j.measured, e -> all.stream().anyMatch(r -> r.endpoint().equals(e.name())))
                    .forEach(j.decisive::add);
            all.stream()
                    .map(ServerRefusals.RateLimited::limiter)
                    .distinct()
                    .forEach(l -> j.evidence.add("fix (" + l.words() + "): " + l.advice()));
            j.addPoolState();
            return new Finding(Verdict.RATE_LIMITED, Bottleneck.SERVER);
        }
    },

    LOAD_SHED("Load shed") {
        @Override
        boolean matches(Judgement j) {
            return j.shed > 0 && 2 * j.shed >= j.failures;
        }

        @Override
        Finding conclude(Judgement j) {
            List<ServerRefusals.Shed> shed = j.refusals.shed();
            ServerRefusals.Shed first = shed.stream()
                    .min(java.util.Comparator.comparingLong(ServerRefusals.Shed::firstTMs))
                    .orElseThrow();
            j.evidence.add(j.shed + " of " + j.total + " requests on " + shed.size() + " endpoints answered 503 "
                    + obp.loadtest.obp.RateLimiter.TOO_BUSY_CODE + " (\"" + first.firstMessage()
                    + "\"): the server shed load on purpose");
            j.evidence.add("load shedding began " + Judgement.seconds(first.firstTMs()) + " into the sweep, at "
                    + first.inFlightAtFirst() + " requests in flight (" + first.endpoint() + ")");
            List<EndpointStats> hit = filter(
                    j.measured, e -> shed.stream().anyMatch(s -> s.endpoint().equals(e.name())));
            hit.stream()
                    .sorted(java.util.Comparator.comparingLong(EndpointStats::unexpectedStatuses)
                            .reversed())
                    .limit(Judgement.ENDPOINTS_LISTED)
                    .forEach(j::describeDecisive);
            hit.forEach(e -> {
                if (!j.decisive.contains(e)) j.decisive.add(e);
            });
            if (hit.size() > Judgement.ENDPOINTS_LISTED)
                j.evidence.add("and " + (hit.size() - Judgement.ENDPOINTS_LISTED) + " more endpoints shed alike");
            j.addPoolState();
            j.evidence.add("fix: OBP sheds work when a service's open futures pass expectedOpenFuturesPerService"
                    + " (props, 100 by default): raise it if the server has the headroom, or keep the concurrency"
                    + " below where shedding began; this is not a pool fault");
            return new Finding(Verdict.SERVER_BUSY, Bottleneck.SERVER);
        }
    },

    DATABASE_WORDS("The database said lock or deadlock") {
        @Override
        boolean matches(Judgement j) {
            return j.dbCount > 0 && j.dbCount + j.hangCount >= j.capCount;
        }

        @Override
        Finding conclude(Judgement j) {
            // The database said it in its own words: lock timeouts or deadlock victims.
            j.evidence.add(j.dbCount + " requests on "
                    + filter(j.hung, e -> e.timeouts(Family.DATABASE) > 0).size()
                    + " endpoints ended with the database's lock or deadlock words"
                    + (j.hangCount > 0 ? ", " + j.hangCount + " more hung and ended before any cap" : "") + " ("
                    + causes(j.timingOut) + ")");
            j.hung.forEach(j::describeDecisive);
            j.addPoolState();
            return new Finding(Verdict.SUSPECT_DEADLOCK, Bottleneck.SERVER);
        }
    },

    FAILURES_AT_A_CAP("Failures at a cap") {
        @Override
        boolean matches(Judgement j) {
            return j.capCount > 0
                    && j.capCount >= j.dbCount + j.hangCount
                    && (j.atCap.size() > 1 || j.poolContended() || j.pool.starvedSamples());
        }

        @Override
        Finding conclude(Judgement j) {
            j.evidence.add(j.capCount + " requests on " + j.atCap.size() + " endpoints failed at a cap: "
                    + causes(j.timingOut) + "; caps known: " + j.capsKnown());
            j.atCap.forEach(j::describeDecisive);
            j.addPoolState();
            return new Finding(Verdict.POOL_STARVATION, Bottleneck.POOL);
        }
    },

    HANGS_BEFORE_EVERY_CAP("Hangs before every cap on several endpoints") {
        @Override
        boolean matches(Judgement j) {
            return j.hung.size() > 1 && !j.hangsEverywhere;
        }

        @Override
        Finding conclude(Judgement j) {
            // Hangs ending before every cap on a few endpoints: with an idle pool, a DB-level hang; with a full
            // one, starvation.
            boolean saturated = j.poolContended();
            j.evidence.add(j.hangCount + " requests on " + j.hung.size()
                    + " endpoints hung, then ended well before every known cap (" + j.capsKnown() + "): "
                    + causes(j.timingOut));
            j.hung.forEach(j::describeDecisive);
            j.addPoolState();
            return saturated
                    ? new Finding(Verdict.POOL_STARVATION, Bottleneck.POOL)
                    : new Finding(Verdict.SUSPECT_DEADLOCK, Bottleneck.SERVER);
        }
    },

    ONE_ENDPOINT_WITH_PROBLEMS("One endpoint with problems") {
        @Override
        boolean matches(Judgement j) {
            return j.problems.size() == 1 && !j.poolContended();
        }

        @Override
        Finding conclude(Judgement j) {
            EndpointStats one = j.problems.get(0);
            // Errors alone on one ordinary endpoint are not a held connection: call them what they are.
            // The stall probe is always ONE ENDPOINT: whatever it does, it is the known dev-instance case.
            Verdict verdict =
                    j.holdsConnection(one) || one.stallProbe() ? Verdict.ONE_ENDPOINT : Verdict.UNEXPECTED_STATUSES;
            j.describeDecisive(one);
            if (one.stallProbe()) j.evidence.add(Judgement.KNOWN_DEV_CASE);
            if (j.measured.size() > 1) j.evidence.add((j.measured.size() - 1) + " other endpoints healthy");
            j.addPoolState();
            return new Finding(
                    verdict,
                    verdict == Verdict.ONE_ENDPOINT ? Bottleneck.SERVER : Bottleneck.NONE,
                    verdict.headline(one.name()));
        }
    },

    UNEXPECTED_STATUSES("Unexpected statuses") {
        @Override
        boolean matches(Judgement j) {
            return !j.erring.isEmpty();
        }

        @Override
        Finding conclude(Judgement j) {
            // Errors fail the run, so they name it even when some endpoints are also slow.
            j.evidence.add(sum(j.erring, EndpointStats::unexpectedStatuses) + " unexpected statuses and "
                    + sum(j.erring, EndpointStats::connectionErrors) + " connection errors on " + j.erring.size()
                    + " endpoints");
            j.erring.forEach(j::describeDecisive);
            j.addOthers(j.problems, j.erring);
            return new Finding(Verdict.UNEXPECTED_STATUSES, Bottleneck.NONE);
        }
    },

    ONE_ENDPOINT_TIMING_OUT("One endpoint timing out, others merely slow") {
        @Override
        boolean matches(Judgement j) {
            return j.timingOut.size() == 1;
        }

        @Override
        Finding conclude(Judgement j) {
            EndpointStats one = j.timingOut.get(0);
            // One endpoint timing out while others are merely slow: it is the holder, the rest wait behind it.
            j.describeDecisive(one);
            if (one.stallProbe()) j.evidence.add(Judgement.KNOWN_DEV_CASE);
            j.problems.stream()
                    .filter(e -> e != one)
                    .forEach(e -> j.evidence.add("meanwhile slower: " + j.describe(e)));
            j.addPoolState();
            return new Finding(Verdict.ONE_ENDPOINT, Bottleneck.SERVER, Verdict.ONE_ENDPOINT.headline(one.name()));
        }
    },

    POOL_CONTENDED("The pool contended") {
        @Override
        boolean matches(Judgement j) {
            return j.poolContended();
        }

        @Override
        Finding conclude(Judgement j) {
            // The pool decides where it is visible: saturated with waiters is contention whatever the p95.
            j.addPoolState();
            j.problems.forEach(j::describeDecisive);
            if (j.problems.isEmpty())
                j.evidence.add("latency held up (slowest p95 " + human(j.slowestP95())
                        + "), but requests queued for connections");
            return new Finding(Verdict.CONTENTION, Bottleneck.POOL);
        }
    },

    SLOW_OR_INFLATED("Slow or inflated latency") {
        @Override
        boolean matches(Judgement j) {
            return !j.problems.isEmpty();
        }

        @Override
        Finding conclude(Judgement j) {
            Bottleneck bottleneck = j.generator != null && j.generator.limited()
                    ? Bottleneck.GENERATOR
                    : j.pool.pressure() ? Bottleneck.POOL : Bottleneck.SERVER;
            j.evidence.add(sum(j.problems, EndpointStats::slow) + " slow requests (over "
                    + human(j.thresholds.slowThreshold().toMillis())
                    + ") and " + filter(j.problems, j::inflated).size() + " endpoints with inflated latency ("
                    + j.inflationRule() + "), on " + j.problems.size() + " endpoints");
            if (j.hangsEverywhere) {
                j.evidence.add(j.hangCount + " requests on " + j.hung.size() + " of " + j.ordinary
                        + " endpoints hung and then ended with no"
                        + " answer or an error: spread over nearly every endpoint, that is an overloaded server (or generator),"
                        + " not a lock, which hangs the few endpoints that touch the locked rows");
            }
            j.problems.forEach(j::describeDecisive);
            j.addLatencyOnset();
            j.addPoolState();
            return new Finding(Verdict.CONTENTION, bottleneck);
        }
    },

    OTHERWISE("Otherwise") {
        @Override
        boolean matches(Judgement j) {
            return true;
        }

        @Override
        Finding conclude(Judgement j) {
            j.evidence.add(j.total + " requests on " + j.measured.size() + " endpoints: none slow, none timed out,"
                    + " no unexpected statuses; slowest p95 " + human(j.slowestP95())
                    + (j.ev.calibrated() ? ", none inflated against the calibration (" + j.inflationRule() + ")" : ""));
            j.decisive.addAll(filter(j.measured, e -> !e.stallProbe()));
            j.addPoolState();
            return new Finding(Verdict.CLEAN, Bottleneck.NONE);
        }
    };

    /** What a rule concluded; a null headline is the verdict's own. */
    record Finding(Verdict verdict, Bottleneck bottleneck, String headline) {
        Finding(Verdict verdict, Bottleneck bottleneck) {
            this(verdict, bottleneck, null);
        }
    }

    private final String title;

    Rule(String title) {
        this.title = title;
    }

    /** The rule's name, as docs/verdict.md's heading gives it. */
    String title() {
        return title;
    }

    /** Whether the evidence is this rule's case; changes nothing. */
    abstract boolean matches(Judgement j);

    /** The verdict and bottleneck, the rule's lines added to the judgement's evidence. Only after {@link #matches}. */
    abstract Finding conclude(Judgement j);

    /** The first rule, in order, that matches: the one that names the verdict. */
    static Rule first(Judgement j) {
        for (Rule r : values()) if (r.matches(j)) return r;
        throw new AssertionError("OTHERWISE matches every run");
    }
}
