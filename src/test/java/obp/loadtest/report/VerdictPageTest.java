package obp.loadtest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The verdict page, rendered by a real headless Chromium: what a user opening it sees, and nothing fetched. */
class VerdictPageTest {

    private static final Path OUT = Path.of("target", "report-test");

    @Test
    void pageIsSelfContainedAndEscapesWhatItShows() {
        ObjectNode s = SummaryFixtures.starvation();
        ((ObjectNode) s.get("verdict")).put("headline", "</script><img src=x onerror=alert(1)>");
        String html = VerdictPage.render(s, new VerdictPage.Links(null, null));
        assertFalse(html.contains("<img src=x"), "text is escaped");
        assertEquals(4, count(html, "<script"), "error trap, summary data, uPlot, page script: nothing else");
        for (String tag : List.of("<link", "<iframe", "<img", " src=\"http", " href=\"http", "@import", "url(http")) {
            assertFalse(html.contains(tag), "nothing loads from elsewhere: " + tag);
        }
        assertTrue(
                html.contains("Content-Security-Policy\" content=\"default-src 'none'"),
                "the browser refuses every request");
    }

    @Test
    void chromiumShowsVerdictEveryEndpointAndBothChartsWithoutNetworkOrErrors() throws Exception {
        assumeTrue(Chromium.available(), Chromium.skipReason().orElse(""));
        ObjectNode s = SummaryFixtures.starvation();
        Files.createDirectories(OUT);
        Path page = OUT.resolve("starvation.html");
        long t0 = System.nanoTime();
        String html = VerdictPage.render(s, new VerdictPage.Links("gatling/index.html", "summary.json"));
        Files.writeString(page, html, StandardCharsets.UTF_8);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("verdict page: %d KB, rendered and written in %d ms%n", Files.size(page) / 1024, ms);

        Chromium.Rendered r = Chromium.dumpDom(page);
        String dom = r.dom();
        assertTrue(dom.contains("data-ready=\"1\""), "the page script ran to its end; log:\n" + r.log());
        assertEquals(
                "0",
                attr(dom, "html", "data-js-errors"),
                "no script error, console error or blocked request; last: " + attr(dom, "html", "data-js-error-last"));
        // The page writes nothing to the console: any console line (error, warning, CSP refusal) is a fault.
        assertEquals(
                List.of(), r.log().lines().filter(l -> l.contains(":CONSOLE")).toList(), "the browser's console");
        assertEquals(
                List.of(),
                r.pageRequests(),
                "no request to any network address (all traffic went to a counting proxy)");

        Matcher line = Pattern.compile("<p id=\"verdict-line\"[^>]*>(.*?)</p>", Pattern.DOTALL)
                .matcher(dom);
        assertTrue(line.find(), "the verdict line");
        String verdictLine = line.group(1).replaceAll("<[^>]+>", "");
        assertTrue(verdictLine.startsWith("POOL STARVATION · bottleneck: pool · confidence: high · FAIL"), verdictLine);

        for (JsonNode e : s.path("endpoints")) {
            assertTrue(
                    dom.contains("<tr class=\"endpoint")
                            && dom.contains("data-name=\""
                                    + VerdictPage.esc(e.path("name").asText()) + "\""),
                    "row for " + e.path("name").asText());
        }
        assertEquals(s.path("endpoints").size(), count(dom, "<tr class=\"endpoint"), "one row per endpoint");
        assertEquals(
                3, count(dom, "<tr class=\"endpoint problem culprit\""), "the rows the verdict points at are marked");

        int poolPoints = Integer.parseInt(attr(dom, "figure class=\"chart\" id=\"chart-pool\"", "data-points"));
        assertEquals(28 * 4 + 2, poolPoints, "pool chart: 28 samples × active/idle/waiting/max + 2 failed samples");
        assertTrue(
                Integer.parseInt(attr(dom, "div id=\"chart-latency\"", "data-points")) >= 3 * 15 * 2,
                "latency charts drawn");
        assertTrue(count(dom, "<canvas") >= 4, "uPlot drew the pool chart and one latency chart per group");
    }

    @Test
    void aSummaryWithoutSeriesTimelineOrV2FieldsStillRendersWithoutErrors() throws Exception {
        assumeTrue(Chromium.available(), Chromium.skipReason().orElse(""));
        ObjectNode s = SummaryFixtures.starvation();
        s.put("schema_version", 1);
        ((ObjectNode) s.get("pool")).remove("series");
        s.remove(List.of("timeline", "generator"));
        ((ObjectNode) s.get("verdict")).remove(List.of("bottleneck", "confidence", "caveats"));
        for (JsonNode e : s.path("endpoints")) ((ObjectNode) e).remove(List.of("baseline_ms", "inflation", "problem"));
        Files.createDirectories(OUT);
        Path page = OUT.resolve("schema1.html");
        Files.writeString(page, VerdictPage.render(s, new VerdictPage.Links(null, null)), StandardCharsets.UTF_8);

        Chromium.Rendered r = Chromium.dumpDom(page);
        assertTrue(r.dom().contains("data-ready=\"1\""), r.log());
        assertEquals("0", attr(r.dom(), "html", "data-js-errors"), attr(r.dom(), "html", "data-js-error-last"));
        assertTrue(r.dom().contains("No pool samples over time in this summary")
                && r.dom().contains("No latency timeline in this summary"));
        assertEquals(
                4,
                count(r.dom(), "<tr class=\"endpoint problem\""),
                "rows with timeouts or unexpected statuses are still marked");
    }

    private static String attr(String dom, String element, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(element) + "[^>]*?\\s" + name + "=\"([^\"]*)\"")
                .matcher(dom);
        return m.find() ? m.group(1) : "(missing)";
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) n++;
        return n;
    }
}
