package obp.loadtest.emulator;

import java.util.concurrent.CountDownLatch;
import obp.loadtest.config.Settings;
import obp.loadtest.config.SettingsException;

/**
 * Standalone emulator: {@code ./emulator.sh [-Dobp.emulator.port=8080 ...]}; runs until SIGINT/SIGTERM.
 * Reads the same layered settings as a run (.env, OBP_EMULATOR_* variables, -D), and listens on
 * 8080 unless a port is set, so {@code ./run.sh --host http://127.0.0.1:8080} finds it.
 */
public final class EmulatorMain {
    private static final int STANDALONE_PORT = 8080;

    private EmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        FaultPlan plan;
        ObpEmulator emulator;
        try {
            Settings settings = Settings.fromEnvironment();
            plan = FaultPlan.fromConfig(settings.emulator());
            if (settings.source("emulator.port") == Settings.Source.DEFAULT) plan = plan.port(STANDALONE_PORT);
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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.stop();
            stopped.countDown();
        }, "obp-emulator-shutdown"));
        System.out.println("OBP emulator listening on " + emulator.baseUrl() + " — consumer key: " + emulator.consumerKey());
        System.out.flush();
        stopped.await();
    }
}
