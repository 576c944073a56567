package obp.loadtest.run;

import java.io.IOException;
import java.lang.invoke.MethodHandleProxies;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import obp.loadtest.config.Settings;
import obp.loadtest.config.SettingsCheck;
import obp.loadtest.config.SettingsException;

/**
 * run.sh's JVM: checks the settings, copies the console to the run log, runs the simulation in this
 * JVM with Gatling (results in target/gatling, gatling.conf from the classpath, as under
 * {@code mvn gatling:test}), then exits with the code the run earned: 0 pass, 1 verdict failure,
 * 2 usage or configuration error, 3 setup failure. Ctrl-C (SIGINT) stops the JVM the usual way: the
 * run's shutdown hook writes the partial summary and prints the verdict, and the JVM exits 130; SIGTERM
 * does the same.
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
            System.exit(RunOutcome.USAGE_ERROR);
        }
        String simulation = args[0];
        RunOutcome.launchedByMain();
        termEndsLikeCtrlC();
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
            RunOutcome.exit(RunOutcome.USAGE_ERROR);
        }
        Settings settings;
        try {
            settings = SettingsCheck.validated(simulation);
        } catch (SettingsException e) {
            e.problems().forEach(p -> System.err.println("obp-loadtest: " + p));
            RunOutcome.exit(RunOutcome.USAGE_ERROR);
            return;
        }
        try {
            ConsoleTee.install(settings.logFile());
        } catch (IOException e) {
            System.err.println("obp-loadtest: cannot write the log " + settings.logFile() + ": " + e.getMessage());
            RunOutcome.exit(RunOutcome.USAGE_ERROR);
            return;
        }

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
     * SIGTERM (kill, a cancelled CI job) ends the run as Ctrl-C does, exit code included: 130, where the
     * JVM's own would be 143. Through sun.misc.Signal (JDK-supported, jdk.unsupported), reached
     * reflectively so the build stays free of its "internal proprietary API" warnings. Should it be
     * missing, TERM keeps the JVM's default (hooks run, exit 143).
     */
    private static void termEndsLikeCtrlC() {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object exit = MethodHandleProxies.asInterfaceInstance(
                    handler,
                    MethodHandles.lookup()
                            .findStatic(
                                    Main.class, "exitInterrupted", MethodType.methodType(void.class, Object.class)));
            signal.getMethod("handle", signal, handler)
                    .invoke(null, signal.getConstructor(String.class).newInstance("TERM"), exit);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // see above
        }
    }

    private static void exitInterrupted(Object signal) {
        System.exit(RunOutcome.INTERRUPTED);
    }

    /** When the simulation recorded no code of its own (one that does not use ObpRun): Gatling's status, in ours. */
    static int fromGatling(int status) {
        return switch (status) {
            case 0 -> RunOutcome.PASS;
            case GATLING_INVALID_ARGUMENTS -> RunOutcome.USAGE_ERROR;
            // assertions failed, or Gatling crashed (no report): a failed run, as Maven says too
            default -> RunOutcome.VERDICT_FAILURE;
        };
    }
}
