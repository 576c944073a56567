package obp.loadtest.ci;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import obp.loadtest.config.Settings;
import obp.loadtest.scenarios.AccountsScenario;
import obp.loadtest.scenarios.ConsentsScenario;
import obp.loadtest.scenarios.Timed;
import obp.loadtest.scenarios.V7Sweep;
import obp.loadtest.setup.Fixture;
import obp.loadtest.verdict.Thresholds.Endpoint;

/**
 * The endpoints a run will have, known before anything is sent: the phases' chains are built
 * against a placeholder fixture (building a chain sends nothing) and their steps read back, so
 * a threshold is checked against the very names the run reports.
 */
public final class RunEndpoints {

    private static final Fixture PLACEHOLDER = new Fixture(
            "http://127.0.0.1:1",
            "-",
            new Fixture.User("USER_ID", "-", "-"),
            new Fixture.User("USER_ID", "-", "-"),
            "BANK_ID",
            "ACCOUNT_ID",
            List.of(new Fixture.User("USER_ID", "-", "-")),
            obp.loadtest.obp.ServerFacts.assumed());

    private RunEndpoints() {}

    /** The endpoints of the phases that will run with these settings. */
    public static List<Endpoint> of(Settings s, boolean accounts, boolean consents, boolean v7) {
        ensureGatlingConfiguration();
        Timed timed = new Timed(null, Duration.ofSeconds(1));
        if (accounts && s.loopAccounts() > 0) AccountsScenario.loop(PLACEHOLDER, timed, 1);
        if (consents && s.loopConsents() > 0) ConsentsScenario.loop(PLACEHOLDER, timed, 1);
        if (v7 && s.sweepRuns()) {
            V7Sweep.roundTrip(PLACEHOLDER, timed);
            V7Sweep.sweep(PLACEHOLDER, timed, s.stallProbe());
        }
        return timed.steps().stream()
                .map(step -> new Endpoint(step.group(), step.name()))
                .distinct()
                .toList();
    }

    /**
     * Gatling's DSL reads its configuration when a request is first built; inside a simulation Gatling has
     * loaded it, but run.sh's settings check builds the chains in a plain JVM, so load gatling.conf here.
     */
    private static void ensureGatlingConfiguration() {
        if (io.gatling.core.Predef$.MODULE$._configuration() == null) {
            io.gatling.core.Predef$.MODULE$._configuration_$eq(
                    io.gatling.core.config.GatlingConfiguration$.MODULE$.load());
        }
    }

    /**
     * Which phases a simulation class runs (accounts, consents, v7), as its constructor declares them;
     * an unknown class is taken to run them all, so no threshold is refused for it.
     */
    public static boolean[] phasesOf(String simulationClass) {
        String simple = simulationClass == null ? "" : simulationClass.substring(simulationClass.lastIndexOf('.') + 1);
        return switch (simple.toLowerCase(Locale.ROOT)) {
            case "accountssimulation" -> new boolean[] {true, false, false};
            case "consentssimulation" -> new boolean[] {false, true, false};
            case "v7sweepsimulation" -> new boolean[] {false, false, true};
            default -> new boolean[] {true, true, true};
        };
    }
}
