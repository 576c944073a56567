package obp.loadtest.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import obp.loadtest.obp.DirectLogin;

/**
 * The floor for the product-path measure: the sweep's paths (from SweepTarget's .paths file) with
 * the same DirectLogin header, looped by N workers in bare Gatling: one status check per request,
 * no groups, nothing of ours per request. Settings: bench.url, bench.paths, bench.workers (40),
 * bench.duration (30 s); the token comes from OBP_BENCH_TOKEN.
 */
public class BareSweepSimulation extends LoopBenchSimulation {

    public BareSweepSimulation() {
        super(benchDuration(30));
        String token = DirectLogin.token(System.getenv("OBP_BENCH_TOKEN"));
        List<ChainBuilder> requests = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of(System.getProperty("bench.paths")))) {
                String[] f = line.split(" ");
                HttpRequestActionBuilder r = http(f[0]).get(f[0]);
                if (Boolean.parseBoolean(f[1])) r = r.header(DirectLogin.HEADER, token);
                requests.add(exec(r.check(status().is(200))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ScenarioBuilder sweep = scenario("bare sweep").exec(untilLoadPhaseEnds(exec(requests)));
        setUp(sweep.injectOpen(atOnceUsers(WORKERS))).protocols(protocol);
    }
}
