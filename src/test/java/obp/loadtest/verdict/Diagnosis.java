package obp.loadtest.verdict;

import java.util.List;

/**
 * The verdict with its evidence in plain words. exitCode follows failure and nothing else, so the
 * printed verdict and the process exit code cannot disagree.
 */
public record Diagnosis(Verdict verdict, String headline, List<String> evidence, boolean failure, int exitCode) {

    public Diagnosis {
        evidence = List.copyOf(evidence);
        if (exitCode != exitCodeFor(failure)) {
            throw new IllegalArgumentException("exit code " + exitCode + " disagrees with failure=" + failure);
        }
    }

    public static Diagnosis of(Verdict verdict, String headline, List<String> evidence, boolean failure) {
        return new Diagnosis(verdict, headline, evidence, failure, exitCodeFor(failure));
    }

    public static int exitCodeFor(boolean failure) {
        return failure ? 1 : 0;
    }

    /** The verdict block printed after the table: headline, evidence bullets, and the result line. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("VERDICT: ").append(headline).append('\n');
        for (String line : evidence) {
            out.append("  - ").append(line).append('\n');
        }
        out.append(failure ? "RESULT: FAIL (exit code 1)" : "RESULT: PASS (exit code 0)").append('\n');
        return out.toString();
    }
}
