package obp.loadtest.verdict;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The numbers the verdict rules judge by; their defaults and meaning live in application.conf.
 *
 * @param requestTimeout   client timeout: the "cap" timeouts cluster at under pool starvation
 * @param slowThreshold    a request slower than this is SLOW
 * @param capRatio         a timeout lasting at least capRatio × requestTimeout is "at the cap"
 * @param unreachableRatio share of connection errors that makes the server UNREACHABLE
 * @param spikeRatio       an endpoint whose p95 reaches spikeRatio × slowThreshold is spiking
 * @param strict           slow requests fail the run too
 */
public record VerdictThresholds(Duration requestTimeout, Duration slowThreshold, double capRatio,
                                double unreachableRatio, double spikeRatio, boolean strict) {

    public VerdictThresholds {
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive, got " + requestTimeout);
        }
        if (slowThreshold == null || slowThreshold.isNegative()) {
            throw new IllegalArgumentException("slow threshold must not be negative, got " + slowThreshold);
        }
        requireRatio("cap ratio", capRatio);
        requireRatio("unreachable ratio", unreachableRatio);
        if (!(spikeRatio > 0)) {
            throw new IllegalArgumentException("spike ratio must be above 0, got " + spikeRatio);
        }
    }

    /** Reads obp.request-timeout, obp.slow-threshold, obp.strict and obp.verdict.* from resolved settings. */
    public static VerdictThresholds from(Config config) {
        return new VerdictThresholds(
                config.getDuration("obp.request-timeout"),
                config.getDuration("obp.slow-threshold"),
                config.getDouble("obp.verdict.cap-ratio"),
                config.getDouble("obp.verdict.unreachable-ratio"),
                config.getDouble("obp.verdict.spike-ratio"),
                config.getBoolean("obp.strict"));
    }

    /** Timeouts lasting at least this many ms are "at the cap". */
    public long capMs() {
        return Math.round(capRatio * requestTimeout.toMillis());
    }

    /** An endpoint p95 at or above this many ms is a spike. */
    public long spikeMs() {
        return Math.round(spikeRatio * slowThreshold.toMillis());
    }

    private static void requireRatio(String what, double ratio) {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException(what + " must be in (0, 1], got " + ratio);
        }
    }
}
