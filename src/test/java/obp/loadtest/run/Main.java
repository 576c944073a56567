package obp.loadtest.run;

import java.io.IOException;
import java.lang.invoke.MethodHandleProxies;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import obp.loadtest.config.Settings;
import obp.loadtest.config.SettingsException;
import obp.loadtest.outcome.ExitCode;

/**
 * run.sh's JVM: checks the settings, copies the console to the run log, runs the simulation in this
 * JVM with Gatling (results in target/gatling, gatling.conf from the classpath, as under
 * {@code mvn gatling:test}), then exits with the code the run earned: 0 pass, 1 verdict failure,
 * 2 usage or configuration error, 3 setup failure. Ctrl-C (SIGINT) and SIGTERM stop the run at once:
 * no new request, a short grace for those in flight, the partial summary, reports and verdict, the
 * cleanup, exit 130 (see {@link #stopOnSignals}).
 *
 * <p>Usage: {@code java @gatling-jvm.options -cp CLASSPATH -Dobp.KEY=VALUE... obp.loadtest.run.Main SIMULATION_CLASS}
 */
public final class Main {

    /** Where Gatling writes its runs (each in its own folder), as gatling-maven-plugin has it. */
    static final Path RESULTS = Path.of("target", "gatling");

    /** Gatling's own exit status ({@code io.gatling.app.cli.StatusCode}). */
    private static final int GATLING_INVALID_ARGUMENTS = 1;

    private Main() {}

    public static void main(String[] args) {
        if (args.length != 1 || args[0].isBlank()) {
            System.err.println(
                    "obp-loadtest: usage: java ... obp.loadtest.run.Main SIMULATION_CLASS (./run.sh starts it)");
            System.exit(ExitCode.USAGE_ERROR);
        }
        String simulation = args[0];
        RunOutcome.launchedByMain();
        List<String> ignored = stopOnSignals();
        // Ctrl-C before the run has its own exit hook (settings, Gatling loading): still say so.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (RunOutcome.signalled() && !ObpRun.hooked()) {
                                System.err.println(
                                        "obp-loadtest: interrupted before the run started; nothing was sent");
                            }
                        },
                        "obp-loadtest-early-exit"));
        try {
            Class.forName(simulation, false, Main.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            System.err.println("obp-loadtest: no simulation class " + simulation + " (OBP_SIMULATION_CLASS)");
            RunOutcome.exit(ExitCode.USAGE_ERROR);
        }
        Settings settings;
        try {
            settings = SettingsCheck.validated(simulation);
        } catch (SettingsException e) {
            e.problems().forEach(p -> System.err.println("obp-loadtest: " + p));
            RunOutcome.exit(ExitCode.USAGE_ERROR);
            return;
        }
        // Read once: the run takes this value, it does not parse the settings again.
        ObpRun.handOver(settings);
        try {
            ConsoleTee.install(settings.logFile());
        } catch (IOException e) {
            System.err.println("obp-loadtest: cannot write the log " + settings.logFile() + ": " + e.getMessage());
            RunOutcome.exit(ExitCode.USAGE_ERROR);
            return;
        }
        String unstoppable = ignoredSignals(ignored, ProcessHandle.current().pid());
        if (unstoppable != null) System.err.println(unstoppable);

        int gatling;
        try {
            gatling = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
                "-s", simulation, "-rf", RESULTS.toAbsolutePath().toString()
            });
        } catch (Exception | LinkageError e) {
            // Gatling has logged the crash with its stack trace ("Run crashed"); Scala throws checked exceptions too.
            System.err.println("obp-loadtest: Gatling stopped: " + e);
            gatling = -1;
        }
        System.out.flush();
        RunOutcome.exit(RunOutcome.earnedOr(fromGatling(gatling)));
    }

    /**
     * Ctrl-C (SIGINT) and SIGTERM (kill, a cancelled CI job) stop the run the same way: the run's stop
     * gate shuts at once (no new request), the requests in flight get --stop-grace, then the outputs, the
     * cleanup and exit 130 ({@link ObpRun#interrupt}); a second signal skips the cleanup. Through
     * sun.misc.Signal (JDK-supported, jdk.unsupported), reached reflectively so the build stays free of its
     * "internal proprietary API" warnings. Should it be missing, the JVM's default stays (the run's exit
     * hook still ends it, exit 130 or 143).
     *
     * <p>A signal this process was started with ignored stays ignored, as the JVM leaves it (nohup, or {@code &}
     * from a script, which ignores SIGINT for the background job): returns those signals' names, so the run can say
     * that Ctrl-C will not stop it.
     */
    private static List<String> stopOnSignals() {
        List<String> ignored = new ArrayList<>();
        if (handle("INT", "onInt")) ignored.add("INT");
        if (handle("TERM", "onTerm")) ignored.add("TERM");
        return ignored;
    }

    /**
     * What to say when the run was started with SIGINT or SIGTERM ignored, or null when it was not: how it can be
     * stopped instead.
     */
    public static String ignoredSignals(List<String> ignored, long pid) {
        if (ignored.isEmpty()) return null;
        boolean intIgnored = ignored.contains("INT");
        boolean termIgnored = ignored.contains("TERM");
        String what = intIgnored && termIgnored ? "Ctrl-C and SIGTERM" : intIgnored ? "Ctrl-C (SIGINT)" : "SIGTERM";
        String instead = !intIgnored
                ? "Ctrl-C"
                : termIgnored
                        ? "the live page's Stop button (--dashboard), or kill -KILL " + pid
                                + " (no outputs, no cleanup)"
                        : "kill " + pid + " (SIGTERM stops it as Ctrl-C does)";
        return "obp-loadtest: warning: " + what + WILL_NOT_STOP + ": it was started with "
                + (intIgnored && termIgnored ? "them" : "it") + " ignored (nohup, or & from a script); stop it with "
                + instead;
    }

    /** What the warning says after the signals' names. */
    public static final String WILL_NOT_STOP = " will not stop this run";

    /** Installs the handler; true when the signal was ignored at start-up, where the JVM leaves it ignored. */
    private static boolean handle(String name, String method) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object stop = MethodHandleProxies.asInterfaceInstance(
                    handler,
                    MethodHandles.lookup()
                            .findStatic(Main.class, method, MethodType.methodType(void.class, Object.class)));
            Object before = signal.getMethod("handle", signal, handler)
                    .invoke(null, signal.getConstructor(String.class).newInstance(name), stop);
            return before == handler.getField("SIG_IGN").get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // see above
            return false;
        }
    }

    private static void onInt(Object signal) {
        stop("Ctrl-C");
    }

    private static void onTerm(Object signal) {
        stop("SIGTERM");
    }

    /** Before the run has started nothing was sent: the JVM simply exits (its early hook says so). */
    private static void stop(String what) {
        if (!ObpRun.interrupt(what)) System.exit(ExitCode.INTERRUPTED);
    }

    /** When the simulation recorded no code of its own (one that does not use ObpRun): Gatling's status, in ours. */
    static int fromGatling(int status) {
        return switch (status) {
            case 0 -> ExitCode.PASS;
            case GATLING_INVALID_ARGUMENTS -> ExitCode.USAGE_ERROR;
            // assertions failed, or Gatling crashed (no report): a failed run, as Maven says too
            default -> ExitCode.VERDICT_FAILURE;
        };
    }
}
