package obp.loadtest.config;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The four load shapes: which the settings choose, their one line, their injection and a shard's part. */
class LoadShapeTest {

    private static Settings flags(Map<String, String> flags) {
        return Settings.load(new Settings.Layers(Map.of(), Map.of(), flags));
    }

    private static List<Object> open(List<OpenInjectionStep> steps) {
        return steps.stream().map(s -> (Object) s.asScala()).toList();
    }

    private static List<Object> closed(List<ClosedInjectionStep> steps) {
        return steps.stream().map(s -> (Object) s.asScala()).toList();
    }

    @Test
    void loopsAreTheDefaultStartedAtOnceOrOverTheRamp() {
        LoadShape.Loops shape =
                (LoadShape.Loops) flags(Map.of("obp.workers-v7", "4")).loadShape();
        assertEquals(new LoadShape.Loops(4, 3, Duration.ZERO, 1, Preset.NONE), shape);
        assertEquals("4 workers × 3 loops, 1 user", shape.describe());
        assertEquals(open(List.of(atOnceUsers(4))), open(shape.injection()));

        LoadShape.Loops ramped = new LoadShape.Loops(4, 3, Duration.ofSeconds(10), 2, Preset.STRESS);
        assertEquals("4 workers × 3 loops, 2 users, ramp 10s (preset stress)", ramped.describe());
        assertEquals(open(List.of(rampUsers(4).during(Duration.ofSeconds(10)))), open(ramped.injection()));
    }

    @Test
    void aDurationHoldsConcurrentWorkersUntilOneDeadline() {
        LoadShape shape = flags(Map.of("obp.preset", "stress")).loadShape();
        LoadShape.Lasting lasting = (LoadShape.Lasting) shape;
        assertEquals(
                new LoadShape.Lasting(50, Duration.ofSeconds(60), Duration.ofSeconds(15), 1, Preset.STRESS), lasting);
        assertEquals("50 workers × 1m, 1 user, ramp 15s (preset stress)", shape.describe());
        assertEquals(Duration.ofSeconds(75), lasting.deadline());
        assertEquals(
                closed(List.of(
                        rampConcurrentUsers(0).to(50).during(Duration.ofSeconds(15)),
                        constantConcurrentUsers(50).during(Duration.ofSeconds(60)))),
                closed(lasting.injection()));

        LoadShape.Lasting noRamp = new LoadShape.Lasting(3, Duration.ofMinutes(2), Duration.ZERO, 1, Preset.NONE);
        assertEquals("3 workers × 2m, 1 user", noRamp.describe());
        assertEquals(
                closed(List.of(constantConcurrentUsers(3).during(Duration.ofMinutes(2)))), closed(noRamp.injection()));
    }

    @Test
    void aRateIsTheOpenModelAndIsNeverCalledWorkers() {
        LoadShape shape = flags(
                        Map.of("obp.rate-v7", "5", "obp.duration-v7", "1m", "obp.users-v7", "4", "obp.workers-v7", "9"))
                .loadShape();
        LoadShape.OpenRate rate = (LoadShape.OpenRate) shape;
        assertEquals("open model, 5 sweeps/s × 1m, 4 user(s)", shape.describe());
        assertEquals(open(List.of(constantUsersPerSec(5).during(Duration.ofMinutes(1)))), open(rate.injection()));

        LoadShape.OpenRate ramped =
                new LoadShape.OpenRate(5, Duration.ofMinutes(1), Duration.ofSeconds(10), 1, Preset.SOAK);
        assertEquals("open model, 5 sweeps/s × 1m, ramp 10s, 1 user(s) (preset soak)", ramped.describe());
        assertEquals(
                open(List.of(
                        rampUsersPerSec(0).to(5).during(Duration.ofSeconds(10)),
                        constantUsersPerSec(5).during(Duration.ofMinutes(1)))),
                open(ramped.injection()));
    }

    @Test
    void theSearchClimbsDoublingStairsToTheMaximum() {
        LoadShape shape = flags(Map.of("obp.search-v7", "true", "obp.search-max-workers", "20", "obp.rate-v7", "0"))
                .loadShape();
        LoadShape.Search search = (LoadShape.Search) shape;
        assertEquals(List.of(1, 2, 4, 8, 16, 20), search.levels());
        assertEquals("capacity search 1→20 workers ([1, 2, 4, 8, 16, 20]), 10s a level", shape.describe());
        Duration step = Duration.ofSeconds(10);
        assertEquals(
                closed(List.of(
                        constantConcurrentUsers(1).during(step),
                        constantConcurrentUsers(2).during(step),
                        constantConcurrentUsers(4).during(step),
                        constantConcurrentUsers(8).during(step),
                        constantConcurrentUsers(16).during(step),
                        constantConcurrentUsers(20).during(step))),
                closed(search.injection()));
        // Moved from SearchLevelsTest, with the doubling itself.
        assertEquals(List.of(1, 2, 4, 8, 16, 32), new LoadShape.Search(32, step).levels());
        assertEquals(List.of(1), new LoadShape.Search(1, step).levels());
        assertThrows(IllegalArgumentException.class, () -> new LoadShape.Search(0, step));
    }

    @Test
    void aShardTakesItsShareOfTheWorkersOrTheRateAndTheWholeStairs() {
        Shard second = new Shard(2, 3);
        Duration m = Duration.ofMinutes(1);
        assertEquals(
                new LoadShape.Loops(3, 3, Duration.ZERO, 1, Preset.NONE),
                new LoadShape.Loops(10, 3, Duration.ZERO, 1, Preset.NONE).share(second));
        assertEquals(
                new LoadShape.Lasting(3, m, Duration.ZERO, 1, Preset.NONE),
                new LoadShape.Lasting(10, m, Duration.ZERO, 1, Preset.NONE).share(second));
        assertEquals(
                new LoadShape.OpenRate(2, m, Duration.ZERO, 1, Preset.NONE),
                new LoadShape.OpenRate(7, m, Duration.ZERO, 1, Preset.NONE).share(second));
        LoadShape.Search search = new LoadShape.Search(8, m);
        assertSame(search, search.share(second));
    }

    @Test
    void theSummaryCarriesTheWholeRunsLine() {
        Settings s = flags(Map.of(
                "obp.workers-v7", "4",
                "obp.shard", "1/2",
                "obp.host", "http://obp.example:8080",
                "obp.consumer-key", "key",
                "obp.username", "alice",
                "obp.password", "Pa55word!secret"));
        assertEquals("4 workers × 3 loops, 1 user", s.masked().get("load-shape"));
    }

    @Test
    void theShapeSettingsAreSettings() {
        for (String key : LoadShape.SETTINGS)
            assertTrue(
                    SettingsCatalog.get().all().stream().anyMatch(s -> s.key().equals(key)), key);
    }
}
