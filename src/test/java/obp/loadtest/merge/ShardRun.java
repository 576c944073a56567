package obp.loadtest.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import obp.loadtest.config.Settings;
import obp.loadtest.config.Shard;
import obp.loadtest.verdict.Diagnosis;
import obp.loadtest.verdict.RunSummary;

/** What a run does differently as one shard of several: its verdict reads partial, its summary names its run. */
public final class ShardRun {

    private ShardRun() {}

    /** The summary with its shard section (unchanged when this generator runs the whole load). */
    public static RunSummary mark(RunSummary summary, Settings settings) {
        return settings.shard()
                .map(s -> summary.withShard(section(s, settings.runId(), summary.settings())))
                .orElse(summary);
    }

    static RunSummary.ShardSection section(Shard s, String runId, Map<String, Object> maskedSettings) {
        return new RunSummary.ShardSection(
                Shard.runId(runId, maskedSettings), s.index(), s.count(), Shard.shape(maskedSettings), null);
    }

    /** A shard's own verdict, printed but marked partial: only the merge of all shards judges the run. */
    public static Diagnosis partial(Diagnosis d, Settings settings) {
        if (settings.shard().isEmpty()) return d;
        Shard s = settings.shard().get();
        List<String> caveats = new ArrayList<>(d.caveats());
        caveats.add(
                0,
                s.label()
                        + ": this verdict covers this generator's share of the load only; ./run.sh merge judges the whole run");
        return new Diagnosis(
                d.verdict(),
                s.label() + " — " + d.headline(),
                d.evidence(),
                d.failure(),
                d.exitCode(),
                d.bottleneck(),
                d.confidence(),
                caveats,
                d.endpoints());
    }
}
