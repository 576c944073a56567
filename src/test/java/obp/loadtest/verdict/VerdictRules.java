package obp.loadtest.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import obp.loadtest.verdict.Diagnosis.Bottleneck;
import obp.loadtest.verdict.Diagnosis.Confidence;

/**
 * Names one cause for what the sweep saw, with its evidence, what limited the run and how sure that is,
 * and decides pass or fail. The rules, in priority order, are the constants of {@link Rule}, explained with
 * the lines they print in docs/verdict.md. They read signals any OBP server gives: statuses and the server's
 * own words, latency against the unloaded calibration, timing against the server's own limits (the pool's
 * acquire timeout, the 504 deadline) and the pool endpoint's time series. Immutable, thread-safe.
 */
public final class VerdictRules {

    private final VerdictThresholds thresholds;

    public VerdictRules(VerdictThresholds thresholds) {
        this.thresholds = thresholds;
    }

    public VerdictThresholds thresholds() {
        return thresholds;
    }

    /** The diagnosis of a finished run: the evidence read once, the first {@link Rule} that matches, its ending. */
    public Diagnosis decide(RunEvidence ev) {
        Judgement j = new Judgement(ev, thresholds);
        return j.diagnose(Rule.first(j).conclude(j));
    }

    /** A run cut short (Ctrl-C, crash) is a failure whatever it measured; the evidence says what it had seen. */
    public Diagnosis interrupted(RunEvidence ev, String why) {
        Diagnosis sofar = decide(ev);
        List<String> evidence = new ArrayList<>();
        evidence.add("interrupted: " + (why == null || why.isBlank() ? "no reason given" : why));
        evidence.add("before that, " + ev.stats().totalCount() + " requests pointed to: " + sofar.headline());
        evidence.addAll(sofar.evidence());
        return Diagnosis.of(
                Verdict.INTERRUPTED,
                Verdict.INTERRUPTED.headline(),
                evidence,
                true,
                sofar.bottleneck(),
                Confidence.LOW,
                sofar.caveats(),
                sofar.endpoints());
    }

    /** Setup stopped the run before any load: the one line names the step, status, OBP message and fix. */
    public Diagnosis setupFailed(String line) {
        return Diagnosis.of(
                Verdict.SETUP_FAILED,
                Verdict.SETUP_FAILED.headline(),
                List.of(line),
                true,
                Bottleneck.NONE,
                Confidence.HIGH,
                List.of(),
                List.of());
    }

    /** 850 ms, 4.2 s, 30 s: how a person reads a duration. */
    public static String human(long ms) {
        if (ms < 1_000) return ms + " ms";
        double seconds = ms / 1000.0;
        return seconds >= 10
                ? String.format(Locale.ROOT, "%.0f s", seconds)
                : String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
