package obp.loadtest.verdict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the pool's time series says, read once for the verdict: how much of the sweep it was saturated
 * with threads waiting, when that began and at what concurrency, whether the pool endpoint itself
 * failed under load, and whether busy connections ran above this tool's requests in flight (more than
 * one connection per request). Immutable.
 */
final class PoolView {

    /** Samples needed before a share or a ratio means anything. */
    static final int MIN_SAMPLES = 3;
    /** Busy connections per request in flight at or above which a request holds more than one. */
    static final double MULTI_CONNECTION_RATIO = 1.5;
    /** Connections held by nothing after the load, from which on they are a leak (one may be another client's). */
    static final int LEAK_MIN = 2;

    final boolean visible;
    final int loadSamples;
    final int saturatedWithWaiters;
    final int failedUnderLoad;
    final int maxActive;
    final int maxWaiting;
    final int poolSize;
    final long acquireTimeoutMs;
    final PoolEvidence.Sample firstSaturated;
    final double connectionsPerRequest;
    final PoolEvidence.Sample busiestAboveInFlight;
    final int maxInFlight;
    final int background;
    /** The sample taken after the last request had answered, or null. */
    final PoolEvidence.Sample afterLoad;
    /** Busy connections with nothing of ours in flight before that sample (the sample's own, other clients); -1 unknown. */
    final int idleBefore;
    /** Busy connections held by nothing after the load: the after-load sample above idleBefore (0 when unknown). */
    final int heldAfterLoad;
    /** Connections one request of ours holds, as the calibration (one request alone) showed; at least 1. */
    final int perRequestAlone;
    /** The first sweep sample busier than our requests in flight could be: the leak under way; or null. */
    final PoolEvidence.Sample leakOnset;

    private PoolView(PoolEvidence pool) {
        visible = pool != null && pool.available() && pool.samples() + pool.failedSamples() > 0;
        List<PoolEvidence.Sample> all = pool == null ? List.of() : pool.series();
        List<PoolEvidence.Sample> load = pool == null ? List.of() : pool.loadSeries();
        loadSamples = load.size();
        saturatedWithWaiters = (int)
                load.stream().filter(PoolEvidence.Sample::saturatedWithWaiters).count();
        failedUnderLoad =
                (int) load.stream().filter(s -> !s.ok() && s.inFlight() > 0).count();
        firstSaturated = load.stream()
                .filter(PoolEvidence.Sample::saturatedWithWaiters)
                .findFirst()
                .orElse(null);
        maxActive = pool == null ? 0 : pool.maxActive();
        maxWaiting = pool == null ? 0 : pool.maxWaiting();
        poolSize = pool == null ? 0 : pool.maximumPoolSize();
        acquireTimeoutMs = pool == null ? 0 : pool.connectionTimeoutMs();
        maxInFlight = all.stream().mapToInt(PoolEvidence.Sample::inFlight).max().orElse(0);
        // Connections busy with none of our requests in flight (the sample's own, other clients) are background.
        background = all.stream()
                .filter(s -> s.ok() && s.inFlight() == 0)
                .mapToInt(PoolEvidence.Sample::active)
                .min()
                .orElse(0);
        // Only a pool with a free connection and nobody waiting shows what each request holds: a saturated one caps the
        // count.
        List<Double> ratios = new ArrayList<>();
        PoolEvidence.Sample busiest = null;
        for (PoolEvidence.Sample s : all) {
            if (!s.ok() || s.inFlight() < 1 || s.waiting() > 0 || (s.max() > 0 && s.active() >= s.max())) continue;
            int ours = Math.max(0, s.active() - background);
            ratios.add(ours / (double) s.inFlight());
            if (ours > s.inFlight()
                    && (busiest == null || ours - s.inFlight() > busiest.active() - background - busiest.inFlight())) {
                busiest = s;
            }
        }
        Collections.sort(ratios);
        connectionsPerRequest = ratios.size() < MIN_SAMPLES ? 0 : ratios.get(ratios.size() / 2);
        busiestAboveInFlight = busiest;
        afterLoad = pool == null ? null : pool.afterLoadSample();
        idleBefore = all.stream()
                .filter(s -> s.ok()
                        && s.inFlight() == 0
                        && s != afterLoad
                        && (afterLoad == null || s.tMs() != afterLoad.tMs()))
                .mapToInt(PoolEvidence.Sample::active)
                .min()
                .orElse(-1);
        heldAfterLoad = afterLoad == null || idleBefore < 0 ? 0 : Math.max(0, afterLoad.active() - idleBefore);
        // What one request holds, from the calibration's samples (one request alone), where no leak has begun yet.
        List<Integer> alone = new ArrayList<>();
        for (PoolEvidence.Sample s : all) {
            if (s.tMs() >= 0 || !s.ok() || s.inFlight() != 1 || s.waiting() > 0 || idleBefore < 0) continue;
            alone.add(Math.max(0, s.active() - idleBefore));
        }
        Collections.sort(alone);
        perRequestAlone = alone.isEmpty() ? 1 : Math.max(1, alone.get(alone.size() / 2));
        PoolEvidence.Sample onset = null;
        if (idleBefore >= 0) {
            for (PoolEvidence.Sample s : load) {
                if (s.ok() && s.active() - idleBefore > s.inFlight() * perRequestAlone) {
                    onset = s;
                    break;
                }
            }
        }
        leakOnset = onset;
    }

    /**
     * Connections stayed busy with nothing of ours in flight once the load had ended, more than the requests
     * abandoned by the client (whose handlers may still run) could hold, and the sweep showed more busy than our
     * requests could hold: held by nothing, a leak.
     */
    boolean leaked(long abandoned) {
        return visible
                && afterLoad != null
                && heldAfterLoad >= LEAK_MIN
                && heldAfterLoad > abandoned * perRequestAlone
                && leakOnset != null;
    }

    static PoolView of(PoolEvidence pool) {
        return new PoolView(pool);
    }

    /** Share of the sweep's samples that found every connection busy and threads waiting. */
    double saturatedShare() {
        return loadSamples == 0 ? 0 : saturatedWithWaiters / (double) loadSamples;
    }

    /** Saturated with waiters for a meaningful share of the sweep. */
    boolean contended(double share) {
        return visible
                && saturatedWithWaiters >= Math.min(MIN_SAMPLES, Math.max(1, loadSamples))
                && saturatedShare() >= share;
    }

    /** The pool endpoint itself could not answer a good part of the samples under load. */
    boolean starvedSamples() {
        return visible && failedUnderLoad >= MIN_SAMPLES && failedUnderLoad >= 0.2 * loadSamples;
    }

    /** Any sign of pressure: a saturated sample, a waiter, or failed samples under load. */
    boolean pressure() {
        return visible && (saturatedWithWaiters > 0 || maxWaiting > 0 || starvedSamples());
    }

    /** Requests hold more than one connection each, as the series shows. */
    boolean multipleConnectionsPerRequest() {
        return visible && connectionsPerRequest >= MULTI_CONNECTION_RATIO && busiestAboveInFlight != null;
    }
}
