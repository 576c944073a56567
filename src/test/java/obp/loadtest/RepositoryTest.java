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

/** The repository explains itself: no source, script or document points at a file outside it. */
class RepositoryTest {

    /** What a pointer outside the repository looks like: the old design folder and its documents. */
    private static final Pattern OUTSIDE = Pattern.compile("\\.\\./shared|SPEC §|Reference §|obp-api-reference\\.md|GATLING-NOTES|STYLE\\.md");

    @Test
    void noFilePointsOutsideTheRepository() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).filter(RepositoryTest::tracked).toList()) {
                List<String> lines;
                try {
                    lines = Files.readAllLines(f);
                } catch (IOException binary) {
                    continue;
                }
                for (int i = 0; i < lines.size(); i++) {
                    if (OUTSIDE.matcher(lines.get(i)).find()) offenders.add(root.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
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
                if (!doc.contains("**`" + d.getFileName() + "/`**")) missing.add(d.getFileName().toString());
            }
        }
        assertEquals(List.of(), missing, "docs/architecture.md lacks a paragraph for these packages");
    }

    private static boolean tracked(Path f) {
        String p = f.toString();
        if (p.contains("/target/") || p.contains("/.git/") || p.contains("/history/") || p.contains("/node_modules/")) return false;
        if (p.endsWith("RepositoryTest.java")) return false;
        return p.matches(".*\\.(java|md|sh|conf|yml|yaml|xml|properties|example|txt)$") || p.endsWith("/run.sh") || p.endsWith(".ci/run");
    }
}
