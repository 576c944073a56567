package obp.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The repository explains itself: no source, script or document climbs out of it or names a document it lacks. */
class RepositoryTest {

    /** A relative path that climbs out of the repository. */
    private static final Pattern CLIMBS_OUT = Pattern.compile("(?<![./])\\.\\./[A-Za-z]");
    /** A section sign with no document named beside it, or a specification or run book the repository does not hold. */
    private static final Pattern UNNAMED_SOURCE = Pattern.compile("(?<![\\w.])§|\\bSPEC\\b|\\brunbook\\b");
    /** A Markdown document named by file name; OBP-API's own files are cited by their path in that repository. */
    private static final Pattern MARKDOWN = Pattern.compile("(?<![\\w/-])([A-Za-z0-9_-]+\\.md)\\b");

    @Test
    void noFilePointsOutsideTheRepository() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        List<Path> files;
        try (Stream<Path> all = Files.walk(root)) {
            files = all.filter(Files::isRegularFile)
                    .filter(RepositoryTest::tracked)
                    .toList();
        }
        java.util.Set<String> documents = new java.util.HashSet<>();
        files.forEach(f -> documents.add(f.getFileName().toString()));
        List<String> offenders = new ArrayList<>();
        for (Path f : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(f);
            } catch (IOException binary) {
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                // Documents are cited in prose: Markdown files and comments (names in code are the run's own outputs).
                boolean prose = f.toString().endsWith(".md") || line.trim().matches("^(//|\\*|/\\*\\*|#).*");
                var md = MARKDOWN.matcher(line);
                boolean missing = false;
                while (prose && md.find())
                    missing |= !documents.contains(md.group(1)) && !md.group(1).startsWith("last_run");
                boolean unnamed = prose && UNNAMED_SOURCE.matcher(line).find() && !line.contains(".md");
                // CI alone may use the real OBP-API laid beside the repository; nothing else may lean on it.
                boolean ciUsesRealObp = f.endsWith(".ci/run") && line.contains("shared/real-obp");
                if (CLIMBS_OUT.matcher(line).find() && !ciUsesRealObp || missing || unnamed)
                    offenders.add(root.relativize(f) + ":" + (i + 1) + ": " + line.trim());
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void architectureNamesEveryPackage() throws IOException {
        String doc = Files.readString(Path.of("docs/architecture.md"));
        List<String> missing = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(Path.of("src/test/java/obp/loadtest"))) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                if (!doc.contains("**`" + d.getFileName() + "/`**"))
                    missing.add(d.getFileName().toString());
            }
        }
        assertEquals(List.of(), missing, "docs/architecture.md lacks a paragraph for these packages");
    }

    private static boolean tracked(Path f) {
        String p = f.toString();
        if (p.contains("/target/") || p.contains("/.git/") || p.contains("/history/") || p.contains("/node_modules/"))
            return false;
        return p.matches(".*\\.(java|md|sh|conf|yml|yaml|xml|properties|example|txt)$")
                || p.endsWith("/run.sh")
                || p.endsWith(".ci/run");
    }
}
