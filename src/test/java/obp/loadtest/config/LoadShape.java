package obp.loadtest.config;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The v7 sweep's measured load, in one of four shapes, decided once from the settings ({@link Settings#loadShape}):
 * each knows its Gatling injection profile and its one-line description (the banner's, the summary's
 * {@code settings.load-shape}, so the verdict page's). The counts are the whole run's; {@link #share} gives a
 * shard's part. The simulation keeps the scenario (what each worker sweeps); the shape says how workers arrive.
 * Which settings make two runs of one shape is {@link RunShape}.
 */
public sealed interface LoadShape {

    /** The settings that decide the load shape: the v7 sweep's part of {@link RunShape#COMPARABLE}. */
    List<String> SETTINGS = List.of(
            "workers-v7",
            "users-v7",
            "loop-v7",
            "duration-v7",
            "ramp-v7",
            "rate-v7",
            "search-v7",
            "search-max-workers",
            "search-step-duration",
            "preset");

    /** The shape the settings ask for: the search, else the open model (a rate), else loops or a duration. */
    static LoadShape of(Settings s) {
        if (s.searchV7()) return new Search(s.searchMaxWorkers(), s.searchStepDuration());
        if (s.rateV7() > 0) return new OpenRate(s.rateV7(), s.durationV7(), s.rampV7(), s.usersV7(), s.preset());
        if (s.durationV7().isZero()) return new Loops(s.workersV7(), s.loopV7(), s.rampV7(), s.usersV7(), s.preset());
        return new Lasting(s.workersV7(), s.durationV7(), s.rampV7(), s.usersV7(), s.preset());
    }

    /** One line for the banner and the page, the whole run's counts: "4 workers × 3 loops, 1 user, ramp 10s". */
    String describe();

    /** A shard's part of this shape: its share of the workers or of the rate (the search's stairs stay whole). */
    LoadShape share(Shard shard);

    /** The scenario injected with this shape's profile (open or closed model, as the shape is). */
    PopulationBuilder inject(ScenarioBuilder scenario);

    /**
     * --loop-v7: exactly {@code workers} workers × {@code loops} sweeps, started at once or over the ramp (open
     * injection: a closed model would replace workers that finish and overrun the count).
     */
    record Loops(int workers, int loops, Duration ramp, int users, Preset preset) implements LoadShape {
        @Override
        public String describe() {
            return workers + " workers × " + loops + " loops, " + closedTail(users, ramp, preset);
        }

        @Override
        public Loops share(Shard shard) {
            return new Loops(shard.share(workers), loops, ramp, users, preset);
        }

        public List<OpenInjectionStep> injection() {
            return List.of(
                    ramp.isZero() ? atOnceUsers(workers) : rampUsers(workers).during(ramp));
        }

        @Override
        public PopulationBuilder inject(ScenarioBuilder scenario) {
            return scenario.injectOpen(injection());
        }
    }

    /**
     * --duration-v7: a closed model holding {@code workers} concurrent workers (after a ramp from 0), each
     * sweeping back to back until one shared {@link #deadline}.
     */
    record Lasting(int workers, Duration duration, Duration ramp, int users, Preset preset) implements LoadShape {
        @Override
        public String describe() {
            return workers + " workers × " + Durations.format(duration) + ", " + closedTail(users, ramp, preset);
        }

        @Override
        public Lasting share(Shard shard) {
            return new Lasting(shard.share(workers), duration, ramp, users, preset);
        }

        /** When the workers stop starting sweeps, from the start of the injection: the ramp and the hold. */
        public Duration deadline() {
            return ramp.plus(duration);
        }

        public List<ClosedInjectionStep> injection() {
            return rampThenHold(
                    ramp,
                    () -> rampConcurrentUsers(0).to(workers).during(ramp),
                    constantConcurrentUsers(workers).during(duration));
        }

        @Override
        public PopulationBuilder inject(ScenarioBuilder scenario) {
            return scenario.injectClosed(injection());
        }
    }

    /**
     * --rate-v7: the open model. New users start {@code rate} sweeps a second for {@code duration} (after a ramp
     * from 0), each sweeping once; a slow server shows in latency, not in a slower load.
     */
    record OpenRate(int rate, Duration duration, Duration ramp, int users, Preset preset) implements LoadShape {
        @Override
        public String describe() {
            return "open model, " + rate + " sweeps/s × " + Durations.format(duration)
                    + (ramp.isZero() ? "" : ", ramp " + Durations.format(ramp)) + ", " + users + " user(s)"
                    + presetTail(preset);
        }

        @Override
        public OpenRate share(Shard shard) {
            return new OpenRate(shard.share(rate), duration, ramp, users, preset);
        }

        public List<OpenInjectionStep> injection() {
            return rampThenHold(
                    ramp,
                    () -> rampUsersPerSec(0).to(rate).during(ramp),
                    constantUsersPerSec(rate).during(duration));
        }

        @Override
        public PopulationBuilder inject(ScenarioBuilder scenario) {
            return scenario.injectOpen(injection());
        }
    }

    /**
     * --search-v7: closed-model stairs of 1, 2, 4… concurrent workers up to {@code maxWorkers}, each level held
     * {@code step}, each worker sweeping once and replaced at once (run/CapacitySearch stops the load when a level
     * fails and judges the levels).
     */
    record Search(int maxWorkers, Duration step) implements LoadShape {
        public Search {
            if (maxWorkers < 1) throw new IllegalArgumentException("max workers must be at least 1, got " + maxWorkers);
        }

        /** The levels' workers: 1, 2, 4, 8… doubling up to {@code maxWorkers}, which is always the last level. */
        public List<Integer> levels() {
            List<Integer> out = new ArrayList<>();
            for (int n = 1; n < maxWorkers; n *= 2) out.add(n);
            out.add(maxWorkers);
            return List.copyOf(out);
        }

        @Override
        public String describe() {
            List<Integer> w = levels();
            return "capacity search " + w.get(0) + "→" + w.get(w.size() - 1) + " workers (" + w + "), "
                    + Durations.format(step) + " a level";
        }

        /** Every shard climbs the whole stairs, as before shapes were one type. */
        @Override
        public Search share(Shard shard) {
            return this;
        }

        /** The stairs: each level a constant number of concurrent workers, held one step. */
        public List<ClosedInjectionStep> injection() {
            List<ClosedInjectionStep> stairs = new ArrayList<>();
            for (int n : levels()) stairs.add(constantConcurrentUsers(n).during(step));
            return stairs;
        }

        @Override
        public PopulationBuilder inject(ScenarioBuilder scenario) {
            return scenario.injectClosed(injection());
        }
    }

    /** The closed shapes' end of line: "1 user, ramp 10s (preset stress)". */
    private static String closedTail(int users, Duration ramp, Preset preset) {
        return users + " user" + (users == 1 ? "" : "s") + (ramp.isZero() ? "" : ", ramp " + Durations.format(ramp))
                + presetTail(preset);
    }

    private static String presetTail(Preset preset) {
        return preset == Preset.NONE ? "" : " (preset " + preset.label() + ")";
    }

    /** The ramp from 0 when one is set, then the hold. */
    private static <T> List<T> rampThenHold(Duration ramp, Supplier<? extends T> rampUp, T hold) {
        return ramp.isZero() ? List.of(hold) : List.of(rampUp.get(), hold);
    }
}
