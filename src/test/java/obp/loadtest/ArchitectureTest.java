package obp.loadtest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package boundaries of docs/architecture.md, enforced. The allowed dependencies are the page's table
 * ("Packages: what each owns and may use"), read here: the picture and the rules are one list. Test
 * classes ({@code *Test}, {@code *Tests} and their nested classes) are left out: a test may reach any
 * package (an emulator, a fixture); everything else under {@code obp.loadtest} is checked, the tests'
 * helpers ({@code WireClient}, {@code EmulatorState}, {@code Launcher}, …) included.
 */
class ArchitectureTest {

    private static final String ROOT = "obp.loadtest";
    private static final Path PAGE = Path.of("docs/architecture.md");

    /** A test class or one nested in it: TimedTest, TimedTest$1, RepositoryTest$Finding. */
    private static final Pattern TEST_CLASS = Pattern.compile(".*/[A-Za-z0-9_]+Tests?(\\$[^/]*)?\\.class$");

    private static final ImportOption NOT_TESTS = location -> !location.matches(TEST_CLASS);

    /** The one class outside emulator/ that may use it: the composition root, which starts the embedded emulator. */
    static final String EMULATOR_STARTER = ROOT + ".run.ObpRun";

    /** The packages of the product, which never reach the emulator (but through {@link #EMULATOR_STARTER}). */
    static final List<String> PRODUCT = List.of(
            "outcome",
            "config",
            "obp",
            "verdict",
            "report",
            "setup",
            "live",
            "scenarios",
            "ci",
            "merge",
            "run",
            "simulations");

    private static JavaClasses classes;
    private static Map<String, List<String>> allowed;

    @BeforeAll
    static void importClasses() throws IOException {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .withImportOption(NOT_TESTS)
                .importPackages(ROOT);
        allowed = table(Files.readString(PAGE));
    }

    /**
     * The page's table: {@code | `pkg` | `other`, `other/Class`, … |}, "—" for nothing of ours, "everything"
     * for any package. Read from the section's first table on.
     */
    static Map<String, List<String>> table(String page) {
        int section = page.indexOf("## Packages: what each owns and may use");
        if (section < 0) throw new AssertionError(PAGE + " has no section 'Packages: what each owns and may use'");
        Map<String, List<String>> rows = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\| `([a-z0-9]+)/?` \\| (.*) \\|$");
        boolean inTable = false;
        for (String line : page.substring(section).split("\n")) {
            Matcher m = row.matcher(line.strip());
            if (m.matches()) {
                inTable = true;
                String uses = m.group(2).strip();
                List<String> items = new ArrayList<>();
                if (uses.startsWith("everything")) items.add("*");
                else {
                    Matcher item =
                            Pattern.compile("`([a-z0-9]+)/?([A-Za-z0-9]*)`").matcher(uses);
                    while (item.find())
                        items.add(item.group(2).isEmpty() ? item.group(1) : item.group(1) + "/" + item.group(2));
                }
                rows.put(m.group(1), items);
            } else if (inTable && !line.startsWith("|")) {
                break;
            }
        }
        return rows;
    }

