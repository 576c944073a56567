package obp.loadtest.config;

import java.util.Arrays;
import java.util.List;

/**
 * A secret setting's value (a consumer key, a password): it cannot print itself. {@link #toString} is
 * {@value Settings#MASK} (empty when none was given, so a summary shows that none was), so a secret that
 * reaches a log line, a banner or a summary by mistake reads masked; only {@link #reveal} gives the value,
 * at the one place that sends it (DirectLogin's header, the login body).
 */
public final class Secret {

    private static final Secret NONE = new Secret("");

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? NONE : new Secret(value);
    }

    /** The value itself: for the request that needs it, never for printing. */
    public String reveal() {
        return value;
    }

    public boolean isBlank() {
        return value.isBlank();
    }

    /** The value and, for a comma-separated list (several consumer keys), each part: what the redactor masks. */
    public List<String> parts() {
        if (value.isBlank()) return List.of();
        List<String> parts = new java.util.ArrayList<>(List.of(value));
        Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(p -> !p.isEmpty() && !p.equals(value))
                .forEach(parts::add);
        return parts;
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "" : Settings.MASK;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
