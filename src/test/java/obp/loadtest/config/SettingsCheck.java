package obp.loadtest.config;

import obp.loadtest.live.RunOutcome;

/**
 * run.sh's gate before Maven starts Gatling: validates every layer and prints one line per
 * problem. Exit 0 when the settings are good (printing the log file run.sh should write), 2 when
 * the user has something to fix.
 */
public final class SettingsCheck {

    private SettingsCheck() {}

    public static void main(String[] args) {
        try {
            System.out.println(Settings.fromEnvironment().logFile());
        } catch (SettingsException e) {
            e.problems().forEach(p -> System.err.println("obp-loadtest: " + p));
            System.exit(RunOutcome.USAGE_ERROR);
        }
    }
}