    @Test
    void theTableNamesEveryPackageOnce() throws IOException {
        Set<String> packages;
        try (Stream<Path> dirs = Files.list(Path.of("src/test/java/obp/loadtest"))) {
            packages = dirs.filter(Files::isDirectory)
                    .map(d -> d.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(packages, new TreeSet<>(allowed.keySet()), PAGE + "'s table of packages and the source tree");
        for (Map.Entry<String, List<String>> row : allowed.entrySet()) {
            for (String item : row.getValue()) {
                String pkg = item.contains("/") ? item.substring(0, item.indexOf('/')) : item;
                assertFalse(
                        !item.equals("*") && !packages.contains(pkg),
                        row.getKey() + "'s row names " + item + ", which is no package");
            }
        }
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    /** Each row of the table: the package's classes use only what the row names, their own package and libraries. */
    @Test
    void eachPackageUsesOnlyWhatThePageSays() {
        List<AssertionError> broken = new ArrayList<>();
        for (Map.Entry<String, List<String>> row : allowed.entrySet()) {
            if (row.getValue().contains("*")) continue;
            String pkg = row.getKey();
            ArchRule rule = classes()
                    .that()
                    .resideInAPackage(ROOT + "." + pkg + "..")
                    .should()
                    .onlyDependOnClassesThat(allowedFrom(pkg, row.getValue()))
                    .allowEmptyShould(true);
            try {
                rule.check(classes);
            } catch (AssertionError e) {
                broken.add(e);
            }
        }
        if (!broken.isEmpty())
            throw new AssertionError(broken.stream().map(Throwable::getMessage).collect(Collectors.joining("\n\n")));
    }

    private static DescribedPredicate<JavaClass> allowedFrom(String pkg, List<String> uses) {
        return DescribedPredicate.describe(
                "are outside " + ROOT + ", in " + pkg + "/ or named in its row (" + String.join(", ", uses) + ")",
                target -> {
                    String name = target.getName();
                    if (!name.startsWith(ROOT + ".")) return true;
                    String rest = name.substring(ROOT.length() + 1);
                    if (rest.indexOf('.') < 0) return false; // the root package holds only tests
                    String targetPackage = rest.substring(0, rest.indexOf('.'));
                    if (targetPackage.equals(pkg) || uses.contains(targetPackage)) return true;
                    String simple = rest.substring(rest.lastIndexOf('.') + 1);
                    int nested = simple.indexOf('$');
                    String topLevel = nested < 0 ? simple : simple.substring(0, nested);
                    return uses.contains(targetPackage + "/" + topLevel);
                });
    }

    /** The emulator stands apart from the product: only the composition root starts it (and checks its section). */
    @Test
    void theProductReachesTheEmulatorOnlyThroughTheCompositionRoot() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        PRODUCT.stream().map(p -> ROOT + "." + p + "..").toArray(String[]::new))
                .and(DescribedPredicate.describe(
                        "are not " + EMULATOR_STARTER,
                        c -> !c.getName().equals(EMULATOR_STARTER)
                                && !c.getName().startsWith(EMULATOR_STARTER + "$")))
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".emulator..")
                .check(classes);
    }

    /**
     * Settings are read once a run: run/Main validates them and hands the value to the run; only the composition
     * root reads them (for Main's check, and itself under {@code mvn gatling:test}, where no Main runs).
     */
    @Test
    void onlyTheCompositionRootReadsTheSettings() {
        noClasses()
                .that(DescribedPredicate.describe(
                        "are not " + EMULATOR_STARTER + " or Settings itself",
                        c -> !c.getName().equals(EMULATOR_STARTER)
                                && !c.getName().startsWith(EMULATOR_STARTER + "$")
                                && !c.getName().equals(obp.loadtest.config.Settings.class.getName())))
                .should()
                .callMethod(obp.loadtest.config.Settings.class, "load", obp.loadtest.config.Settings.Layers.class)
                .orShould()
                .callMethod(obp.loadtest.config.Settings.class, "fromEnvironment")
                .check(classes);
    }

    /**
     * verdict is pure: no network, no process, no console, no environment; files only where the summary is
     * read and written ({@code RunSummary}) and atomically replaced ({@code SharedFile}).
     */
    @Test
    void verdictDoesNoIoBeyondItsSummaryFile() {
        String verdict = ROOT + ".verdict..";
        noClasses()
                .that()
                .resideInAPackage(verdict)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.net..", "java.net.http..")
                .orShould()
                .dependOnClassesThat()
                .belongToAnyOf(ProcessBuilder.class, Process.class, ProcessHandle.class)
                .check(classes);
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(classes.that(DescribedPredicate.describe(
                "reside in " + verdict, c -> c.getPackageName().startsWith(ROOT + ".verdict"))));
        noClasses()
                .that()
                .resideInAPackage(verdict)
                .should()
                .callMethod(System.class, "getenv", String.class)
                .orShould()
                .callMethod(System.class, "getenv")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage(verdict)
                .and(DescribedPredicate.describe(
                        "are not RunSummary or SharedFile",
                        c -> !Set.of("RunSummary", "SharedFile").contains(topLevel(c))))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.nio.file..")
                .orShould()
                .dependOnClassesThat()
                .belongToAnyOf(
                        java.io.File.class,
                        java.io.FileInputStream.class,
                        java.io.FileOutputStream.class,
                        java.io.FileReader.class,
                        java.io.FileWriter.class,
                        java.io.RandomAccessFile.class)
                .check(classes);
    }

    private static String topLevel(JavaClass c) {
        String simple = c.getName().substring(c.getName().lastIndexOf('.') + 1);
        int nested = simple.indexOf('$');
        return nested < 0 ? simple : simple.substring(0, nested);
    }
}
