package obp.loadtest.run;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gatling.javaapi.core.ChainBuilder;
import java.util.ArrayList;
import java.util.List;
import obp.loadtest.config.LoadShape;
import obp.loadtest.config.Settings;
import obp.loadtest.live.SweepClock;
import obp.loadtest.verdict.Calibration;
import obp.loadtest.verdict.Diagnosis;
import obp.loadtest.verdict.PoolEvidence;
import obp.loadtest.verdict.SearchLevels;
import obp.loadtest.verdict.Verdict;
import obp.loadtest.verdict.VerdictRules;

/**
 * {@code --search-v7}: the v7 workers as Gatling's closed-model stairs ({@code config/LoadShape.Search}: one
 * level of concurrent workers per step, 1, 2, 4, 8… up to --search-max-workers, each worker sweeping once and
 * replaced at once, so the level holds its concurrency). The load stops as soon as a level fails. At the end:
 * the table of levels, the knee and the breaking point on the console, and a "search" section in
 * the summary. The search is a measurement, not a pass/fail run: it exits 0 whatever it found.
 */
public final class CapacitySearch {

    static final String STOPPED = "capacity search: a level failed, the breaking point is found";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SearchLevels levels;
    private final SweepClock clock;
    private SearchLevels.Result result;

    private CapacitySearch(Settings s, SweepClock clock) {
        LoadShape.Search shape = (LoadShape.Search) s.loadShape();
        this.levels = new SearchLevels(shape.levels(), shape.step().toMillis());
        this.clock = clock;
    }

    /** The search, when --search-v7 is on; null otherwise. */
    static CapacitySearch of(Settings s, SweepClock clock) {
        return s.searchV7() ? new CapacitySearch(s, clock) : null;
    }

    SearchLevels levels() {
        return levels;
    }

    /** Before each sweep: which level it belongs to, by the clock. */
    public ChainBuilder levelBegins() {
        return exec(session -> {
            levels.begin(clock.ms());
            return session;
        });
    }

    /** After each sweep: once a level has failed, the breaking point is found and the load stops. */
    public ChainBuilder stopWhenALevelFails() {
        return exec(stopLoadGeneratorIf(STOPPED, session -> levels.failed()));
    }

    /**
     * End of run: judge the levels; returns the console text (the table and the two lines), which ObpRun prints
     * through the live console, and so through the redactor.
     */
    String conclude(PoolEvidence pool, Calibration calibration, VerdictRules rules) {
        result = levels.result(pool, calibration, rules);
        return result.table() + "\n" + result.kneeLine() + "\n" + result.breakingLine();
    }

    /** The search measured; whatever it found, the run passes (a setup failure or an interruption stays as it is). */
    static Diagnosis passed(Diagnosis d) {
        if (d.verdict() == Verdict.SETUP_FAILED || d.verdict() == Verdict.INTERRUPTED || !d.failure()) return d;
        List<String> evidence = new ArrayList<>(d.evidence());
        evidence.add(
                "capacity search: the verdict is the last level's; a search exits 0 whatever it found (see the knee and breaking point)");
        return Diagnosis.of(
                d.verdict(), d.headline(), evidence, false, d.bottleneck(), d.confidence(), d.caveats(), d.endpoints());
    }

    /** The summary's "search" section, or null when nothing was concluded. */
    JsonNode section() {
        return result == null ? null : JSON.valueToTree(SearchLevels.json(result));
    }
}
