package obp.loadtest.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** This JVM's CPU time (utime + stime from /proc/self/stat) and GC totals, printed as one BENCH line. */
final class ProcessCpu {

    /** Linux's USER_HZ: /proc stat times are in 1/100 s on every mainstream kernel. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {}

    static double seconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the ")" that closes the command name; utime and stime are fields 14 and 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    static String line(String label) {
        long gcMs = 0, gcCount = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMs += Math.max(0, gc.getCollectionTime());
            gcCount += Math.max(0, gc.getCollectionCount());
        }
        return String.format(
                "BENCH %s cpu_s=%.2f gc_ms=%d gc_count=%d uptime_ms=%d",
                label,
                seconds(),
                gcMs,
                gcCount,
                ManagementFactory.getRuntimeMXBean().getUptime());
    }
}
