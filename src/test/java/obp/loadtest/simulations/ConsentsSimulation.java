package obp.loadtest.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.Optional;
import obp.loadtest.run.ObpRun;
import obp.loadtest.scenarios.ConsentsScenario;

/** Setup, then the consents phase alone: one virtual user runs --loop-consents create/use/revoke loops. */
public class ConsentsSimulation extends Simulation {

    private final ObpRun run = ObpRun.start(new ObpRun.Phases(false, true, false));

    {
        setUp(run.inSequence(consents(run))).protocols(run.protocol()).assertions(run.assertions());
    }

    /** One user creating, using and revoking consents, --loop-consents times (this generator's share). */
    static Optional<PopulationBuilder> consents(ObpRun run) {
        return run.shareOf(run.settings().loopConsents())
                .map(loops -> scenario("consents")
                        .exec(ConsentsScenario.loop(run.fixture(), run.timed(), loops))
                        .injectOpen(atOnceUsers(1)));
    }

    @Override
    public void after() {
        run.finish();
    }
}
