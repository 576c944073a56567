package obp.loadtest.live;

import java.lang.management.ManagementFactory;
import obp.loadtest.verdict.GeneratorEvidence;

/**
 * Watches this load generator during the sweep: a thread that asks to sleep {@value #TICK_MS} ms and
 * records how late it wakes (scheduling lag, as jHiccup measures it), and this JVM's and the machine's
 * CPU share every half second. A generator short of CPU measures its own queueing as server latency.
 */
public final class GeneratorWatch implements AutoCloseable {

    static final long TICK_MS = 20;
    private static final long CPU_EVERY_MS = 500;

    private final GeneratorEvidence evidence;
    private final Thread thread;
    private volatile boolean running = true;

    public GeneratorWatch(GeneratorEvidence evidence) {
        this.evidence = evidence;
        this.thread = new Thread(this::watch, "obp-generator-watch");
        thread.setDaemon(true);
    }

    public void start() {
        if (!thread.isAlive() && running) thread.start();
    }

    private void watch() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        com.sun.management.OperatingSystemMXBean sun =
                os instanceof com.sun.management.OperatingSystemMXBean s ? s : null;
        long lastCpu = System.nanoTime();
        while (running) {
            long before = System.nanoTime();
            try {
                Thread.sleep(TICK_MS);
            } catch (InterruptedException e) {
                return;
            }
            long after = System.nanoTime();
            evidence.lag((after - before) / 1_000_000 - TICK_MS);
            if (sun != null && (after - lastCpu) / 1_000_000 >= CPU_EVERY_MS) {
                lastCpu = after;
                evidence.cpu(sun.getProcessCpuLoad(), sun.getCpuLoad());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
