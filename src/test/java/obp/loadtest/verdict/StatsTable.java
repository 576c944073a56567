package obp.loadtest.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The per-endpoint table printed at the end of the sweep: fixed-width text, one row per endpoint, grouped. */
public final class StatsTable {

    static final String[] HEADERS = {
        "endpoint",
        "count",
        "baseline ms",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "statuses",
        "slow",
        "timeouts",
        "conn err",
        "served by"
    };
    /** Columns 1–6 and 8–10 are numbers: right-aligned. */
    private static final boolean[] NUMERIC = {false, true, true, true, true, true, true, false, true, true, true, false
    };
    /** How a status-0 count (no response) is shown. */
    static final String NO_RESPONSE = "none";

    private StatsTable() {}

    /** The table; calibration may be null or empty, then the baseline column reads "-". */
    public static String render(SweepStats stats, Calibration calibration) {
        List<EndpointStats> endpoints = new ArrayList<>(stats.all());
        if (endpoints.isEmpty()) {
            return "(no endpoints recorded)\n";
        }
        List<String[]> rows = new ArrayList<>();
        for (EndpointStats e : endpoints) {
            rows.add(new String[] {
                e.name(),
                Long.toString(e.count()),
                baseline(calibration, e.name()),
                Long.toString(e.p50Ms()),
                Long.toString(e.p95Ms()),
                Long.toString(e.p99Ms()),
                Long.toString(e.maxMs()),
                statuses(e.statuses()),
                Long.toString(e.slow()),
                Long.toString(e.timeouts()),
                Long.toString(e.connectionErrors()),
                e.versionsServed().isEmpty() ? "-" : String.join(", ", e.versionsServed())
            });
        }
        int[] widths = new int[HEADERS.length];
        for (int c = 0; c < HEADERS.length; c++) {
            widths[c] = HEADERS[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, HEADERS, widths);
        int ruleWidth = 0;
        for (int w : widths) {
            ruleWidth += w;
        }
        out.append("-".repeat(ruleWidth + 2 * (widths.length - 1))).append('\n');
        String group = null;
        for (int i = 0; i < rows.size(); i++) {
            EndpointStats e = endpoints.get(i);
            if (!e.group().equals(group)) {
                group = e.group();
                out.append("[").append(group).append("]").append('\n');
            }
            line(out, rows.get(i), widths);
        }
        out.append("statuses: code×count, ")
                .append(NO_RESPONSE)
                .append(" = no response (timeout or connection error);"
                        + " baseline: what the endpoint took alone before the load (! = already failing alone)\n");
        return out.toString();
    }

    private static String baseline(Calibration calibration, String endpoint) {
        Calibration.Baseline b = calibration == null ? null : calibration.baseline(endpoint);
        if (b == null) return "-";
        return b.failedAlone() ? b.ms() + "!" : Long.toString(b.ms());
    }

    /** "200×57 403×3", ascending by status; status 0 shows as {@value #NO_RESPONSE}; "-" when empty. */
    public static String statuses(Map<Integer, Long> statuses) {
        if (statuses.isEmpty()) {
            return "-";
        }
        return statuses.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(s -> (s.getKey() == 0 ? NO_RESPONSE : s.getKey().toString()) + "×" + s.getValue())
                .collect(Collectors.joining(" "));
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder row = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                row.append("  ");
            }
            String cell = cells[c];
            String pad = " ".repeat(widths[c] - cell.length());
            row.append(NUMERIC[c] ? pad + cell : cell + pad);
        }
        out.append(row.toString().stripTrailing()).append('\n');
    }
}
