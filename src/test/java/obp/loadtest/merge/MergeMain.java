package obp.loadtest.merge;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import obp.loadtest.config.Durations;
import obp.loadtest.outcome.ExitCode;
import obp.loadtest.report.Redactor;
import obp.loadtest.report.VerdictPage;
import obp.loadtest.verdict.Diagnosis;
import obp.loadtest.verdict.RunEvidence;
import obp.loadtest.verdict.RunSummary;
import obp.loadtest.verdict.StatsTable;
import obp.loadtest.verdict.VerdictRules;
import obp.loadtest.verdict.VerdictThresholds;

/**
 * {@code ./run.sh merge [--out FILE] SUMMARY...}: the shards of one run made into one summary and one
 * verdict. Checks that the summaries are shards of one run (same run id and shape) and that 1..N are all
 * there, each once; adds them up exactly ({@link SummaryMerge}); reruns the verdict over the whole with the
 * shards' own verdict settings; writes the merged summary and its verdict page; exits as a single run of
 * that verdict would. A shard missing, doubled or from another run is one line and exit 2.
 */
public final class MergeMain {

    static final String DEFAULT_OUT = "merged_run.json";

    /** Why the shards cannot be merged: one line for the user. */
    static final class Refused extends RuntimeException {
        Refused(String line) {
            super(line);
        }
    }

    /** What a merge produced: the summary, the text to print, and the exit code. */
    record Result(RunSummary summary, String text, int exitCode) {}

    private MergeMain() {}

