package obp.loadtest.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import obp.loadtest.obp.ObpApi;

/**
 * Benchmark load: N workers looping GET /obp/v7.0.0/root for a fixed time, with no live lines and
 * no per-request bookkeeping of ours, so what it costs is Gatling's own cost. Settings are -D
 * properties, each with a default: bench.url, bench.workers (40), bench.duration (10 s),
 * bench.ramp (0 s). Prints "BENCH start|end cpu_s=..." for the load phase's CPU and GC.
 */
public class RootOnlySimulation extends LoopBenchSimulation {

    private static final Duration RAMP = Duration.ofSeconds(Integer.getInteger("bench.ramp", 0));

    public RootOnlySimulation() {
        super(RAMP.plus(benchDuration(10)));
        ScenarioBuilder root = scenario("root only")
                .exec(untilLoadPhaseEnds(
                        exec(http("GET /root").get(ObpApi.V7 + "/root").check(status().is(200)))));
        setUp(root.injectOpen(
                        RAMP.isZero()
                                ? atOnceUsers(WORKERS)
                                : rampUsers(WORKERS).during(RAMP)))
                .protocols(protocol);
    }
}
