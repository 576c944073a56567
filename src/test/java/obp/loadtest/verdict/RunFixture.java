package obp.loadtest.verdict;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A run's evidence built from answers as a server gives them (status, duration, OBP's message), each
 * classified by the real {@link Classifier} against the calibration and the pool's acquire timeout,
 * exactly as the recorder does. Tests of the verdict rules start here, never from our own sentences.
 */
final class RunFixture {

    static final String ROOT = "GET /root";
    static final String CURRENT_USER = "GET /users/current";
    static final String USERS = "GET /users";
    static final String CACHE_INFO = "GET /system/cache/info";
    static final String USER_BY_ID = "GET /users/user-id/USER_ID";
    static final String STALL_PROBE = "GET /system/connectors/stored_procedure_vDec2019/health";
    static final List<String> ORDINARY = List.of(ROOT, CURRENT_USER, USERS, CACHE_INFO, USER_BY_ID);

    static final String HIKARI_30S =
            "OBP-50000: Unknown Error.: HikariPool-1 - Connection is not available, request timed out after 30000ms.";
    static final String UNKNOWN_ERROR = "OBP-50000: Unknown Error.";

    static VerdictThresholds thresholds(boolean strict) {
        return new VerdictThresholds(
                Duration.ofSeconds(30), Duration.ofSeconds(5), 0.9, 0.5, 0.5, 10, Duration.ofMillis(100), 0.1, strict);
    }

    final SweepStats stats = new SweepStats();
    final Calibration calibration = new Calibration(5_000);
    final PoolEvidence pool = new PoolEvidence(Duration.ofSeconds(1));
    final GeneratorEvidence generator = new GeneratorEvidence(false);
    final Timeline timeline = new Timeline();
    final ServerRefusals refusals = new ServerRefusals();
    private final AtomicLong acquireTimeoutMs = new AtomicLong();
    private final Classifier classifier = new Classifier(thresholds(false), acquireTimeoutMs::get);
    private boolean calibrationFinished;
    private long clockMs;

    /** The five ordinary endpoints and the stall probe, registered in sweep order. */
    RunFixture() {
        stats.endpoint(ROOT, "v7 no-auth", false);
        stats.endpoint(CURRENT_USER, "v7 user", false);
        stats.endpoint(USERS, "v7 role-gated", false);
        stats.endpoint(CACHE_INFO, "v7 role-gated", false);
        stats.endpoint(USER_BY_ID, "v7 role-gated", false);
        stats.endpoint(STALL_PROBE, "v7 stall probe", true);
        generator.cpu(0.3, 0.4);
        generator.lag(1);
    }

    /** Every ordinary endpoint took this long alone, three times. */
    RunFixture calibrated(long ms) {
        for (int i = 0; i < 3; i++) ORDINARY.forEach(e -> calibration.record(e, ms, true));
        return finishCalibration();
    }

    RunFixture calibratedAs(String endpoint, long ms, boolean ok) {
        calibration.record(endpoint, ms, ok);
        return this;
    }

    RunFixture finishCalibration() {
        calibration.finish();
        calibrationFinished = true;
        return this;
    }

    /** The pool endpoint reported connection_timeout_ms. */
    RunFixture serverAcquireTimeout(long ms) {
        acquireTimeoutMs.set(ms);
        return this;
    }

    /** times answers of one endpoint; expected says whether the run accepts this status. */
    RunFixture answers(String endpoint, int times, int status, boolean expected, long ms, String message) {
        if (!calibrationFinished) finishCalibration();
        EndpointStats e = stats.all().stream()
                .filter(x -> x.name().equals(endpoint))
                .findFirst()
                .orElseThrow();
        for (int i = 0; i < times; i++) {
            Classification c = classifier.classify(status, expected, ms, message, calibration.baselineMs(endpoint));
            e.record(status, null, ms, c);
            timeline.record(e.group(), clockMs, ms, c.outcome(), 1);
            clockMs += 10;
        }
        return this;
    }

    /** times 429s from a limiter, recorded as the recorder does (the headers as OBP sends them). */
    RunFixture rateLimited(String endpoint, int times, String message, String limit, String reset) {
        answers(endpoint, times, 429, false, 3, message);
        for (int i = 0; i < times; i++)
            refusals.rateLimited(endpoint, ServerRefusals.Phase.LOAD, 429, message, limit, reset, clockMs);
        return this;
    }

    /** times 503 OBP-10040 answers, the first at inFlight requests in flight. */
    RunFixture shed(String endpoint, int times, int inFlight) {
        String message = "OBP-10040: The Service is too busy, please try it later.";
        answers(endpoint, times, 503, false, 2, message);
        for (int i = 0; i < times; i++) refusals.shed(endpoint, message, clockMs, inFlight + i);
        return this;
    }

    /** The sample after the last request answered: active busy with nothing in flight. */
    RunFixture afterLoadSample(long tMs, int active, int max) {
        pool.sample(tMs, active, max - active, max, 0, max, acquireTimeoutMs.get(), 0, 5);
        pool.afterLoad(tMs);
        return this;
    }

    RunFixture ok(String endpoint, int times, long ms) {
        return answers(endpoint, times, 200, true, ms, null);
    }

    /** n fast 200s on every ordinary endpoint. */
    RunFixture healthy(int n, long ms) {
        ORDINARY.forEach(e -> ok(e, n, ms));
        return this;
    }

    RunFixture noAnswer(String endpoint, int times, long ms) {
        return answers(endpoint, times, 0, false, ms, null);
    }

    RunFixture poolSamples(int n, int active, int waiting, int max, int inFlight) {
        for (int i = 0; i < n; i++)
            pool.sample(
                    1000L * (pool.samples() + 1),
                    active,
                    Math.max(0, max - active),
                    max,
                    waiting,
                    max,
                    acquireTimeoutMs.get(),
                    inFlight,
                    5);
        return this;
    }

    RunFixture calibrationPoolSamples(int n, int active, int max, int inFlight) {
        for (int i = 0; i < n; i++)
            pool.sample(-100L * (i + 1), active, max - active, max, 0, max, acquireTimeoutMs.get(), inFlight, 5);
        return this;
    }

    RunFixture failedPoolSamples(int n, String reason, int inFlight) {
        for (int i = 0; i < n; i++) pool.failedSample(1000L * (i + 1), reason, inFlight, 30_000);
        return this;
    }

    RunFixture generatorBusy(double cpu, long lagMs) {
        for (int i = 0; i < 100; i++) {
            generator.cpu(cpu, cpu);
            generator.lag(lagMs);
        }
        return this;
    }

    RunEvidence evidence() {
        return new RunEvidence(stats, calibration, pool, generator, timeline, refusals);
    }

    Diagnosis decide() {
        return new VerdictRules(thresholds(false)).decide(evidence());
    }

    Diagnosis decideStrict() {
        return new VerdictRules(thresholds(true)).decide(evidence());
    }
}
