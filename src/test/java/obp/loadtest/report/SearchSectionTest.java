package obp.loadtest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The capacity search on the verdict page: lines, table of levels, and the chart drawn by a real Chromium. */
class SearchSectionTest {

    /** A hand-written search section as the capacity search writes it: 4 levels, the last one failed. */
    static ObjectNode withSearch() {
        ObjectNode s = SummaryFixtures.starvation();
        ObjectNode search = s.putObject("search");
        search.put("max_workers", 32).put("baseline_ms", 108);
        ArrayNode levels = search.putArray("levels");
        int[][] rows = {{1, 25, 123, 0, 0}, {4, 104, 122, 0, 0}, {8, 194, 137, 2, 0}, {16, 216, 322, 11, 5}};
        for (int[] r : rows) {
            ObjectNode l = levels.addObject()
                    .put("workers", r[0])
                    .put("requests", r[1])
                    .put("throughput_per_s", r[1] / 3.0)
                    .put("p50_ms", 110)
                    .put("p95_ms", r[2])
                    .put("mean_ms", 112.5)
                    .put("errors", 0)
                    .put("timeouts", r[4])
                    .put("pool_max_active", Math.min(8, r[0] + 2))
                    .put("pool_max_waiting", r[3])
                    .put("inflation", r[2] / 108.0)
                    .put("inflated", false)
                    .put("in_flight", r[0] * 0.95)
                    .put("generator_limited", false)
                    .put("failed", r[4] > 0);
            if (r[4] > 0) l.put("verdict", "POOL_STARVATION");
        }
        search.putObject("knee")
                .put("last_growing_workers", 8)
                .put("first_pressure_workers", 8)
                .put(
                        "line",
                        "knee: throughput grew up to 8 workers (64.7 req/s); pressure from 8 workers (pool waiting 2)");
        search.putObject("breaking_point")
                .put("found", true)
                .put("workers", 16)
                .put("verdict", "POOL_STARVATION")
                .put("line", "breaking point: 16 workers — POOL_STARVATION (5 timeouts, 0 errors)");
        return s;
    }

    @Test
    void sectionShowsBothLinesAndOneRowPerLevel() {
        String html = VerdictPage.render(withSearch(), new VerdictPage.Links(null, null));
        assertTrue(html.contains("<li id=\"search-knee\">knee: throughput grew up to 8 workers"), html);
        assertTrue(html.contains("breaking point: 16 workers — POOL_STARVATION"));
        assertEquals(4, count(html, "<tr><td>") + count(html, "<tr class=\"fail\"><td>"), "one row per level");
        assertTrue(html.contains("failed: POOL_STARVATION"));
        assertFalse(
                VerdictPage.render(SummaryFixtures.starvation(), new VerdictPage.Links(null, null))
                        .contains("id=\"search\""),
                "no search, no section");
    }

    @Test
    void chromiumDrawsTheSearchChartWithoutErrors() throws Exception {
        assumeTrue(Chromium.available(), Chromium.skipReason().orElse(""));
        Path out = Path.of("target", "report-test");
        Files.createDirectories(out);
        Path page = out.resolve("search.html");
        Files.writeString(
                page, VerdictPage.render(withSearch(), new VerdictPage.Links(null, null)), StandardCharsets.UTF_8);
        Chromium.Rendered r = Chromium.dumpDom(page);
        String dom = r.dom();
        assertTrue(dom.contains("data-ready=\"1\""), r.log());
        Matcher errors = Pattern.compile("data-js-errors=\"(\\d+)\"").matcher(dom);
        assertTrue(errors.find() && errors.group(1).equals("0"), "no script error:\n" + r.log());
        Matcher points =
                Pattern.compile("id=\"chart-search\" data-points=\"(\\d+)\"").matcher(dom);
        assertTrue(points.find(), dom);
        assertEquals("12", points.group(1), "4 levels × throughput, p95, pool waiting");
        assertTrue(dom.matches("(?s).*id=\"chart-search\"[^>]*>.*?<canvas.*"), "uPlot drew it");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}
