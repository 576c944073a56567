package obp.loadtest.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsTableTest {

    @Test
    void statusBreakdownReadsCodeTimesCount() {
        assertEquals("none×2 200×57 403×3", StatsTable.statuses(Map.of(403, 3L, 200, 57L, 0, 2L)));
        assertEquals("-", StatsTable.statuses(Map.of()));
    }

    @Test
    void tableHasOneAlignedRowPerEndpointUnderItsGroup() {
        SweepStats stats = new SweepStats();
        EndpointStats banks = stats.endpoint("GET /banks", "v7 no-auth", false);
        EndpointStats probe =
                stats.endpoint("GET /system/connectors/stored_procedure_vDec2019/health", "v7 stall probe", true);
        for (int i = 1; i <= 100; i++) {
            banks.record(200, null, i, Classification.OK);
        }
        probe.record(0, null, 30_000, Classification.timeout(TimeoutCause.CLIENT));
        probe.record(200, "v6.0.0", 6_000, Classification.SLOW);

        String[] lines = StatsTable.render(stats, null).split("\n");
        assertTrue(lines[0].startsWith("endpoint"), lines[0]);
        assertTrue(lines[0].contains("p95 ms") && lines[0].contains("served by"), lines[0]);
        assertEquals("[v7 no-auth]", lines[2]);
        String banksRow = lines[3];
        assertTrue(
                banksRow.matches("GET /banks +100 +- +50 +95 +99 +100 +200×100 +0 +0 +0 +v7\\.0\\.0 native"), banksRow);
        assertEquals("[v7 stall probe]", lines[4]);
        String probeRow = lines[5];
        assertTrue(probeRow.contains("none×1 200×1"), probeRow);
        assertTrue(probeRow.endsWith("v6.0.0"), probeRow);
        // Fixed width: the count column ends at the same offset in every row.
        int countEnd = lines[0].indexOf("count") + "count".length();
        assertEquals('0', banksRow.charAt(countEnd - 1));
        assertEquals('2', probeRow.charAt(countEnd - 1));
        assertTrue(lines[lines.length - 1].contains("none = no response"));
    }

    @Test
    void theServersP95AndTheGapSitBesideOursWhenTheServerGaveThem() {
        SweepStats stats = new SweepStats();
        EndpointStats banks = stats.endpoint("GET /banks", "v7 no-auth", false);
        EndpointStats root = stats.endpoint("GET /root", "v7 no-auth", false);
        for (int i = 1; i <= 100; i++) {
            banks.record(200, null, i, Classification.OK);
            root.record(200, null, i, Classification.OK);
        }
        String[] lines =
                StatsTable.render(stats, null, Map.of("GET /banks", 30L)).split("\n");
        assertTrue(
                lines[0].matches("endpoint +count +baseline ms +p50 ms +p95 ms +server p95 +gap ms +p99 ms.*"),
                lines[0]);
        assertTrue(lines[3].matches("GET /banks +100 +- +50 +95 +30 +65 +99 +100 .*"), lines[3]);
        assertTrue(
                lines[4].matches("GET /root +100 +- +50 +95 +- +- +99 +100 .*"),
                "no row, no server figure: " + lines[4]);
        assertTrue(lines[lines.length - 1].startsWith("server p95: what OBP itself measured"), lines[lines.length - 1]);
        assertFalse(StatsTable.render(stats, null, Map.of()).contains("server p95"), "no server column without rows");
    }

    @Test
    void emptySweepSaysSo() {
        assertEquals("(no endpoints recorded)\n", StatsTable.render(new SweepStats(), null));
    }
}
