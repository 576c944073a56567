package obp.loadtest.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import obp.loadtest.config.Settings;
import obp.loadtest.run.CapacitySearch;
import obp.loadtest.run.ObpRun;
import obp.loadtest.scenarios.V7Sweep;

/**
 * Setup, then the v7.0.0 sweep alone: the bootstrap user's write round trip and the calibration
 * (one user, alone), then the workers in one of four load shapes chosen by the settings.
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

    /** The measured sweep. */
    static Optional<PopulationBuilder> workers(ObpRun run) {
        Settings s = run.settings();
        if (!s.sweepRuns()) return Optional.empty();
        ChainBuilder sweep = V7Sweep.sweep(run.fixture(), run.timed(), s.stallProbe());
        Duration ramp = s.rampV7();
        int workers = run.share(s.workersV7());
        CapacitySearch search = run.search();
        if (search != null) {
            // --search-v7: closed-model stairs of 1, 2, 4… concurrent workers, each level held
            // --search-step-duration, each worker sweeping once and replaced at once; stops when a level fails.
            return Optional.of(scenario("v7 sweep")
                    .feed(V7Sweep.workers(run.fixture(), Integer.MAX_VALUE))
                    .exec(search.levelBegins(), sweep, search.stopWhenALevelFails())
                    .injectClosed(search.stairs()));
        }
        if (s.rateV7() > 0) {
            // --rate-v7: the open model. New users start --rate-v7 sweeps a second for --duration-v7 (after
            // a ramp from 0), each sweeping once; a slow server shows in latency, not in a slower load.
            int rate = run.share(s.rateV7());
            return Optional.of(scenario("v7 sweep")
                    .feed(V7Sweep.workers(run.fixture(), Integer.MAX_VALUE))
                    .exec(sweep)
                    .injectOpen(rampThenHold(
                            ramp,
                            () -> rampUsersPerSec(0).to(rate).during(ramp),
                            constantUsersPerSec(rate).during(s.durationV7()))));
        }
        if (s.durationV7().isZero()) {
            // --loop-v7: exactly --workers-v7 workers × --loop-v7 sweeps, started at once or over --ramp-v7
            // (open injection: a closed model would replace workers that finish and overrun the count).
            return Optional.of(scenario("v7 sweep")
                    .feed(V7Sweep.workers(run.fixture(), workers))
                    .exec(V7Sweep.loops(sweep, s.loopV7()))
                    .injectOpen(
                            ramp.isZero()
                                    ? atOnceUsers(workers)
                                    : rampUsers(workers).during(ramp)));
        }
        // --duration-v7: a closed model holding --workers-v7 concurrent workers (after a ramp from 0),
        // each sweeping back to back until one shared deadline.
        long deadlineMs = ramp.plus(s.durationV7()).toMillis();
        return Optional.of(scenario("v7 sweep")
                .feed(V7Sweep.workers(run.fixture(), workers))
                .exec(V7Sweep.until(sweep, deadlineMs, System::currentTimeMillis))
                .injectClosed(rampThenHold(
                        ramp,
                        () -> rampConcurrentUsers(0).to(workers).during(ramp),
                        constantConcurrentUsers(workers).during(s.durationV7()))));
    }

    /** The ramp from 0 when one is set, then the hold. */
    private static <T> List<T> rampThenHold(Duration ramp, Supplier<? extends T> rampUp, T hold) {
        return ramp.isZero() ? List.of(hold) : List.of(rampUp.get(), hold);
    }

    @Override
    public void after() {
        run.finish();
    }
}
