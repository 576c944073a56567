package obp.loadtest.simulations;

import obp.loadtest.run.ObpRun;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import java.util.ArrayList;
import java.util.List;
import obp.loadtest.config.Settings;
import obp.loadtest.scenarios.AccountsScenario;
import obp.loadtest.scenarios.ConsentsScenario;
import obp.loadtest.scenarios.V7Sweep;

/** The run's phases as Gatling populations, chained to run one after another. */
final class Populations {

    private Populations() {}

    static PopulationBuilder accounts(ObpRun run) {
        return scenario("accounts + views").exec(AccountsScenario.loop(run.fixture(), run.timed(), share(run, run.settings().loopAccounts())))
                .injectOpen(atOnceUsers(1));
    }

    static PopulationBuilder consents(ObpRun run) {
        return scenario("consents").exec(ConsentsScenario.loop(run.fixture(), run.timed(), share(run, run.settings().loopConsents())))
                .injectOpen(atOnceUsers(1));
    }

    /** The bootstrap user's v7 write round trip; then pool sampling starts, and the calibration sweeps alone. */
    static PopulationBuilder v7RoundTrip(ObpRun run) {
        ChainBuilder calibration = run.settings().calibration()
                ? V7Sweep.calibration(run.fixture(), run.timed(), ObpRun.CALIBRATION_SWEEPS, ObpRun.CALIBRATION_BUDGET, run::calibrated)
                : exec(session -> {
                    run.calibrated();
                    return session;
                });
        return scenario("v7 round trip").exec(V7Sweep.roundTrip(run.fixture(), run.timed()))
                .exec(session -> {
                    run.sampler().start();
                    return session;
                })
                .exec(calibration)
                .injectOpen(atOnceUsers(1));
    }

    /**
     * The workers. With loop counts: exactly N workers × L sweeps (a closed model would replace
     * workers that finish and overrun the count). With a duration: a closed model holding N
     * concurrent workers, each sweeping until one shared deadline.
     */
    static PopulationBuilder v7Workers(ObpRun run) {
        Settings s = run.settings();
        ChainBuilder sweep = V7Sweep.sweep(run.fixture(), run.timed(), s.stallProbe());
        int n = share(run, s.workersV7());
        if (run.search() != null) return run.search().population(run, sweep);
        if (s.rateV7() > 0) return openV7(run, sweep);
        if (s.durationV7().isZero()) {
            return scenario("v7 sweep").feed(V7Sweep.workers(run.fixture(), n)).exec(V7Sweep.loops(sweep, s.loopV7()))
                    .injectOpen(s.rampV7().isZero() ? atOnceUsers(n) : rampUsers(n).during(s.rampV7()));
        }
        List<ClosedInjectionStep> shape = new ArrayList<>();
        if (!s.rampV7().isZero()) shape.add(rampConcurrentUsers(0).to(n).during(s.rampV7()));
        shape.add(constantConcurrentUsers(n).during(s.durationV7()));
        long sweepMillis = s.rampV7().plus(s.durationV7()).toMillis();
        return scenario("v7 sweep").feed(V7Sweep.workers(run.fixture(), n))
                .exec(V7Sweep.until(sweep, sweepMillis, System::currentTimeMillis))
                .injectClosed(shape.toArray(ClosedInjectionStep[]::new));
    }

    /**
     * The open model: {@code --rate-v7} sweeps start every second for {@code --duration-v7} (after
     * a ramp from 0 when one is set), each by a new virtual user that sweeps once and leaves. New
     * sweeps keep starting while the server is slow, so its slowness shows in the latencies
     * instead of slowing the load down (coordinated omission).
     */
    private static PopulationBuilder openV7(ObpRun run, ChainBuilder sweep) {
        Settings s = run.settings();
        List<OpenInjectionStep> shape = new ArrayList<>();
        int rate = share(run, s.rateV7());
        if (!s.rampV7().isZero()) shape.add(rampUsersPerSec(0).to(rate).during(s.rampV7()));
        shape.add(constantUsersPerSec(rate).during(s.durationV7()));
        return scenario("v7 sweep").feed(V7Sweep.workers(run.fixture(), Integer.MAX_VALUE)).exec(sweep)
                .injectOpen(shape.toArray(OpenInjectionStep[]::new));
    }

    /** This generator's part of a total (--shard I/N: as even as possible; the whole total without --shard). */
    private static int share(ObpRun run, int total) {
        return run.settings().shard().map(sh -> sh.share(total)).orElse(total);
    }

    /** Runs the populations in order, each after the previous one has finished. */
    static PopulationBuilder inSequence(List<PopulationBuilder> phases) {
        PopulationBuilder chain = phases.get(phases.size() - 1);
        for (int i = phases.size() - 2; i >= 0; i--) chain = phases.get(i).andThen(chain);
        return chain;
    }
}
