package obp.loadtest.simulations;

import obp.loadtest.run.ObpRun;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.ArrayList;
import java.util.List;
import obp.loadtest.run.RunOutcome;

/**
 * Settings → setup → phases in order → assertions. Subclasses choose the phases; a phase whose
 * loop count is 0 is left out, as the Go tool did.
 */
abstract class ObpSimulation extends Simulation {

    private final ObpRun run;

    ObpSimulation(ObpRun.Phases phases) {
        run = ObpRun.start(phases);
        var s = run.settings();
        List<PopulationBuilder> populations = new ArrayList<>();
        if (phases.accounts() && s.loopAccounts() > 0) populations.add(Populations.accounts(run));
        if (phases.consents() && s.loopConsents() > 0) populations.add(Populations.consents(run));
        if (phases.v7() && s.sweepRuns()) {
            populations.add(Populations.v7RoundTrip(run));
            populations.add(Populations.v7Workers(run));
        }
        if (populations.isEmpty()) {
            System.err.println("obp-loadtest: nothing to run: this simulation's loop counts are all 0");
            RunOutcome.write(RunOutcome.USAGE_ERROR);
            System.exit(RunOutcome.USAGE_ERROR);
        }
        setUp(Populations.inSequence(populations)).protocols(run.protocol()).assertions(run.assertions());
    }

    @Override
    public void after() {
        run.finish();
    }
}
