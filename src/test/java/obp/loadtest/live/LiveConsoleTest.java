package obp.loadtest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import obp.loadtest.verdict.Outcome;
import obp.loadtest.verdict.PoolEvidence;
import org.junit.jupiter.api.Test;

class LiveConsoleTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private List<String> lines() {
        String text = bytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : text.lines().toList();
    }

    private static void ok(LiveConsole c, int n) {
        for (int i = 0; i < n; i++)
            c.request("[w" + (i % 7 + 1) + "]", "GET /root", 200, 3 + i % 10, Outcome.OK, false);
    }

    @Test
    void autoPrintsEveryRequestWhileUnderTheRate() {
        LiveConsole c = new LiveConsole(out, null, LiveConsole.Mode.AUTO, 20, false);
        ok(c, 20);
        c.tick();
        assertEquals(20, lines().size());
        assertEquals("[w1] GET /root 200 3 ms", lines().get(0));
    }

    @Test
    void autoSwitchesToOneDigestASecondAboveTheRateAndKeepsEveryFlag() {
        LiveConsole c = new LiveConsole(out, null, LiveConsole.Mode.AUTO, 20, false);
        PoolEvidence pool = new PoolEvidence(java.time.Duration.ofSeconds(1));
        pool.sample(1_000, 18, 2, 20, 5, 20, 30_000, 40, 3);
        c.digestFrom(() -> 40, pool::latest);
        ok(c, 1000);
        c.request("[w7]", "GET /banks", 200, 6_200, Outcome.SLOW, true);
        c.request("[w9]", "GET /users", 0, 30_000, Outcome.TIMEOUT, true);
        c.request("[w3]", "GET /cards", 500, 4, Outcome.UNEXPECTED_STATUS, false);
        c.flag("[w4] GET /features still waiting after 5.2 s " + InFlightWatch.SLOW_FLAG);
        c.tick();
        List<String> lines = lines();
        assertEquals(20 + 3 + 1, lines.size(), String.join("\n", lines));
        assertTrue(lines.contains("[w7] GET /banks 200 6200 ms " + InFlightWatch.SLOW_FLAG));
        assertTrue(lines.contains("[w9] GET /users TIMEOUT 30000 ms " + InFlightWatch.SLOW_FLAG));
        assertTrue(lines.contains("[w4] GET /features still waiting after 5.2 s " + InFlightWatch.SLOW_FLAG));
        String digest = lines.get(lines.size() - 1);
        assertTrue(
                digest.matches(
                        "\\[\\d\\d:\\d\\d:\\d\\d] 1003 req/s \\| OK 1000 \\| slow 1 \\| timeouts 1 \\| errors 1 \\| p95 \\d+ ms"
                                + " \\| in flight 40 \\| pool 18/20 active, 5 waiting"),
                digest);

        // Still busy: digest only (and flags).
        ok(c, 500);
        c.tick();
        assertEquals(25, lines().size());
        assertTrue(lines().get(24).contains(" 500 req/s | OK 500 "), lines().get(24));

        // Quiet again: that second still ends in a digest, then request lines are back.
        ok(c, 5);
        c.tick();
        assertEquals(26, lines().size());
        ok(c, 3);
        c.tick();
        assertEquals(29, lines().size());
        assertEquals("[w1] GET /root 200 3 ms", lines().get(26));
    }

    @Test
    void p95OfTheSecondComesFromThatSecondOnly() {
        LiveConsole c = new LiveConsole(out, null, LiveConsole.Mode.AUTO, 1, false);
        for (int i = 0; i < 100; i++) c.request("[w1]", "GET /root", 200, 2_000, Outcome.OK, false);
        c.tick();
        for (int i = 0; i < 100; i++) c.request("[w1]", "GET /root", 200, i < 95 ? 10 : 900, Outcome.OK, false);
        c.tick();
        String digest = lines().get(lines().size() - 1);
        assertTrue(digest.contains("p95 10 ms"), digest);
        assertTrue(digest.contains("pool n/a"), digest);
    }

    @Test
    void flagsModePrintsOnlyFlagsAndOffPrintsNothing() {
        LiveConsole flags = new LiveConsole(out, null, LiveConsole.Mode.FLAGS, 20, false);
        ok(flags, 50);
        flags.request("[w2]", "GET /banks", 200, 6_000, Outcome.SLOW, true);
        flags.flag("in flight " + InFlightWatch.SLOW_FLAG);
        flags.tick();
        assertEquals(
                List.of(
                        "[w2] GET /banks 200 6000 ms " + InFlightWatch.SLOW_FLAG,
                        "in flight " + InFlightWatch.SLOW_FLAG),
                lines());

        bytes.reset();
        LiveConsole off = new LiveConsole(out, null, LiveConsole.Mode.OFF, 20, false);
        ok(off, 50);
        off.request("[w2]", "GET /banks", 200, 6_000, Outcome.SLOW, true);
        off.flag("in flight " + InFlightWatch.SLOW_FLAG);
        off.tick();
        off.line("verdict lines still print");
        assertEquals(List.of("verdict lines still print"), lines());
    }

    @Test
    void allModePrintsEveryRequestAndNoDigest() {
        LiveConsole c = new LiveConsole(out, null, LiveConsole.Mode.ALL, 20, false);
        ok(c, 300);
        c.tick();
        assertEquals(300, lines().size());
    }

    @Test
    void modeNamesAreCheckedWithAOneLineMessage() {
        assertEquals(LiveConsole.Mode.FLAGS, LiveConsole.Mode.parse(" Flags "));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> LiveConsole.Mode.parse("loud"));
        assertEquals("--live must be all, auto, flags or off, got 'loud'", e.getMessage());
    }
}
