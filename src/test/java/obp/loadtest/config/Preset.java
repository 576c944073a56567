package obp.loadtest.config;

import java.util.Locale;
import java.util.Map;

/**
 * Load shapes over the same scenarios, in the spirit of k6's usual smoke/load/stress/soak/spike profiles. A preset
 * only replaces built-in defaults: a worker count or duration set explicitly still wins.
 */
public enum Preset {
    NONE(Map.of()),
    /** One worker, one sweep: does everything answer? */
    SMOKE(Map.of("workers-v7", "1", "loop-v7", "1", "ramp-v7", "0s", "duration-v7", "0s")),
    /** Warm up to 20 workers over 10 s, hold for a minute. */
    DEFAULT(Map.of("workers-v7", "20", "ramp-v7", "10s", "duration-v7", "60s")),
    /** 50 workers (beyond OBP's default pool of 20), for finding the breaking point. */
    STRESS(Map.of("workers-v7", "50", "ramp-v7", "15s", "duration-v7", "60s")),
    /** 20 workers for 30 minutes: leaks and slow drift. */
    SOAK(Map.of("workers-v7", "20", "ramp-v7", "30s", "duration-v7", "30m")),
    /** 100 workers at once for 30 s: a sudden burst. */
    SPIKE(Map.of("workers-v7", "100", "ramp-v7", "0s", "duration-v7", "30s"));

    private final Map<String, String> values;

    Preset(Map<String, String> values) {
        this.values = values;
    }

    /** Setting key → value this preset gives it. */
    public Map<String, String> shape() {
        return values;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
