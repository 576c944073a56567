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
        return render(stats, calibration, Map.of());
    }

    /** Beside the p95, the server's own p95 (OBP's API metrics) and the gap to ours, when the server gave any. */
    static final String[] SERVER_HEADERS = {"server p95", "gap ms"};

    /**
     * The table with the server's p95 per endpoint ({@code serverP95}, empty when the server gave none: then no server
     * columns) and the gap, our p95 minus the server's: time spent outside OBP's handler.
     */
    public static String render(SweepStats stats, Calibration calibration, Map<String, Long> serverP95) {
        return render(stats, calibration, serverP95, !serverP95.isEmpty());
    }

    private static String render(
            SweepStats stats, Calibration calibration, Map<String, Long> serverP95, boolean withServer) {
        List<EndpointStats> endpoints = new ArrayList<>(stats.all());
        if (endpoints.isEmpty()) {
            return "(no endpoints recorded)\n";
        }
        String[] headers = withServer ? withServer(HEADERS, SERVER_HEADERS) : HEADERS;
        boolean[] numeric = withServer ? withServer(NUMERIC) : NUMERIC;
        List<String[]> rows = new ArrayList<>();
        for (EndpointStats e : endpoints) {
            String[] row = new String[] {
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
            };
            if (withServer) {
                Long server = serverP95.get(e.name());
                row = withServer(row, new String[] {
                    server == null ? "-" : Long.toString(server),
                    server == null ? "-" : Long.toString(e.p95Ms() - server)
                });
            }
            rows.add(row);
        }
        int[] widths = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            widths[c] = headers[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths, numeric);
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
            line(out, rows.get(i), widths, numeric);
        }
        out.append("statuses: code×count, ")
                .append(NO_RESPONSE)
                .append(" = no response (timeout or connection error);"
                        + " baseline: what the endpoint took alone before the load (! = already failing alone)\n");
        if (withServer)
            out.append("server p95: what OBP itself measured (its API metrics); gap: our p95 minus the server's, time"
                    + " spent outside OBP's handler (queueing in front of it, the network, this generator)\n");
        return out.toString();
    }

    /** The server's columns go after "p95 ms" (index 4). */
    private static String[] withServer(String[] cells, String[] server) {
        String[] out = new String[cells.length + server.length];
        System.arraycopy(cells, 0, out, 0, 5);
        System.arraycopy(server, 0, out, 5, server.length);
        System.arraycopy(cells, 5, out, 5 + server.length, cells.length - 5);
        return out;
    }

    private static boolean[] withServer(boolean[] numeric) {
        boolean[] out = new boolean[numeric.length + SERVER_HEADERS.length];
        System.arraycopy(numeric, 0, out, 0, 5);
        for (int i = 0; i < SERVER_HEADERS.length; i++) out[5 + i] = true;
        System.arraycopy(numeric, 5, out, 5 + SERVER_HEADERS.length, numeric.length - 5);
        return out;
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

    private static void line(StringBuilder out, String[] cells, int[] widths, boolean[] numeric) {
        StringBuilder row = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                row.append("  ");
            }
            String cell = cells[c];
            String pad = " ".repeat(widths[c] - cell.length());
            row.append(numeric[c] ? pad + cell : cell + pad);
        }
        out.append(row.toString().stripTrailing()).append('\n');
    }
}
