package obp.loadtest.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import obp.loadtest.e2e.Launcher.Result;
import obp.loadtest.emulator.FaultPlan;
import obp.loadtest.emulator.ObpEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pool is a time series over the whole sweep in every load shape, at the default interval (one a second): the
 * default run once wrote one sample, taken before the sweep. Each case is the default v7 sweep (1 worker × 3 loops,
 * the default pool-sample-interval) with every request held 150 ms so the sweep lasts several seconds, in one of
 * the shapes; the accounts and consents phases are left out (they are not sampled), and the stall probe, which
 * only waits out its timeout. The whole default ./run.sh is the same sweep after those phases.
 */
@Tag("e2e")
class PoolSeriesEndToEndTest {

    private static final Duration LIMIT = Duration.ofMinutes(3);
    private ObpEmulator emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) emulator.kill();
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "no calibration", "duration", "open model"})
    void thePoolSeriesSpansTheSweepAtLeastOnceASecond(String shape) throws Exception {
        emulator = ObpEmulator.start(
                FaultPlan.defaults().sandbox(true).latency("*", Duration.ofMillis(150), Duration.ZERO));
        List<String> args = new ArrayList<>(
                List.of("--loop-accounts", "0", "--loop-consents", "0", "--stall-probe", "false", "--keep"));
        switch (shape) {
            case "no calibration" -> args.addAll(List.of("--calibration", "false"));
            case "duration" -> args.addAll(List.of("--duration-v7", "5s", "--workers-v7", "2"));
            case "open model" -> args.addAll(List.of("--rate-v7", "1", "--duration-v7", "4s"));
            default -> {}
        }
        Result r = Launcher.run(Launcher.against(emulator, args.toArray(String[]::new)), LIMIT);
        assertTrue(r.exitCode() == 0 || r.exitCode() == 1, r.output());
        JsonNode pool = r.summary().path("pool");
        long sweepEndMs = 0;
        for (JsonNode g : r.summary().path("timeline").path("groups"))
            for (JsonNode p : g.path("points"))
                sweepEndMs = Math.max(sweepEndMs, (p.path("t_s").asLong() + 1) * 1000);
        List<Long> sweep = new ArrayList<>();
        for (JsonNode s : pool.path("series"))
            if (s.path("t_ms").asLong() >= 0) sweep.add(s.path("t_ms").asLong());
        assertTrue(sweepEndMs >= 3_000, shape + ": the sweep lasts a few seconds: " + sweepEndMs + " ms");
        assertTrue(
                sweep.size() >= sweepEndMs / 1000 - 1,
                shape + ": at least one sample a second over " + sweepEndMs + " ms, got " + sweep + "\n" + pool);
        assertTrue(sweep.get(0) < 1_500, shape + ": the series starts with the sweep: " + sweep);
        assertTrue(
                sweep.get(sweep.size() - 1) >= sweepEndMs - 1_500,
                shape + ": and ends with it (" + sweepEndMs + " ms): " + sweep);
        for (int i = 1; i < sweep.size(); i++)
            assertTrue(
                    sweep.get(i) - sweep.get(i - 1) <= 1_600, shape + ": no gap over an interval and a half: " + sweep);
        assertTrue(pool.path("after_load_t_ms").isNumber(), shape + ": sampled once more after the load: " + pool);
    }
}
