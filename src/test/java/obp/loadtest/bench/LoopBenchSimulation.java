package obp.loadtest.bench;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;

/**
 * What the bare benchmark loads share: bench.url and bench.workers (40), the project's protocol settings, workers
 * that loop their requests until the load phase ends, and "BENCH start|end cpu_s=..." lines around that phase.
 */
public abstract class LoopBenchSimulation extends Simulation {

    static final String URL = System.getProperty("bench.url", "http://127.0.0.1:8080");
    static final int WORKERS = Integer.getInteger("bench.workers", 40);

    /** The project's protocol settings (ObpRun.protocol): no warm-up, since it would call an outside host. */
    final HttpProtocolBuilder protocol = http.baseUrl(URL)
            .acceptHeader("application/json")
            .contentTypeHeader("application/json")
            .disableWarmUp()
            .disableCaching()
            .disableFollowRedirect()
            .disableAutoReferer();

    private final Duration loadPhase;
    private volatile long deadline;

    /** {@code loadPhase}: from the start of the simulation to when every worker stops looping. */
    LoopBenchSimulation(Duration loadPhase) {
        this.loadPhase = loadPhase;
    }

    /** bench.duration in seconds, or {@code fallback}. */
    static Duration benchDuration(int fallback) {
        return Duration.ofSeconds(Integer.getInteger("bench.duration", fallback));
    }

    /** {@code requests} again and again until the load phase ends. */
    ChainBuilder untilLoadPhaseEnds(ChainBuilder requests) {
        return asLongAs(session -> System.nanoTime() < deadline).on(requests);
    }

    @Override
    public void before() {
        deadline = System.nanoTime() + loadPhase.toNanos();
        System.out.println(ProcessCpu.line("start"));
    }

    @Override
    public void after() {
        System.out.println(ProcessCpu.line("end"));
    }
}
