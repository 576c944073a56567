package obp.loadtest.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
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
 *
 * <p>To tell Gatling's own machinery that the product uses from the product's own work, each of the product's
 * Gatling-level additions can be switched on alone, with nothing of ours in it: {@code bench.groups=true} puts the
 * requests in three group blocks per sweep (the product's report paths), {@code bench.actions=true} adds the two
 * actions the product runs after each request (an exec and the stop gate), {@code bench.checks=true} the product's
 * second check (a condition on every response that reads its status and a header).
 * {@code bench.rate=N} runs the open model instead, as the product's {@code --rate-v7}: N new users a second for
 * bench.duration, each sweeping once.
 */
public class BareSweepSimulation extends LoopBenchSimulation {

    private static final int GROUPS = 3;

    public BareSweepSimulation() {
        super(benchDuration(30));
        boolean groups = Boolean.getBoolean("bench.groups");
        boolean actions = Boolean.getBoolean("bench.actions");
        boolean checks = Boolean.getBoolean("bench.checks");
        String token = DirectLogin.token(System.getenv("OBP_BENCH_TOKEN"));
        List<ChainBuilder> requests = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of(System.getProperty("bench.paths")))) {
                String[] f = line.split(" ");
                HttpRequestActionBuilder r = http(f[0]).get(f[0]);
                if (Boolean.parseBoolean(f[1])) r = r.header(DirectLogin.HEADER, token);
                r = r.check(status().is(200));
                if (checks)
                    r = r.checkIf((response, session) -> response.status().code() >= 400
                                    && response.headers().get("X-OBP-Version-Served") != null)
                            .then(status().is(200));
                ChainBuilder request = exec(r);
                if (actions)
                    request = request.exec(session -> session).exec(stopLoadGeneratorIf("x", Session::isFailed));
                requests.add(request);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChainBuilder sweep = exec(requests);
        if (groups) {
            List<ChainBuilder> blocks = new ArrayList<>();
            int size = (requests.size() + GROUPS - 1) / GROUPS;
            for (int i = 0; i < requests.size(); i += size)
                blocks.add(group("group " + (i / size + 1))
                        .on(exec(requests.subList(i, Math.min(requests.size(), i + size)))));
            sweep = exec(blocks);
        }
        // At a fixed rate, the open model as the product's --rate-v7: each new user sweeps once.
        int rate = Integer.getInteger("bench.rate", 0);
        ScenarioBuilder bare = scenario("bare sweep").exec(rate > 0 ? sweep : untilLoadPhaseEnds(sweep));
        setUp(bare.injectOpen(rate > 0 ? constantUsersPerSec(rate).during(benchDuration(30)) : atOnceUsers(WORKERS)))
                .protocols(protocol);
    }
}
