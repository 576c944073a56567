package obp.loadtest.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the run created on the server and what its end removed, for the summary's {@code fixture}:
 * {@code kept} is true when --keep left everything in place. A plain record setup/Cleanup fills in, so the summary
 * (verdict/RunSummary) needs nothing of setup. The bootstrap user is never removed:
 * it is the operator's (--username) or kept for the next run (its credentials file is named).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FixtureReport(
        Items created,
        Items removed,
        boolean kept,
        String bootstrapUserId,
        String credentialsFile,
        List<String> warnings) {

    /** A bank (absent when none), and the ids of accounts, throwaway users and consents. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Items(String bank, List<String> accounts, List<String> users, List<String> consents) {
        public static final Items NONE = new Items(null, List.of(), List.of(), List.of());
    }
}
