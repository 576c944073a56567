package obp.loadtest.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This generator as shard {@code index} of {@code count} (1-based, {@code --shard I/N}): it runs its share of
 * the load, and its summary names the run it belongs to, so {@code ./run.sh merge} can refuse strangers.
 */
public record Shard(int index, int count) {

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,4})\\s*/\\s*(\\d{1,4})\\s*");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is I/N with 1 <= I <= N, got " + index + "/" + count);
        }
    }

    /** The shard a --shard value names; empty for "" (the whole run); an IllegalArgumentException saying why otherwise. */
    public static Optional<Shard> parse(String raw) {
        if (raw == null || raw.isBlank()) return Optional.empty();
        Matcher m = FORM.matcher(raw);
        if (!m.matches())
            throw new IllegalArgumentException("--shard must look like 1/2 (this shard / how many), got '" + raw + "'");
        return Optional.of(new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }

    /**
     * This shard's part of {@code total} (workers, loops, sweeps a second): split as evenly as possible, the
     * first {@code total % count} shards taking one more, so the parts add up to the total exactly.
     */
    public int share(int total) {
        return total / count + (index <= total % count ? 1 : 0);
    }

    /** "partial: shard 1 of 2". */
    public String label() {
        return "partial: shard " + index + " of " + count;
    }

    /**
     * The run's shape as a short fingerprint: a hash over the masked settings (secrets read ****) minus
     * {@link RunShape#PER_GENERATOR}. Shards started with the same flags share it; a shard of another load shape does not.
     */
    public static String shape(Map<String, Object> maskedSettings) {
        Map<String, Object> shape = new TreeMap<>();
        flatten("", maskedSettings, shape);
        RunShape.PER_GENERATOR.forEach(shape::remove);
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(shape.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The given --run-id, or one derived from the shape ("shape-" + its fingerprint). */
    public static String runId(String given, Map<String, Object> maskedSettings) {
        return given == null || given.isBlank() ? "shape-" + shape(maskedSettings) : given.trim();
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> in, Map<String, Object> out) {
        in.forEach((k, v) -> {
            if (v instanceof Map<?, ?> nested) flatten(prefix + k + ".", (Map<String, Object>) nested, out);
            else out.put(prefix + k, String.valueOf(v));
        });
    }
}
