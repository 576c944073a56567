package obp.loadtest.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.Optional;
import obp.loadtest.config.LoadShape;
import obp.loadtest.config.Settings;
import obp.loadtest.run.CapacitySearch;
import obp.loadtest.run.ObpRun;
import obp.loadtest.scenarios.V7Sweep;

/**
 * Setup, then the v7.0.0 sweep alone: the bootstrap user's write round trip and the calibration
 * (one user, alone), then the workers in one of four load shapes ({@code config/LoadShape}) chosen by the settings.
 */
public class V7SweepSimulation extends Simulation {

    private final ObpRun run = ObpRun.start(new ObpRun.Phases(false, false, true));

    {
        setUp(run.inSequence(roundTrip(run), workers(run)))
                .protocols(run.protocol())
                .assertions(run.assertions());
    }

    /** One user: the write round trip; then pool sampling starts and the calibration sweeps alone. */
    static Optional<PopulationBuilder> roundTrip(ObpRun run) {
        if (!run.settings().sweepRuns()) return Optional.empty();
        return Optional.of(scenario("v7 round trip")
                .exec(V7Sweep.roundTrip(run.fixture(), run.timed()))
                .exec(run.startPoolSampling())
                .exec(run.calibration())
                .injectOpen(atOnceUsers(1)));
    }

    /** The measured sweep: what each worker sweeps is written here; how workers arrive is the load shape's. */
    static Optional<PopulationBuilder> workers(ObpRun run) {
        Settings s = run.settings();
        if (!s.sweepRuns()) return Optional.empty();
        ChainBuilder sweep = V7Sweep.sweep(run.fixture(), run.timed(), s.stallProbe());
        LoadShape whole = s.loadShape();
        LoadShape shape = s.shard().map(whole::share).orElse(whole);
        ScenarioBuilder v7;
        if (shape instanceof LoadShape.Search) {
            // Each worker sweeps once, stamped with its level; the load stops when a level fails.
            CapacitySearch search = run.search();
            v7 = scenario("v7 sweep")
                    .feed(V7Sweep.workers(run.fixture(), Integer.MAX_VALUE))
                    .exec(search.levelBegins(), sweep, search.stopWhenALevelFails());
        } else if (shape instanceof LoadShape.OpenRate) {
            // Each new user sweeps once.
            v7 = scenario("v7 sweep")
                    .feed(V7Sweep.workers(run.fixture(), Integer.MAX_VALUE))
                    .exec(sweep);
        } else if (shape instanceof LoadShape.Loops loops) {
            v7 = scenario("v7 sweep")
                    .feed(V7Sweep.workers(run.fixture(), loops.workers()))
                    .exec(V7Sweep.loops(sweep, loops.loops()));
        } else {
            // Sweeping back to back until the one shared deadline.
            LoadShape.Lasting lasting = (LoadShape.Lasting) shape;
            v7 = scenario("v7 sweep")
                    .feed(V7Sweep.workers(run.fixture(), lasting.workers()))
                    .exec(V7Sweep.until(sweep, lasting.deadline().toMillis(), System::currentTimeMillis));
        }
        return Optional.of(shape.inject(v7));
    }

    /** The measured sweep has begun (the calibration is over): for the benchmark's subclass, which times it. */
    protected boolean sweepStarted() {
        return run.sweepStarted();
    }

    @Override
    public void after() {
        run.finish();
    }
}
