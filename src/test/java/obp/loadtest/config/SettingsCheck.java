package obp.loadtest.config;

import java.util.List;
import obp.loadtest.ci.CiReport;
import obp.loadtest.run.RunOutcome;

/**
 * run.sh's gate before Maven starts Gatling: validates every layer and prints one line per
 * problem. Exit 0 when the settings are good (printing the log file run.sh should write), 2 when
 * the user has something to fix.
 */
public final class SettingsCheck {

    private SettingsCheck() {}

    public static void main(String[] args) {
        try {
            Settings settings = Settings.fromEnvironment();
            // Thresholds name endpoints of the simulation run.sh is about to start (its class is args[0]).
            List<String> problems = CiReport.problems(settings, args.length > 0 ? args[0] : "");
            if (!problems.isEmpty()) throw new SettingsException(problems);
            System.out.println(settings.logFile());
        } catch (SettingsException e) {
            e.problems().forEach(p -> System.err.println("obp-loadtest: " + p));
            System.exit(RunOutcome.USAGE_ERROR);
        }
    }
}
