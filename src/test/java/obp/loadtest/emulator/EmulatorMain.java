package obp.loadtest.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import obp.loadtest.config.SettingsException;

/**
 * Standalone emulator: {@code ./emulator.sh [-Dobp.emulator.port=8080 ...]}; runs until SIGINT/SIGTERM.
 * Reads its own section of the layered settings ({@link EmulatorSettings}: .env, OBP_EMULATOR_* variables,
 * -D), not the load test's, and listens on 8080 unless a port is set, so
 * {@code ./run.sh --host http://127.0.0.1:8080} finds it.
 */
public final class EmulatorMain {
    private EmulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        FaultPlan plan;
        ObpEmulator emulator;
        try {
            plan = EmulatorSettings.fromEnvironment().standalone();
            emulator = ObpEmulator.start(plan);
        } catch (SettingsException e) {
            e.problems().forEach(p -> System.err.println("OBP emulator: " + p));
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            System.err.println("OBP emulator: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            emulator.stop();
                            stopped.countDown();
                        },
                        "obp-emulator-shutdown"));
        System.out.println(
                "OBP emulator listening on " + emulator.baseUrl() + " — consumer key: " + emulator.consumerKey());
        emulator.telemetryUrl()
                .ifPresent(url -> System.out.println("Telemetry (Prometheus text, --telemetry): " + url));
        System.out.println("type a command and Enter to act like a real server mid-run: " + COMMANDS);
        System.out.flush();
        Thread console = new Thread(
                () -> operate(
                        emulator,
                        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                        System.out),
                "obp-emulator-console");
        console.setDaemon(true);
        console.start();
        stopped.await();
    }

    static final String COMMANDS = "status, down, up, forget-tokens, super-admin USER_ID, help";

    /**
     * The operator's console: events a real OBP server goes through, on demand, so a run's reaction
     * to them can be rehearsed: an outage (the listener closes, connects are refused), a token store
     * reset (every DirectLogin token issued so far answers 401 OBP-20003), an operator granting
     * super-admin. Ends quietly when input ends (started in the background, stdin is empty).
     */
    static void operate(ObpEmulator emulator, BufferedReader in, PrintStream out) {
        try {
            for (String line; (line = in.readLine()) != null; ) {
                String[] words = line.strip().split("\\s+");
                switch (words[0]) {
                    case "" -> {}
                    case "status" -> {
                        PoolSnapshot pool = emulator.pool();
                        out.println(
                                "port " + emulator.port() + " · " + emulator.requestCount() + " requests served · pool "
                                        + pool.activeConnections() + " active, " + pool.idleConnections() + " idle, "
                                        + pool.threadsAwaitingConnection() + " waiting of " + pool.maximumPoolSize());
                    }
                    case "down" -> {
                        emulator.refuseConnections(true);
                        out.println("down: connections to port " + emulator.port() + " are refused until 'up'");
                    }
                    case "up" -> {
                        emulator.refuseConnections(false);
                        out.println("up: listening on " + emulator.baseUrl() + " again");
                    }
                    case "forget-tokens" -> {
                        emulator.invalidateTokens();
                        out.println("forget-tokens: every DirectLogin token issued so far now answers 401 OBP-20003");
                    }
                    case "super-admin" -> {
                        if (words.length != 2) {
                            out.println("super-admin takes one user_id");
                        } else {
                            emulator.makeSuperAdmin(words[1]);
                            out.println("super-admin: " + words[1]
                                    + " is now a super admin (as if listed in super_admin_user_ids)");
                        }
                    }
                    default -> out.println("commands: " + COMMANDS);
                }
                out.flush();
            }
        } catch (IOException e) {
            // stdin closed: no console, the emulator keeps serving
        }
    }
}
