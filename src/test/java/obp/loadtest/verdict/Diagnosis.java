package obp.loadtest.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import obp.loadtest.outcome.ExitCode;

/**
 * The verdict with its evidence in plain words, what limited the run (the bottleneck), how sure the
 * diagnosis is and why not more. exitCode follows failure and nothing else, so the printed verdict and
 * the process exit code cannot disagree. endpoints names the rows the verdict points at.
 */
public record Diagnosis(
        Verdict verdict,
        String headline,
        List<String> evidence,
        boolean failure,
        int exitCode,
        Bottleneck bottleneck,
        Confidence confidence,
        List<String> caveats,
        List<String> endpoints) {

    /** What limited the run: the server's pool, the server otherwise, this load generator, or nothing. */
    public enum Bottleneck {
        POOL,
        SERVER,
        GENERATOR,
        NONE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How far the evidence carries the verdict; lowered by each caveat. */
    public enum Confidence {
        HIGH,
        MEDIUM,
        LOW;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Diagnosis {
        evidence = List.copyOf(evidence);
        caveats = List.copyOf(caveats);
        endpoints = List.copyOf(endpoints);
        if (exitCode != exitCodeFor(verdict, failure)) {
            throw new IllegalArgumentException("exit code " + exitCode + " disagrees with failure=" + failure);
        }
    }

    public static Diagnosis of(
            Verdict verdict,
            String headline,
            List<String> evidence,
            boolean failure,
            Bottleneck bottleneck,
            Confidence confidence,
            List<String> caveats,
            List<String> endpoints) {
        return new Diagnosis(
                verdict,
                headline,
                evidence,
                failure,
                exitCodeFor(verdict, failure),
                bottleneck,
                confidence,
                caveats,
                endpoints);
    }

    /** The same diagnosis with more evidence lines at the end. */
    public Diagnosis withEvidence(List<String> more) {
        List<String> all = new java.util.ArrayList<>(evidence);
        all.addAll(more);
        return new Diagnosis(verdict, headline, all, failure, exitCode, bottleneck, confidence, caveats, endpoints);
    }

    /** 0 pass, 1 failure; a setup failure has its own code (3) so CI can tell "server refused the fixture" apart. */
    public static int exitCodeFor(Verdict verdict, boolean failure) {
        if (verdict == Verdict.SETUP_FAILED) return ExitCode.SETUP_FAILURE;
        if (verdict == Verdict.INTERRUPTED) return ExitCode.INTERRUPTED;
        return failure ? ExitCode.VERDICT_FAILURE : ExitCode.PASS;
    }

    /**
     * The same cause and headline, failed by something beside the cause (missed --threshold limits):
     * the reasons join the evidence, and the exit code follows failure as always. A setup failure
     * stays as it is: nothing ran, so nothing was measured.
     */
    public Diagnosis failedBy(List<String> reasons) {
        if (reasons.isEmpty() || verdict == Verdict.SETUP_FAILED) return this;
        List<String> more = new ArrayList<>(evidence);
        more.addAll(reasons);
        return of(verdict, headline, more, true, bottleneck, confidence, caveats, endpoints);
    }

    /** The verdict block printed after the table: headline, bottleneck and confidence, evidence, caveats, result. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("VERDICT: ").append(headline).append('\n');
        out.append("  bottleneck: ")
                .append(bottleneck.label())
                .append(" · confidence: ")
                .append(confidence.label())
                .append('\n');
        for (String line : evidence) {
            out.append("  - ").append(line).append('\n');
        }
        for (String line : caveats) {
            out.append("  ! ").append(line).append('\n');
        }
        out.append(failure ? "RESULT: FAIL" : "RESULT: PASS")
                .append(" (exit code ")
                .append(exitCode)
                .append(")\n");
        return out.toString();
    }
}
