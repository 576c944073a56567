package obp.loadtest.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which settings make a run's shape, for the two questions asked of it: may two runs be compared (report/History),
 * and are two summaries shards of one run ({@link Shard#shape})? The answers nest: shards must share every
 * setting but {@link #PER_GENERATOR}; comparable runs need share only {@link #COMPARABLE} (timeouts, thresholds and
 * the emulator's faults may differ between them). No setting is in both, so the shards of one run are always
 * comparable runs.
 */
public final class RunShape {

    /** The settings two runs must share to be compared: where they ran, the v7 load ({@link LoadShape}), the loops. */
    public static final List<String> COMPARABLE = concat(
            List.of("target", "host"), LoadShape.SETTINGS, List.of("loop-accounts", "loop-consents", "stall-probe"));

    /**
     * The settings that may differ between the shards of one run: where each writes its files, which shard it is,
     * and the run id itself. Every other setting is the run's, which every shard must share.
     */
    public static final Set<String> PER_GENERATOR = Set.of(
            "shard",
            "run-id",
            "summary",
            "log",
            "junit",
            "markdown",
            "html",
            "history",
            "baseline",
            "credentials-dir",
            "live",
            "live-digest-rate");

    private RunShape() {}

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) out.addAll(l);
        return List.copyOf(out);
    }
}
