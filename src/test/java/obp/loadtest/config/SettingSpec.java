package obp.loadtest.config;

/**
 * One setting as application.conf declares it: config key (below {@code obp.}), flag, env var,
 * the default written there, and its one-line description.
 */
public record SettingSpec(String key, String flag, String env, String description, Type type, String defaultValue) {

    public enum Type {
        INT,
        DECIMAL,
        BOOLEAN,
        DURATION,
        STRING,
        /** A string that never prints itself: parsed to {@link Secret}; application.conf marks it "(secret)". */
        SECRET
    }

    /** The full typesafe-config path, e.g. {@code obp.loop-v7}. */
    public String path() {
        return "obp." + key;
    }

    public boolean secret() {
        return type == Type.SECRET;
    }
}
