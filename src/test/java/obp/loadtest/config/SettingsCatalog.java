package obp.loadtest.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting, read from the comments of application.conf ({@code # --flag | ENV | text}), so
 * the flags, env vars, --help and the README table all come from one file.
 */
public final class SettingsCatalog {

    static final String RESOURCE = "application.conf";
    private static final Pattern SPEC_COMMENT =
            Pattern.compile("^\\s*(--[a-z0-9-]+)\\s*\\|\\s*([A-Z0-9_]+)\\s*\\|\\s*(.+)$");
    private static final Pattern DURATION = Pattern.compile("^\\d+(\\.\\d+)?\\s*(ms|s|m|h|d)$");

    private static final SettingsCatalog INSTANCE = load();

    private final List<SettingSpec> settings;

    private SettingsCatalog(List<SettingSpec> settings) {
        this.settings = settings;
    }

    public static SettingsCatalog get() {
        return INSTANCE;
    }

    public List<SettingSpec> all() {
        return settings;
    }

    public Optional<SettingSpec> byKey(String key) {
        return settings.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    public SettingSpec require(String key) {
        return byKey(key).orElseThrow(() -> new IllegalStateException("no setting obp." + key + " in " + RESOURCE));
    }

    /**
     * The catalogue as {@code run.sh} reads it, one setting a line: flag, env var, config path, default
     * and description, split by {@code |} (which none of them holds). run.sh needs it before anything is
     * compiled, so it is kept beside application.conf as {@value #FLAG_TABLE}, and
     * SettingsDocumentationTest fails when that copy is stale.
     */
    public String flagTable() {
        StringBuilder out = new StringBuilder(FLAG_TABLE_HEADER);
        for (SettingSpec s : settings) {
            out.append(String.join("|", s.flag(), s.env(), s.path(), s.defaultValue(), s.description()))
                    .append('\n');
        }
        return out.toString();
    }

    /** Where run.sh reads {@link #flagTable()}, beside application.conf. */
    public static final String FLAG_TABLE = "src/test/resources/run-flags.txt";

    static final String FLAG_TABLE_HEADER =
            "# Generated from application.conf by SettingsCatalog.flagTable(): do not edit.\n"
                    + "# SettingsDocumentationTest fails when it is stale and writes the fresh copy to target/run-flags.txt.\n"
                    + "# flag|env var|config path|default|description\n";

    private static SettingsCatalog load() {
        Config file = ConfigFactory.parseResources(RESOURCE);
        List<String> lines = resourceLines();
        if (!file.hasPath("obp")) {
            throw new IllegalStateException(RESOURCE + " with an obp section is missing from the classpath");
        }
        List<SettingSpec> specs = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : file.getConfig("obp").entrySet()) {
            specs.add(spec(e.getKey(), e.getValue(), lines));
        }
        // entrySet order is unspecified: keep the file's order so help and README read top-down.
        specs.sort((a, b) -> Integer.compare(line(file, a), line(file, b)));
        return new SettingsCatalog(Collections.unmodifiableList(specs));
    }

    private static int line(Config file, SettingSpec s) {
        return file.getValue(s.path()).origin().lineNumber();
    }

    private static List<String> resourceLines() {
        try (var in = SettingsCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + " from the classpath", e);
        }
    }

    private static SettingSpec spec(String key, ConfigValue value, List<String> lines) {
        List<String> comments = value.origin().comments();
        for (int i = comments.size() - 1; i >= 0; i--) {
            Matcher m = SPEC_COMMENT.matcher(comments.get(i));
            if (m.matches()) {
                // typesafe-config reads 0.0 as the integer 0: the literal as written tells a decimal apart,
                // and is the default shown (10.0, not 10).
                String written = lines.get(value.origin().lineNumber() - 1);
                String description = m.group(3).trim();
                // The catalogue's one mark of a secret (run.sh reads it too, to keep the value off command lines).
                SettingSpec.Type type =
                        description.contains("(secret)") ? SettingSpec.Type.SECRET : typeOf(value, written);
                String raw = type == SettingSpec.Type.DECIMAL ? literal(written) : String.valueOf(value.unwrapped());
                return new SettingSpec(key, m.group(1), m.group(2), description, type, raw);
            }
        }
        throw new IllegalStateException(
                "obp." + key + " in " + RESOURCE + " lacks its '# --flag | ENV | description' comment");
    }

    private static String literal(String writtenLine) {
        return writtenLine.substring(writtenLine.indexOf('=') + 1).trim().replaceAll("^\"|\"$", "");
    }

    private static SettingSpec.Type typeOf(ConfigValue value, String writtenLine) {
        String literal = literal(writtenLine);
        if (value.valueType() == ConfigValueType.BOOLEAN) return SettingSpec.Type.BOOLEAN;
        if (value.valueType() == ConfigValueType.NUMBER) {
            return literal.contains(".") ? SettingSpec.Type.DECIMAL : SettingSpec.Type.INT;
        }
        return DURATION.matcher(literal).matches() ? SettingSpec.Type.DURATION : SettingSpec.Type.STRING;
    }
}
