package obp.loadtest.verdict;

/**
 * Everything a run measured that the verdict weighs: per-endpoint statistics, the unloaded calibration,
 * the pool's time series, this generator's own load, and latency over time. Any but stats may be null
 * when it was not collected.
 */
public record RunEvidence(
        SweepStats stats, Calibration calibration, PoolEvidence pool, GeneratorEvidence generator, Timeline timeline) {

    public RunEvidence {
        if (stats == null) throw new IllegalArgumentException("stats are required");
    }

    public Calibration.Baseline baseline(String endpoint) {
        return calibration == null ? null : calibration.baseline(endpoint);
    }

    public boolean calibrated() {
        return calibration != null && calibration.calibrated();
    }
}
