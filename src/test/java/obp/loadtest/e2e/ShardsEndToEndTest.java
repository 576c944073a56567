package obp.loadtest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import obp.loadtest.e2e.Launcher.Result;
import obp.loadtest.emulator.FaultPlan;
import obp.loadtest.emulator.ObpEmulator;
import obp.loadtest.verdict.EndpointStats;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two shards as two processes against one emulator, then ./run.sh merge: counts are the sums, percentiles
 * those of one histogram of every request, and the verdict and exit code those of a single run of the same
 * total load. A missing or foreign shard is refused in one line (exit 2).
 */
@Tag("e2e")
class ShardsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path OUT = Launcher.ROOT.resolve("target/e2e");
    private ObpEmulator emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) emulator.kill();
    }

    @Test
    void twoShardsMergeIntoWhatOneRunOfTheSameLoadGives() throws Exception {
        emulator = ObpEmulator.start(FaultPlan.defaults().sandbox(true));
        String[] load = {
            "--loop-accounts",
            "2",
            "--loop-consents",
            "2",
            "--workers-v7",
            "3",
            "--loop-v7",
            "2",
            "--live",
            "flags",
            "--stall-probe",
            "false"
        };
        Launcher.Running one = Launcher.start(
                shard(load, "1/2"),
                Map.of("OBP_CREDENTIALS_DIR", OUT.resolve("shard-1-cred").toString()));
        Launcher.Running two = Launcher.start(
                shard(load, "2/2"),
                Map.of("OBP_CREDENTIALS_DIR", OUT.resolve("shard-2-cred").toString()));
        Result r1 = one.await(Duration.ofMinutes(4));
        Result r2 = two.await(Duration.ofMinutes(4));
        assertEquals(0, r1.exitCode(), r1.output());
        assertEquals(0, r2.exitCode(), r2.output());
        assertTrue(r1.output().contains("partial: shard 1 of 2"), r1.output());
        assertTrue(r2.output().contains("partial: shard 2 of 2"), r2.output());
        // Shard-unique names: each shard's bank carries its index.
        assertTrue(r1.output().matches("(?s).*created bank ldtst-[a-z0-9]{8}-s1\\b.*"), r1.output());
        assertTrue(r2.output().matches("(?s).*created bank ldtst-[a-z0-9]{8}-s2\\b.*"), r2.output());
        Result single = Launcher.run(Launcher.against(emulator, load), Duration.ofMinutes(4));

        Path merged = OUT.resolve("merged-" + System.nanoTime() + ".json");
        Merge m = merge(
                "--out",
                merged.toString(),
                r1.summaryFile().toString(),
                r2.summaryFile().toString());
        assertEquals(single.exitCode(), m.exitCode, m.output);
        JsonNode whole = JSON.readTree(merged.toFile());
        assertEquals(
                single.verdict(),
                whole.path("verdict").path("name").asText(),
                m.output + "\nsingle:\n" + single.output());
        assertEquals("CLEAN", single.verdict(), single.output());
        assertEquals(2, whole.path("shard").path("merged_from").asInt());
        assertTrue(
                Files.isRegularFile(Path.of(merged.toString().replace(".json", ".html"))),
                "verdict page beside the summary");

        Map<String, JsonNode> a = byName(r1.summary());
        Map<String, JsonNode> b = byName(r2.summary());
        Map<String, JsonNode> s = byName(single.summary());
        long total = 0;
        int sweepEndpoints = 0;
        for (JsonNode e : whole.path("endpoints")) {
            String name = e.path("name").asText();
            JsonNode ea = a.get(name);
            JsonNode eb = b.get(name);
            long sum = (ea == null ? 0 : ea.path("count").asLong())
                    + (eb == null ? 0 : eb.path("count").asLong());
            assertEquals(sum, e.path("count").asLong(), name + " count is the shards' sum");
            total += e.path("count").asLong();
            // Percentiles equal those of one histogram of every request (the shards' histograms added here).
            Histogram all = new Histogram(3_600_000L, 3);
            if (ea != null) all.add(EndpointStats.decode(ea.path("histogram").asText()));
            if (eb != null) all.add(EndpointStats.decode(eb.path("histogram").asText()));
            long max = e.path("max_ms").asLong();
            assertEquals(
                    Math.min(all.getValueAtPercentile(50), max),
                    e.path("p50_ms").asLong(),
                    name + " p50");
            assertEquals(
                    Math.min(all.getValueAtPercentile(95), max),
                    e.path("p95_ms").asLong(),
                    name + " p95");
            assertEquals(
                    Math.min(all.getValueAtPercentile(99), max),
                    e.path("p99_ms").asLong(),
                    name + " p99");
            assertEquals(all.getTotalCount(), e.path("count").asLong(), name + " histogram count");
            // The v7 sweep's load is split, not repeated: its counts equal the single run's.
            String group = e.path("group").asText();
            if (group.startsWith("v7 ") && !group.equals("v7 round trip") && s.containsKey(name)) {
                sweepEndpoints++;
                assertEquals(
                        s.get(name).path("count").asLong(),
                        e.path("count").asLong(),
                        name + " count equals the single run's");
            }
        }
        assertTrue(sweepEndpoints >= 20, "sweep endpoints compared: " + sweepEndpoints);
        System.out.printf(
                "shards merge: %d requests merged (shard 1 %d, shard 2 %d), single run %d; verdict %s, exit %d%n",
                total,
                count(r1.summary()),
                count(r2.summary()),
                count(single.summary()),
                whole.path("verdict").path("name").asText(),
                m.exitCode);

        // A missing shard is refused in one line naming it.
        Merge missing = merge(
                "--out", OUT.resolve("never.json").toString(), r1.summaryFile().toString());
        assertEquals(2, missing.exitCode, missing.output);
        assertEquals(1, missing.output.strip().lines().count(), missing.output);
        assertTrue(missing.output.contains("2/2") && missing.output.contains("missing"), missing.output);

        // A shard of another run (another run id) is refused in one line naming its file.
        ObjectNode foreign = (ObjectNode) JSON.readTree(r2.summaryFile().toFile());
        ((ObjectNode) foreign.path("shard")).put("run_id", "another-run");
        Path foreignFile = OUT.resolve("foreign-" + System.nanoTime() + ".json");
        Files.writeString(foreignFile, JSON.writeValueAsString(foreign));
        Merge stranger = merge(r1.summaryFile().toString(), foreignFile.toString());
        assertEquals(2, stranger.exitCode, stranger.output);
        assertEquals(1, stranger.output.strip().lines().count(), stranger.output);
        assertTrue(
                stranger.output.contains(foreignFile.toString()) && stranger.output.contains("another-run"),
                stranger.output);

        // A whole run's summary is no shard.
        Merge notShard = merge(r1.summaryFile().toString(), single.summaryFile().toString());
        assertEquals(2, notShard.exitCode, notShard.output);
        assertTrue(notShard.output.contains("not a shard's summary"), notShard.output);
    }

    private List<String> shard(String[] load, String which) {
        List<String> args = new ArrayList<>(Launcher.against(emulator, load));
        args.addAll(List.of("--shard", which));
        return args;
    }

    private static Map<String, JsonNode> byName(JsonNode summary) {
        Map<String, JsonNode> out = new HashMap<>();
        summary.path("endpoints").forEach(e -> out.put(e.path("name").asText(), e));
        return out;
    }

    private static long count(JsonNode summary) {
        long n = 0;
        for (JsonNode e : summary.path("endpoints")) n += e.path("count").asLong();
        return n;
    }

    record Merge(int exitCode, String output) {}

    private static Merge merge(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("./run.sh", "merge"));
        command.addAll(List.of(args));
        ProcessBuilder pb =
                new ProcessBuilder(command).directory(Launcher.ROOT.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("OBP_"));
        pb.environment().put("OBP_SKIP_BUILD", "1");
        pb.environment()
                .put(
                        "OBP_CLASSPATH",
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("merge did not finish; output:\n" + output);
        }
        return new Merge(p.exitValue(), output);
    }
}
