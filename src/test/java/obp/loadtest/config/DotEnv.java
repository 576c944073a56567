package obp.loadtest.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a {@code .env} file the way a shell would source simple assignments. */
public final class DotEnv {

    private DotEnv() {}

    /** {@code KEY=value} lines; blank lines, {@code #} comments and a leading {@code export} are allowed. */
    public static Map<String, String> read(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) return values;
        try {
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                if (line.startsWith("export "))
                    line = line.substring("export ".length()).strip();
                int eq = line.indexOf('=');
                if (eq <= 0) continue;
                values.put(
                        line.substring(0, eq).strip(),
                        unquote(line.substring(eq + 1).strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return values;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        int comment = v.indexOf(" #");
        return comment >= 0 ? v.substring(0, comment).strip() : v;
    }
}
