package obp.loadtest.bench;

import java.time.Duration;
import obp.loadtest.setup.ObpClient;
import obp.loadtest.setup.Provisioner;

/**
 * Times the provisioning of N v7 users (with their roles) against a running server, once with one
 * request in flight (serial) and once with ObpClient's default bound, alternating, RUNS times.
 * Usage: ProvisioningBenchmark URL CONSUMER_KEY [USERS=50] [RUNS=3]; prints one BENCH line per run.
 */
public final class ProvisioningBenchmark {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ProvisioningBenchmark() {}

    public static void main(String[] args) {
        String url = args[0];
        String key = args[1];
        int users = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        // A small warm-up of both paths so the JIT does not bill the first timed run.
        seconds(url, key, 5, 1);
        seconds(url, key, 5, ObpClient.MAX_IN_FLIGHT);
        for (int run = 1; run <= runs; run++) {
            for (int limit : new int[] {1, ObpClient.MAX_IN_FLIGHT}) {
                System.out.printf(
                        "BENCH provision run=%d limit=%d users=%d seconds=%.3f%n",
                        run, limit, users, seconds(url, key, users, limit));
            }
        }
    }

    private static double seconds(String url, String key, int users, int limit) {
        long start = System.nanoTime();
        try (ObpClient client = new ObpClient(url, key, TIMEOUT, limit)) {
            new Provisioner(client, line -> {}).provision(new Provisioner.Plan("", "", users, true, false));
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
