package obp.loadtest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One definition of a run's shape: what history compares on, what the shards of one run share. */
class RunShapeTest {

    private static final Set<String> SUMMARY_KEYS = Settings.load(new Settings.Layers(Map.of(), Map.of(), Map.of()))
            .masked()
            .keySet();

    @Test
    void everyNamedSettingIsOneTheSummaryRecords() {
        for (String key : RunShape.COMPARABLE) assertTrue(SUMMARY_KEYS.contains(key), key);
        for (String key : RunShape.PER_GENERATOR) assertTrue(SUMMARY_KEYS.contains(key), key);
    }

    @Test
    void comparableRunsShareTheTargetTheLoadShapeAndTheLoops() {
        assertEquals(
                List.of(
                        "target",
                        "host",
                        "workers-v7",
                        "users-v7",
                        "loop-v7",
                        "duration-v7",
                        "ramp-v7",
                        "rate-v7",
                        "search-v7",
                        "search-max-workers",
                        "search-step-duration",
                        "preset",
                        "loop-accounts",
                        "loop-consents",
                        "stall-probe"),
                RunShape.COMPARABLE);
        assertTrue(RunShape.COMPARABLE.containsAll(LoadShape.SETTINGS));
    }

    /** The shards of one run are comparable runs: no comparable setting may differ between shards. */
    @Test
    void noComparableSettingMayDifferBetweenShards() {
        Set<String> both = RunShape.COMPARABLE.stream()
                .filter(RunShape.PER_GENERATOR::contains)
                .collect(Collectors.toSet());
        assertEquals(Set.of(), both);

        Map<String, Object> settings = new LinkedHashMap<>(
                Settings.load(new Settings.Layers(Map.of(), Map.of(), Map.of())).masked());
        String fingerprint = Shard.shape(settings);
        for (String key : RunShape.COMPARABLE) {
            Map<String, Object> other = new LinkedHashMap<>(settings);
            other.put(key, "something else");
            assertNotEquals(fingerprint, Shard.shape(other), key + " changes the shards' shape");
        }
        for (String key : RunShape.PER_GENERATOR) {
            Map<String, Object> other = new LinkedHashMap<>(settings);
            other.put(key, "something else");
            assertEquals(fingerprint, Shard.shape(other), key + " may differ between shards");
        }
        assertFalse(RunShape.PER_GENERATOR.contains("load-shape"), "the load shape's line is the run's");
    }
}
