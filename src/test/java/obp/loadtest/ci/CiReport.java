package obp.loadtest.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.javaapi.core.Assertion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import obp.loadtest.config.Settings;
import obp.loadtest.config.SettingsException;
import obp.loadtest.verdict.Diagnosis;
import obp.loadtest.verdict.SweepStats;
import obp.loadtest.verdict.Thresholds;
import obp.loadtest.verdict.Verdict;

/**
 * What a CI job needs from a run, on top of the verdict: the user's thresholds (checked before
 * anything is sent, asserted in Gatling, judged at the end on our own histograms), and the run as
 * JUnit XML and Markdown. ObpRun calls it at five points: start ({@link #open}), Gatling
 * assertions ({@link #assertions}), the verdict ({@link #judge}), the summary's section ({@link #section}) and the renderings of the summary ({@link #publish}).
 */
public final class CiReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Settings settings;
    private final SweepStats stats;
    private final List<Thresholds.Endpoint> endpoints;
    private final Thresholds thresholds;
    private volatile long loadStartedNanos;
    private List<Thresholds.Result> results = List.of();
    private boolean causeFailed;

    private CiReport(Settings settings, SweepStats stats, List<Thresholds.Endpoint> endpoints, Thresholds thresholds) {
        this.settings = settings;
        this.stats = stats;
        this.endpoints = endpoints;
        this.thresholds = thresholds;
    }

    /**
     * The thresholds' problems for a run of this simulation class with these settings, one line each
     * (run.sh's settings check prints them and exits 2 before Maven starts).
     */
    public static List<String> problems(Settings settings, String simulationClass) {
        boolean[] phases = RunEndpoints.phasesOf(simulationClass);
        List<String> problems = new ArrayList<>();
        if (!settings.thresholds().isBlank()) {
            Thresholds.resolve(
                    settings.thresholds(), RunEndpoints.of(settings, phases[0], phases[1], phases[2]), problems);
        }
        return problems;
    }

    /**
     * Resolves the thresholds for a run of these phases; a bad one is a {@link SettingsException}, one
     * line each, which the run prints and exits 2 on before setup sends anything (the path
     * {@code mvn gatling:test} takes without run.sh).
     */
    public static CiReport open(Settings settings, SweepStats stats, boolean accounts, boolean consents, boolean v7) {
        List<Thresholds.Endpoint> endpoints = RunEndpoints.of(settings, accounts, consents, v7);
        List<String> problems = new ArrayList<>();
        Thresholds thresholds = settings.thresholds().isBlank()
                ? Thresholds.none()
                : Thresholds.resolve(settings.thresholds(), endpoints, problems);
        if (!problems.isEmpty()) throw new SettingsException(problems);
        return new CiReport(settings, stats, endpoints, thresholds);
    }

    /** The thresholds as Gatling assertions; the load starts right after Gatling reads them, which starts the throughput clock. */
    public List<Assertion> assertions() {
        loadStartedNanos = System.nanoTime();
        return ThresholdAssertions.of(thresholds, endpoints);
    }

    /**
     * Judges the thresholds on the run's statistics. A missed one fails the run whatever the verdict's
     * cause: the diagnosis keeps its cause and headline, gains one evidence line per missed threshold
     * (naming it and the measured value) and its exit code becomes 1.
     */
    public synchronized Diagnosis judge(Diagnosis diagnosis) {
        causeFailed = diagnosis.failure();
        if (thresholds.isEmpty() || diagnosis.verdict() == Verdict.SETUP_FAILED) return diagnosis;
        double seconds = loadStartedNanos == 0 ? 0 : (System.nanoTime() - loadStartedNanos) / 1e9;
        results = thresholds.judge(stats, seconds);
        List<String> missed = new ArrayList<>();
        for (Thresholds.Result r : results) {
            if (!r.met()) missed.add("threshold missed: " + r.text() + " (measured " + r.measuredText() + ")");
        }
        return diagnosis.failedBy(missed);
    }

    /** The summary's "thresholds" section: each limit, met or missed, with what was measured (empty without any). */
    public synchronized ArrayNode section() {
        ArrayNode array = JSON.createArrayNode();
        for (Thresholds.Result r : results) {
            ObjectNode t = array.addObject();
            t.put("text", r.text());
            t.put("target", r.target());
            t.put("metric", r.metric());
            t.put("met", r.met());
            if (r.measured() == null) t.putNull("measured");
            else t.put("measured", r.measured());
            t.put("limit", r.limit());
            t.put("unit", r.unit());
            t.put("condition", r.condition());
        }
        return array;
    }

    /**
     * Renders the run's summary (the value the run built once, its thresholds included) as the JUnit XML and the
     * Markdown page (and $GITHUB_STEP_SUMMARY), and appends the thresholds and file paths to the console text.
     */
    public synchronized void publish(JsonNode summary, StringBuilder console) {
        if (!results.isEmpty()) {
            long missed = results.stream().filter(r -> !r.met()).count();
            console.append("\nTHRESHOLDS: ")
                    .append(
                            missed == 0
                                    ? "all " + results.size() + " met"
                                    : missed + " of " + results.size() + " missed");
            for (Thresholds.Result r : results) console.append("\n  ").append(r.line());
        }
        written(
                console,
                settings.junitFile(),
                f -> JUnitReport.write(summary, causeFailed, f),
                "JUnit XML",
                "write the JUnit XML");
        String step = System.getenv("GITHUB_STEP_SUMMARY");
        Path stepSummary = step == null || step.isBlank() ? null : Path.of(step);
        written(
                console,
                settings.markdownFile(),
                f -> MarkdownReport.write(summary, f, stepSummary),
                "Markdown",
                "write the Markdown summary");
    }

    /** Writes one file of {@link #publish}. */
    private interface Output {
        void write(Path file) throws IOException;
    }

    /**
     * Writes one output and says so on the console: "{@code shown}: its absolute path",
     * or, when it cannot be written, "cannot {@code failed} file: why" (the run goes on).
     */
    private static void written(StringBuilder console, Path file, Output output, String shown, String failed) {
        try {
            output.write(file);
            console.append("\n").append(shown).append(": ").append(file.toAbsolutePath());
        } catch (IOException e) {
            console.append("\nobp-loadtest: cannot ")
                    .append(failed)
                    .append(' ')
                    .append(file)
                    .append(": ")
                    .append(e.getMessage());
        }
    }
}
