package obp.loadtest.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.Optional;
import obp.loadtest.run.ObpRun;
import obp.loadtest.scenarios.AccountsScenario;

/** Setup, then the accounts + views phase alone: one virtual user runs --loop-accounts loops. */
public class AccountsSimulation extends Simulation {

    private final ObpRun run = ObpRun.start(new ObpRun.Phases(true, false, false));

    {
        setUp(run.inSequence(accounts(run))).protocols(run.protocol()).assertions(run.assertions());
    }

    /** One user creating accounts and views, --loop-accounts times (this generator's share of them). */
    static Optional<PopulationBuilder> accounts(ObpRun run) {
        return run.shareOf(run.settings().loopAccounts())
                .map(loops -> scenario("accounts + views")
                        .exec(AccountsScenario.loop(run.fixture(), run.timed(), loops))
                        .injectOpen(atOnceUsers(1)));
    }

    @Override
    public void after() {
        run.finish();
    }
}
