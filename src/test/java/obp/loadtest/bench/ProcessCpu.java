package obp.loadtest.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This JVM's CPU time (utime + stime from /proc/self/stat) and GC totals, printed as one BENCH line, with the CPU
 * of its live threads by kind ({@code /proc/self/task/*}: each thread's name as the kernel keeps it, 15 characters):
 * where a load phase's CPU goes, Gatling's event loops or the JIT and GC around them. A thread that ended between two
 * lines is in neither's kinds, only in the process total.
 */
final class ProcessCpu {

    /** Linux's USER_HZ: /proc stat times are in 1/100 s on every mainstream kernel. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {}

    static double seconds() {
        try {
            return cpu(Files.readString(Path.of("/proc/self/stat")));
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The kinds of thread, by the start of their kernel name, in the order the BENCH line prints them. */
    private static final String[][] KINDS = {
        {"loops", "gatling-"},
        {"jit", "C1 CompilerThre", "C2 CompilerThre"},
        {"gc", "GC Thread#", "G1 "},
        {"ours", "obp-"},
    };

    /** CPU seconds so far of the live threads of each kind, then "other": {@code loops=1.23 jit=0.40 ...}. */
    static String threads() {
        double[] sums = new double[KINDS.length + 1];
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                sums[kind(name)] += cpu(stat);
            }
        } catch (IOException | RuntimeException e) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i <= KINDS.length; i++)
            out.append(String.format(" %s=%.2f", i < KINDS.length ? KINDS[i][0] : "other", sums[i]));
        return out.toString();
    }

    private static int kind(String name) {
        for (int i = 0; i < KINDS.length; i++)
            for (int j = 1; j < KINDS[i].length; j++) if (name.startsWith(KINDS[i][j])) return i;
        return KINDS.length;
    }

    /** utime + stime of a /proc stat line, in seconds. */
    private static double cpu(String stat) {
        // Fields after the ")" that closes the command name; utime and stime are fields 14 and 15.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }

    static String line(String label) {
        long gcMs = 0, gcCount = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMs += Math.max(0, gc.getCollectionTime());
            gcCount += Math.max(0, gc.getCollectionCount());
        }
        return String.format(
                "BENCH %s cpu_s=%.2f gc_ms=%d gc_count=%d uptime_ms=%d%s",
                label,
                seconds(),
                gcMs,
                gcCount,
                ManagementFactory.getRuntimeMXBean().getUptime(),
                threads());
    }
}
