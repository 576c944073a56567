package obp.loadtest.emulator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import java.util.concurrent.CountDownLatch;

/** Standalone emulator: {@code ./emulator.sh [-Dobp.emulator.port=8080 ...]}; runs until SIGINT/SIGTERM. */
public final class EmulatorMain {
    private EmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Config settings = ConfigFactory.load();   // the one line to swap for the layered settings loader
        FaultPlan plan;
        ObpEmulator emulator;
        try {
            plan = FaultPlan.fromConfig(settings.getConfig("obp.emulator"));
            emulator = ObpEmulator.start(plan);
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
