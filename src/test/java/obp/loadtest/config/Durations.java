package obp.loadtest.config;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader and writer of durations as the settings write them: {@code 500ms}, {@code 30s},
 * {@code 2m}, {@code 1h}, {@code 1d}, decimals allowed; a bare number means seconds. The settings, the
 * emulator's latency items, the merge command and the threshold values all read through here.
 */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("^(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?$");

    private Durations() {}

    /** The duration {@code text} names, or empty when it is not one. */
    public static Optional<Duration> parse(String text) {
        if (text == null) return Optional.empty();
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) return Optional.empty();
        double millis = millis(Double.parseDouble(m.group(1)), m.group(2) == null ? "s" : m.group(2))
                .orElseThrow();
        return Optional.of(Duration.ofMillis(Math.round(millis)));
    }

    /** {@link #parse}, or an IllegalArgumentException naming {@code what}. */
    public static Duration require(String text, String what) {
        return parse(text)
                .orElseThrow(() -> new IllegalArgumentException(what
                        + " must be a duration like 500ms, 30s or 2m (a bare number is seconds), not '" + text + "'"));
    }

    /** {@code amount} of {@code unit} (ms, s, m, h, d) in milliseconds, unrounded; empty for another unit. */
    public static OptionalDouble millis(double amount, String unit) {
        return switch (unit) {
            case "ms" -> OptionalDouble.of(amount);
            case "s" -> OptionalDouble.of(amount * 1_000);
            case "m" -> OptionalDouble.of(amount * 60_000);
            case "h" -> OptionalDouble.of(amount * 3_600_000);
            case "d" -> OptionalDouble.of(amount * 86_400_000);
            default -> OptionalDouble.empty();
        };
    }

    /** The shortest exact way the settings write it: {@code 2m}, {@code 30s} or {@code 250ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms >= 60_000) return ms / 60_000 + "m";
        if (ms % 1_000 == 0) return ms / 1_000 + "s";
        return ms + "ms";
    }
}
