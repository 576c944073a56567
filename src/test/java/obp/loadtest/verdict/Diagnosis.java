package obp.loadtest.verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * The verdict with its evidence in plain words. exitCode follows failure and nothing else, so the
 * printed verdict and the process exit code cannot disagree.
 */
public record Diagnosis(Verdict verdict, String headline, List<String> evidence, boolean failure, int exitCode) {

    public Diagnosis {
        evidence = List.copyOf(evidence);
        if (exitCode != exitCodeFor(verdict, failure)) {
            throw new IllegalArgumentException("exit code " + exitCode + " disagrees with failure=" + failure);
        }
    }

    public static Diagnosis of(Verdict verdict, String headline, List<String> evidence, boolean failure) {
        return new Diagnosis(verdict, headline, evidence, failure, exitCodeFor(verdict, failure));
    }

    /** 0 pass, 1 failure; a setup failure has its own code (3) so CI can tell "server refused the fixture" apart. */
    public static int exitCodeFor(Verdict verdict, boolean failure) {
        if (verdict == Verdict.SETUP_FAILED) return 3;
        return failure ? 1 : 0;
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
        return of(verdict, headline, more, true);
    }

    /** The verdict block printed after the table: headline, evidence bullets, and the result line. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("VERDICT: ").append(headline).append('\n');
        for (String line : evidence) {
            out.append("  - ").append(line).append('\n');
        }
        out.append(failure ? "RESULT: FAIL" : "RESULT: PASS").append(" (exit code ").append(exitCode).append(")\n");
        return out.toString();
    }
}
