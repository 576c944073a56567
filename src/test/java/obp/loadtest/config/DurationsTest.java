package obp.loadtest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsEveryUnitAndABareNumberAsSeconds() {
        assertEquals(Optional.of(Duration.ofMillis(500)), Durations.parse("500ms"));
        assertEquals(Optional.of(Duration.ofMillis(1_500)), Durations.parse(" 1.5s "));
        assertEquals(Optional.of(Duration.ofMinutes(2)), Durations.parse("2m"));
        assertEquals(Optional.of(Duration.ofHours(1)), Durations.parse("1h"));
        assertEquals(Optional.of(Duration.ofDays(1)), Durations.parse("1d"));
        assertEquals(Optional.of(Duration.ofSeconds(30)), Durations.parse("30"));
    }

    @Test
    void refusesWhatIsNotADuration() {
        assertTrue(Durations.parse("fast").isEmpty());
        assertTrue(Durations.parse("-1s").isEmpty());
        assertTrue(Durations.parse("5 sec").isEmpty());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Durations.require("soon", "latency"));
        assertTrue(e.getMessage().contains("latency must be a duration"), e.getMessage());
    }

    @Test
    void writesTheShortestExactForm() {
        assertEquals("2m", Durations.format(Duration.ofMinutes(2)));
        assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("250ms", Durations.format(Duration.ofMillis(250)));
        assertEquals(
                Duration.ofMillis(250),
                Durations.parse(Durations.format(Duration.ofMillis(250))).orElseThrow());
    }
}
