package obp.loadtest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page's line under the verdict: the run's load shape as the summary says it, or as older summaries allow. */
class RunLineTest {

    private static final Pattern META = Pattern.compile("<p class=\"meta\">(.*?)</p>");

    private static String v7Part(ObjectNode summary) {
        Matcher m = META.matcher(VerdictPage.render(summary, new VerdictPage.Links(null, null)));
        if (!m.find()) throw new AssertionError("no run line");
        String line = m.group(1);
        int from = line.indexOf(" · ") + 3;
        return line.substring(from, line.indexOf(" · request timeout"));
    }

    private static ObjectNode withSettings(ObjectNode settings) {
        ObjectNode s = SummaryFixtures.clean("2026-11-24T00:00:00Z", null, 0, 1.0);
        s.set("settings", settings);
        return s;
    }

    @Test
    void theSummarysLoadShapeIsPrintedAsItIsWithItsPreset() {
        ObjectNode set = SummaryFixtures.settings();
        set.put("preset", "stress");
        set.put("load-shape", "4 workers × 3 loops, 1 user, ramp 10s (preset stress)");
        assertEquals("v7: 4 workers × 3 loops, 1 user, ramp 10s (preset stress)", v7Part(withSettings(set)));

        set.put("load-shape", "open model, 5 sweeps/s × 1m, 4 user(s)");
        assertEquals("v7: open model, 5 sweeps/s × 1m, 4 user(s)", v7Part(withSettings(set)));
    }

    @Test
    void anOlderSummaryIsReadAsBeforeButAnOpenModelRunIsNotWorkers() {
        ObjectNode set = SummaryFixtures.settings();
        assertEquals("v7: 4 workers × 5 loops, 1 user", v7Part(withSettings(set)));

        set.put("preset", "soak");
        set.put("duration-v7", "30m");
        set.put("users-v7", 2);
        assertEquals("v7: 4 workers × 30m, 2 users · preset soak", v7Part(withSettings(set)));

        set.put("rate-v7", 5);
        set.put("model-v7", "open");
        assertEquals("v7: open model, 5 sweeps/s × 30m, 2 user(s) · preset soak", v7Part(withSettings(set)));

        set.put("search-v7", true);
        set.put("search-max-workers", 32);
        set.put("search-step-duration", "10s");
        assertEquals("v7: capacity search up to 32 workers, 10s a level · preset soak", v7Part(withSettings(set)));
    }
}
