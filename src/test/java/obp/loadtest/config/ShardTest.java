package obp.loadtest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShardTest {

    @Test
    void parsesIOfN() {
        assertEquals(Optional.of(new Shard(2, 3)), Shard.parse(" 2/3 "));
        assertEquals(Optional.empty(), Shard.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("3/2"));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("0/2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.parse("two"));
        assertTrue(e.getMessage().contains("1/2"), e.getMessage());
    }

    /** Workers and loops split as evenly as possible, and the shares add up to the total exactly. */
    @Test
    void sharesAddUpToTheTotal() {
        for (int n = 1; n <= 7; n++) {
            for (int total = 0; total <= 20; total++) {
                int sum = 0;
                for (int i = 1; i <= n; i++) {
                    int share = new Shard(i, n).share(total);
                    assertTrue(share == total / n || share == total / n + 1, total + " over " + n);
                    sum += share;
                }
                assertEquals(total, sum, total + " over " + n);
            }
        }
        assertEquals(3, new Shard(1, 3).share(7));
        assertEquals(2, new Shard(3, 3).share(7));
    }

    /** Shards started with the same flags agree on the run id; output paths and the shard itself do not count. */
    @Test
    void runIdComesFromTheShape() {
        Map<String, Object> one = settings("1/2", "shard-1.json", 8);
        Map<String, Object> two = settings("2/2", "shard-2.json", 8);
        assertEquals(Shard.runId("", one), Shard.runId("", two));
        assertTrue(Shard.runId("", one).startsWith("shape-"));
        assertNotEquals(Shard.shape(one), Shard.shape(settings("2/2", "shard-2.json", 9)));
        assertEquals("nightly-42", Shard.runId(" nightly-42 ", one));
    }

    private static Map<String, Object> settings(String shard, String summary, int workers) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("host", "http://127.0.0.1:8080");
        s.put("workers-v7", workers);
        s.put("shard", shard);
        s.put("summary", summary);
        s.put("emulator", Map.of("pool-size", 20));
        return s;
    }
}
