package obp.loadtest.verdict;

import org.HdrHistogram.Histogram;

/**
 * Whether this load generator kept up during the sweep: its own CPU share (of every core), the
 * machine's, and how late a thread that asks to wake every few ms actually wakes (scheduling lag).
 * When the generator is the limit, latency it measures includes its own queueing and the verdict must
 * not blame the server. Thread-safe.
 */
public final class GeneratorEvidence {

    /** Mean CPU share of this JVM at or above which it was the limit. */
    static final double CPU_LIMIT = 0.85;
    /** Mean CPU share of the whole machine at or above which everything on it competed. */
    static final double MACHINE_LIMIT = 0.9;
    /** Scheduling lag p99 at or above which this JVM's threads waited for a core. */
    static final long LAG_LIMIT_MS = 50;

    private final Histogram lag = new Histogram(60_000, 2);
    private double cpuSum;
    private double cpuMax;
    private double machineSum;
    private int cpuSamples;
    private final boolean sharesJvmWithServer;

    /** @param sharesJvmWithServer the embedded emulator runs in this JVM, so its CPU counts as the generator's */
    public GeneratorEvidence(boolean sharesJvmWithServer) {
        this.sharesJvmWithServer = sharesJvmWithServer;
    }

    /** One CPU reading: shares of all cores, 0–1; a negative reading (not available) is ignored. */
    public synchronized void cpu(double processShare, double machineShare) {
        if (processShare < 0) return;
        cpuSamples++;
        cpuSum += processShare;
        cpuMax = Math.max(cpuMax, processShare);
        machineSum += Math.max(0, machineShare);
    }

    /** How late the probe thread woke, in ms. */
    public synchronized void lag(long lateMs) {
        lag.recordValue(Math.max(0, Math.min(lateMs, 60_000)));
    }

    public synchronized double cpuShareMean() {
        return cpuSamples == 0 ? 0 : cpuSum / cpuSamples;
    }

    public synchronized double cpuShareMax() {
        return cpuMax;
    }

    public synchronized double machineShareMean() {
        return cpuSamples == 0 ? 0 : machineSum / cpuSamples;
    }

    public synchronized long lagP99Ms() {
        return lag.getTotalCount() == 0 ? 0 : lag.getValueAtPercentile(99);
    }

    public synchronized long lagMaxMs() {
        return lag.getTotalCount() == 0 ? 0 : lag.getMaxValue();
    }

    public boolean sharesJvmWithServer() {
        return sharesJvmWithServer;
    }

    /** This JVM was busy on every core, or its threads waited for one. */
    public boolean limited() {
        return cpuShareMean() >= CPU_LIMIT || lagP99Ms() >= LAG_LIMIT_MS;
    }

    /** The machine as a whole had no CPU to spare (a server on loopback competed with this generator). */
    public boolean machineSaturated() {
        return machineShareMean() >= MACHINE_LIMIT;
    }
}
