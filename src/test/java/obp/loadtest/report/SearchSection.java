package obp.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The verdict page's "Capacity search" section, from the summary's {@code search} section (absent
 * without --search-v7): the knee and breaking-point lines, the table of levels, and a chart of
 * throughput and p95 against workers with the pool's waiting threads as a third line.
 */
final class SearchSection {

    private SearchSection() {}

    /** The section's HTML, or "" when the summary has no search. */
    static String html(JsonNode search) {
        if (search == null || !search.path("levels").isArray()) return "";
        StringBuilder h = new StringBuilder("<section id=\"search\">\n<h2>Capacity search</h2>\n<ul>\n");
        h.append("<li id=\"search-knee\">")
                .append(VerdictPage.esc(search.path("knee").path("line").asText("")))
                .append("</li>\n");
        h.append("<li id=\"search-breaking\">")
                .append(VerdictPage.esc(
                        search.path("breaking_point").path("line").asText("")))
                .append("</li>\n</ul>\n");
        h.append(
                        "<figure class=\"chart\" id=\"chart-search\" data-points=\"0\"><figcaption>Per level of workers: throughput (req/s, left axis), ")
                .append("p95 (ms) and threads waiting for a pool connection (right axis)</figcaption></figure>\n");
        h.append(
                        "<table id=\"search-levels\"><thead><tr><th>workers</th><th>requests</th><th>req/s</th><th>p50 ms</th><th>p95 ms</th>")
                .append(
                        "<th>errors</th><th>timeouts</th><th>pool active</th><th>pool waiting</th><th>inflation</th><th>in flight</th>")
                .append("<th>note</th></tr></thead>\n<tbody>\n");
        for (JsonNode l : search.path("levels")) {
            h.append("<tr")
                    .append(l.path("failed").asBoolean() ? " class=\"fail\"" : "")
                    .append('>');
            for (String f : new String[] {
                "workers",
                "requests",
                "throughput_per_s",
                "p50_ms",
                "p95_ms",
                "errors",
                "timeouts",
                "pool_max_active",
                "pool_max_waiting",
                "inflation",
                "in_flight"
            }) {
                h.append("<td>")
                        .append(l.has(f) ? VerdictPage.esc(l.path(f).asText()) : "-")
                        .append("</td>");
            }
            String note = l.path("failed").asBoolean()
                    ? "failed: " + l.path("verdict").asText("")
                    : l.path("generator_limited").asBoolean()
                            ? "fewer in flight than workers: generator or network limited"
                            : "";
            h.append("<td>").append(VerdictPage.esc(note)).append("</td></tr>\n");
        }
        return h.append("</tbody></table>\n</section>\n").toString();
    }

    /** Draws #chart-search with uPlot (already on the page); does nothing without it. */
    static final String JS = """
            (function(){var el=document.getElementById('chart-search');if(!el||typeof uPlot==='undefined')return;
            var S=JSON.parse(document.getElementById('summary-data').textContent);var L=(S.search&&S.search.levels)||[];if(!L.length)return;
            var css=getComputedStyle(document.documentElement);function v(n){return css.getPropertyValue(n).trim();}
            var x=[],thr=[],p95=[],wait=[];L.forEach(function(l){x.push(l.workers);thr.push(l.throughput_per_s);p95.push(l.p95_ms);
              wait.push(typeof l.pool_max_waiting==='number'?l.pool_max_waiting:null);});
            var a={stroke:v('--muted'),grid:{stroke:v('--line'),width:1},ticks:{stroke:v('--line')}};
            el.setAttribute('data-points',String(x.length*3));
            new uPlot({width:Math.max(320,Math.min(el.clientWidth||900,1350)),height:260,legend:{live:false},
              scales:{x:{time:false,distr:3,log:2},y:{range:function(u,mn,mx){return [0,Math.max(1,mx)*1.1];}},
                ms:{range:function(u,mn,mx){return [0,Math.max(1,mx)*1.1];}}},
              axes:[Object.assign({},a,{label:'workers'}),Object.assign({},a,{size:56,label:'req/s'}),
                Object.assign({},a,{scale:'ms',side:1,size:56,label:'p95 ms / threads waiting',grid:{show:false}})],
              series:[{label:'workers'},{label:'throughput (req/s)',stroke:v('--c1'),width:2.5,points:{show:true,size:6}},
                {label:'p95 (ms, right axis)',scale:'ms',stroke:v('--c3'),width:2,points:{show:true,size:6}},
                {label:'pool waiting (right axis)',scale:'ms',stroke:v('--c4'),width:1.5,dash:[6,4],points:{show:true,size:5}}]},
              [x,thr,p95,wait],el);})();""";
}
