package obp.loadtest.run;

import java.util.List;
import obp.loadtest.ci.CiReport;
import obp.loadtest.config.Settings;
import obp.loadtest.config.SettingsException;
import obp.loadtest.outcome.ExitCode;

/**
 * The gate before Gatling starts: validates every layer (.env, environment, -D properties) for the
 * simulation about to run. run.sh's JVM ({@code obp.loadtest.run.Main}) calls {@link #validated}
 * first thing; {@link #main} does the same alone, printing the log file. A problem is one line each
 * and exit 2, before anything is sent.
 */
public final class SettingsCheck {

    private SettingsCheck() {}

    /** The settings, when good for a run of {@code simulationClass}; else every problem, one line each. */
    public static Settings validated(String simulationClass) {
        Settings settings = ObpRun.loadSettings();
        // Thresholds name endpoints of the simulation about to start.
        List<String> problems = CiReport.problems(settings, simulationClass);
        if (!problems.isEmpty()) throw new SettingsException(problems);
        return settings;
    }

    public static void main(String[] args) {
        try {
            System.out.println(validated(args.length > 0 ? args[0] : "").logFile());
        } catch (SettingsException e) {
            e.problems().forEach(p -> System.err.println("obp-loadtest: " + p));
            System.exit(ExitCode.USAGE_ERROR);
        }
    }
}
