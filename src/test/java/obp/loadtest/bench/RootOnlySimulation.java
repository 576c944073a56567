package obp.loadtest.bench;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import obp.loadtest.obp.ObpApi;

/**
 * Benchmark load: N workers looping GET /obp/v7.0.0/root for a fixed time, with no live lines and
 * no per-request bookkeeping of ours, so what it costs is Gatling's own cost. Settings are -D
 * properties, each with a default: bench.url, bench.workers (40), bench.duration (10 s),
 * bench.ramp (0 s). Prints "BENCH start|end cpu_s=..." for the load phase's CPU and GC.
 */
public class RootOnlySimulation extends Simulation {

    private static final String URL = System.getProperty("bench.url", "http://127.0.0.1:8080");
    private static final int WORKERS = Integer.getInteger("bench.workers", 40);
    private static final Duration DURATION = Duration.ofSeconds(Integer.getInteger("bench.duration", 10));
    private static final Duration RAMP = Duration.ofSeconds(Integer.getInteger("bench.ramp", 0));

    /** The project's protocol settings (ObpRun.protocol): no warm-up, since it would call an outside host. */
    private final HttpProtocolBuilder protocol = http.baseUrl(URL)
            .acceptHeader("application/json")
            .contentTypeHeader("application/json")
            .disableWarmUp()
            .disableCaching()
            .disableFollowRedirect()
            .disableAutoReferer();

    private volatile long deadline;

    private final ScenarioBuilder root = scenario("root only")
            .exec(asLongAs(session -> System.nanoTime() < deadline)
                    .on(http("GET /root").get(ObpApi.V7 + "/root").check(status().is(200))));

    {
        setUp(root.injectOpen(
                        RAMP.isZero()
                                ? atOnceUsers(WORKERS)
                                : rampUsers(WORKERS).during(RAMP)))
                .protocols(protocol);
    }

    @Override
    public void before() {
        deadline = System.nanoTime() + RAMP.plus(DURATION).toNanos();
        System.out.println(ProcessCpu.line("start"));
    }

    @Override
    public void after() {
        System.out.println(ProcessCpu.line("end"));
    }
}
