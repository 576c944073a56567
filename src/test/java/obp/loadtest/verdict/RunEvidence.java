package obp.loadtest.verdict;

/**
 * Everything a run measured that the verdict weighs: per-endpoint statistics, the unloaded calibration,
 * the pool's time series, this generator's own load, latency over time, and what the server refused by policy (rate
 * limits, load shedding). Any but stats may be null when it was not collected.
 */
public record RunEvidence(
        SweepStats stats,
        Calibration calibration,
        PoolEvidence pool,
        GeneratorEvidence generator,
        Timeline timeline,
        ServerRefusals refusals) {

    public RunEvidence {
        if (stats == null) throw new IllegalArgumentException("stats are required");
        if (refusals == null) refusals = new ServerRefusals();
    }

    /** Without refusals recorded (none seen). */
    public RunEvidence(
            SweepStats stats,
            Calibration calibration,
            PoolEvidence pool,
            GeneratorEvidence generator,
            Timeline timeline) {
        this(stats, calibration, pool, generator, timeline, new ServerRefusals());
    }

    public Calibration.Baseline baseline(String endpoint) {
        return calibration == null ? null : calibration.baseline(endpoint);
    }

    public boolean calibrated() {
        return calibration != null && calibration.calibrated();
    }
}
