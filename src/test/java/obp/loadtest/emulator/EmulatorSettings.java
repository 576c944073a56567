package obp.loadtest.emulator;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.List;
import obp.loadtest.config.Settings;
import obp.loadtest.config.SettingsException;

/**
 * The emulator's own configuration: the {@code obp.emulator} section of application.conf through the
 * same layers as a run (defaults, .env, OBP_EMULATOR_* variables, {@code -Dobp.emulator.*}), and nothing
 * else, so a bad load-test setting ({@code -Dobp.workers-v7=abc}) cannot stop the standalone emulator. A
 * bad emulator setting is one line each ({@link SettingsException}), named as run.sh's flag
 * ({@code --emulator-database ...}). The load test's embedded emulator reads the same section from its
 * settings ({@link #plan(Config)}).
 */
public record EmulatorSettings(FaultPlan plan, boolean portGiven) {

    /** Where the standalone emulator listens unless a port is set, so {@code ./run.sh --host http://127.0.0.1:8080} finds it. */
    public static final int STANDALONE_PORT = 8080;

    /** This process's emulator settings: .env in the working directory, the environment, -D properties. */
    public static EmulatorSettings fromEnvironment() {
        return load(Settings.Layers.of(Path.of("").toAbsolutePath()));
    }

    public static EmulatorSettings load(Settings.Layers layers) {
        Settings.Section section = Settings.section(layers, "emulator");
        return new EmulatorSettings(plan(section.values()), section.source("port") != Settings.Source.DEFAULT);
    }

    /** The plan of an {@code obp.emulator} section; a value the emulator refuses is one line, named as run.sh's flag. */
    public static FaultPlan plan(Config section) {
        try {
            return FaultPlan.fromConfig(section);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(List.of("--emulator-" + e.getMessage()));
        }
    }

    /** The standalone emulator's plan: the port it was given, else {@link #STANDALONE_PORT}. */
    public FaultPlan standalone() {
        return portGiven ? plan : plan.port(STANDALONE_PORT);
    }
}