    public static void main(String[] args) {
        Path out = Path.of(DEFAULT_OUT);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) out = Path.of(args[++i]);
            else if (args[i].startsWith("--out=")) out = Path.of(args[i].substring("--out=".length()));
            else if (args[i].equals("-h") || args[i].equals("--help")) {
                System.out.println("Usage: ./run.sh merge [--out FILE] SHARD_SUMMARY.json...  (default --out "
                        + DEFAULT_OUT + ")");
                return;
            } else if (args[i].startsWith("--")) {
                fail("merge: unknown option " + args[i] + " (./run.sh merge [--out FILE] SUMMARY...)");
            } else files.add(Path.of(args[i]));
        }
        try {
            Result r = merge(files);
            r.summary().write(out, Redactor::redact);
            Path page = html(out);
            // The page renders the merged summary as written (redacted), from memory: the file is not read back.
            write(
                    page,
                    VerdictPage.render(
                            new ObjectMapper()
                                    .readTree(RunSummary.text(r.summary().toTree(), Redactor::redact)),
                            new VerdictPage.Links(null, out.getFileName().toString())));
            System.out.println(
                    text(r.text() + "\nsummary: " + out.toAbsolutePath() + "\nverdict page: " + page.toAbsolutePath()));
            System.exit(r.exitCode());
        } catch (Refused | IllegalArgumentException e) {
            fail("merge: " + e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            fail("merge: cannot write " + out + ": " + e.getMessage());
        }
    }

    /** Reads, checks and merges the shards' summaries; a Refused or IllegalArgumentException names what is wrong. */
    static Result merge(List<Path> files) {
        if (files.isEmpty()) throw new Refused("give the shards' summaries (./run.sh merge [--out FILE] SUMMARY...)");
        List<RunSummary> shards = new ArrayList<>();
        for (Path f : files) shards.add(RunSummary.read(f));
        check(files, shards);
        shards = new ArrayList<>(shards);
        shards.sort(Comparator.comparingInt(s -> s.shard().index()));
        Map<String, Object> settings = shards.get(0).settings();
        VerdictThresholds thresholds = thresholds(settings);
        RunEvidence ev =
                SummaryMerge.evidence(shards, thresholds.slowThreshold().toMillis());
        Diagnosis d = new VerdictRules(thresholds).decide(ev);
        RunSummary.ShardSection first = shards.get(0).shard();
        String started = shards.stream()
                .map(RunSummary::started)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        String finished = shards.stream()
                .map(RunSummary::finished)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        Map<String, Object> merged = new java.util.LinkedHashMap<>(settings);
        merged.remove("summary");
        merged.put("shard", "");
        RunSummary summary = RunSummary.of(Instant.parse(started), Instant.parse(finished), merged, ev, d, null)
                .withShard(
                        new RunSummary.ShardSection(first.runId(), null, first.count(), first.shape(), shards.size()))
                .withInterrupted(
                        shards.stream().mapToLong(RunSummary::interrupted).sum());
        String text = "merged " + shards.size() + " shards of run " + first.runId() + ": "
                + ev.stats().totalCount() + " requests\n" + StatsTable.render(ev.stats(), ev.calibration()) + "\n"
                + d.render();
        return new Result(summary, text, d.exitCode());
    }

    /** Same run id and shape everywhere, and every index 1..N exactly once. */
    static void check(List<Path> files, List<RunSummary> shards) {
        for (int i = 0; i < shards.size(); i++) {
            RunSummary.ShardSection s = shards.get(i).shard();
            if (s == null || s.index() == null) {
                throw new Refused(files.get(i)
                        + " is not a shard's summary (no \"shard\" section: run each generator with --shard I/N)");
            }
        }
        RunSummary.ShardSection first = shards.get(0).shard();
        Map<Integer, Path> seen = new TreeMap<>();
        for (int i = 0; i < shards.size(); i++) {
            RunSummary.ShardSection s = shards.get(i).shard();
            Path f = files.get(i);
            if (!s.runId().equals(first.runId())) {
                throw new Refused(f + " is shard " + s.index() + "/" + s.count() + " of run " + s.runId()
                        + ", not of run " + first.runId());
            }
            if (!s.shape().equals(first.shape()) || s.count() != first.count()) {
                throw new Refused(f + " was run with other settings than " + files.get(0) + " (shape " + s.shape() + "/"
                        + s.count() + " vs " + first.shape() + "/" + first.count() + ")");
            }
            Path twice = seen.put(s.index(), f);
            if (twice != null)
                throw new Refused("shard " + s.index() + "/" + s.count() + " given twice: " + twice + " and " + f);
        }
        List<String> missing = new ArrayList<>();
        for (int i = 1; i <= first.count(); i++) if (!seen.containsKey(i)) missing.add(i + "/" + first.count());
        if (!missing.isEmpty()) {
            throw new Refused("shard" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + " of run "
                    + first.runId() + " missing");
        }
    }

    /** The verdict settings the shards ran with (the summary's masked settings); defaults where absent. */
    static VerdictThresholds thresholds(Map<String, Object> s) {
        return new VerdictThresholds(
                duration(s, "request-timeout", "30s"),
                duration(s, "slow-threshold", "5s"),
                number(s, "verdict.cap-ratio", 0.9),
                number(s, "verdict.unreachable-ratio", 0.5),
                number(s, "verdict.spike-ratio", 0.5),
                number(s, "verdict.inflation-factor", 10.0),
                duration(s, "verdict.inflation-min", "100ms"),
                number(s, "verdict.pool-share", 0.1),
                Boolean.parseBoolean(String.valueOf(value(s, "strict").orElse("false"))));
    }

    private static Optional<Object> value(Map<String, Object> s, String key) {
        if (s.containsKey(key)) return Optional.ofNullable(s.get(key));
        int dot = key.indexOf('.');
        if (dot > 0 && s.get(key.substring(0, dot)) instanceof Map<?, ?> nested) {
            return Optional.ofNullable(nested.get(key.substring(dot + 1)));
        }
        return Optional.empty();
    }

    private static Duration duration(Map<String, Object> s, String key, String fallback) {
        String raw = String.valueOf(value(s, key).orElse(fallback));
        return Durations.require(raw, "setting " + key);
    }

    private static double number(Map<String, Object> s, String key, double fallback) {
        Object v = value(s, key).orElse(fallback);
        try {
            return v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " '" + v + "' is not a number");
        }
    }

    static Path html(Path summary) {
        String name = summary.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        Path dir = summary.toAbsolutePath().getParent();
        return dir.resolve(base + ".html");
    }

    /** Every line printed goes through here (and the redactor). */
    private static String text(String s) {
        return Redactor.redact(s);
    }

    /** Every file written goes through here (and the redactor). */
    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, Redactor.redact(content));
    }

    private static void fail(String line) {
        System.err.println(text("obp-loadtest: " + line));
        System.exit(ExitCode.USAGE_ERROR);
    }
}
