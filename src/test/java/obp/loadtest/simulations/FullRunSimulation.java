package obp.loadtest.simulations;

import io.gatling.javaapi.core.Simulation;
import obp.loadtest.run.ObpRun;

/**
 * The whole run, as {@code ./run.sh} does it: setup, then the phases one after another. Each
 * phase's load shape is in its own simulation: {@link AccountsSimulation}, {@link
 * ConsentsSimulation}, {@link V7SweepSimulation}. A phase whose loop count is 0 is left out.
 */
public class FullRunSimulation extends Simulation {

    private final ObpRun run = ObpRun.start(new ObpRun.Phases(true, true, true));

    {
        setUp(run.inSequence(
                        AccountsSimulation.accounts(run),
                        ConsentsSimulation.consents(run),
                        V7SweepSimulation.roundTrip(run),
                        V7SweepSimulation.workers(run)))
                .protocols(run.protocol())
                .assertions(run.assertions());
    }

    @Override
    public void after() {
        run.finish();
    }
}
