import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Lists the production members (methods, constructors, non-private fields, record accessors) that only
 * test code uses. Run by tools/test-only-methods.sh, which passes the source root and the test classpath.
 *
 * <p>Not a name match: javac parses and attributes every source, and each identifier, member select,
 * method reference and {@code new} is resolved to the element it names, so overloads and methods that
 * share a name with a library's are told apart. Test code is every {@code *Test.java} plus the test-only
 * helpers named in {@link #TEST_HELPERS}; everything else under the root is production.
 *
 * <p>Not checked: private members (only their own file can use them); members that override or
 * implement a supertype's (called through the supertype, often by a framework); {@code main}; members
 * the compiler generates (default and canonical record constructors); enum constants. Reflection is
 * invisible: a member found nowhere is listed apart, as it may be used by a framework (Gatling
 * instantiating a simulation, Jackson reading a record).
 *
 * <p>"Only from tests" is transitive: a member whose production callers are themselves test-only
 * members is listed too, with the chain it hangs on.
 */
public final class TestOnlyMethods {

    /**
     * Test-only helpers that are not named *Test: their uses count as test uses and their members are not
     * checked. Each says so in its own Javadoc: fixtures, the e2e launcher, the headless browser the page
     * tests drive, the emulator's wire client and its read-only database views for tests.
     */
    static final Set<String> TEST_HELPERS = Set.of(
            "obp/loadtest/verdict/RunFixture.java",
            "obp/loadtest/e2e/Launcher.java",
            "obp/loadtest/report/SummaryFixtures.java",
            "obp/loadtest/report/Chromium.java",
            "obp/loadtest/emulator/WireClient.java",
            "obp/loadtest/emulator/EmulatorState.java");

    record Decl(Element element, String label, String where, boolean reflective) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: TestOnlyMethods <source root> <classpath>");
            System.exit(2);
        }
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        List<Path> sources;
        try (Stream<Path> s = Files.walk(root)) {
            sources = s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null);
        JavacTask task = (JavacTask) javac.getTask(
                null,
                files,
                diagnostics,
                List.of("-proc:none", "-cp", args[1], "--release", "17"),
                null,
                files.getJavaFileObjectsFromPaths(sources));
        Iterable<? extends CompilationUnitTree> units = task.parse();
        task.analyze();
        List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .collect(Collectors.toList());
        if (!errors.isEmpty()) {
            errors.forEach(d -> System.err.println(d));
            System.err.println("the sources do not compile: no answer");
            System.exit(2);
        }
        Trees trees = Trees.instance(task);
        Elements elements = task.getElements();
        Types types = task.getTypes();

        Map<Element, Decl> decls = new LinkedHashMap<>();
        Map<CompilationUnitTree, Boolean> isTest = new HashMap<>();
        for (CompilationUnitTree unit : units) {
            String rel = root.relativize(Path.of(unit.getSourceFile().toUri()))
                    .toString()
                    .replace('\\', '/');
            boolean test = rel.endsWith("Test.java") || TEST_HELPERS.contains(rel);
            isTest.put(unit, test);
            if (test) continue;
            new TreePathScanner<Void, Void>() {
                @Override
                public Void visitClass(ClassTree node, Void p) {
                    Element type = trees.getElement(getCurrentPath());
                    // Local and anonymous classes: their members are reached through supertypes.
                    if (type == null
                            || !(type.getEnclosingElement() instanceof TypeElement
                                    || type.getEnclosingElement().getKind() == ElementKind.PACKAGE)) return null;
                    for (Element member : type.getEnclosedElements()) {
                        consider(member, (TypeElement) type, unit, rel);
                    }
                    return super.visitClass(node, p);
                }

                private void consider(Element m, TypeElement owner, CompilationUnitTree unit, String rel) {
                    if (m.getModifiers().contains(Modifier.PRIVATE)) return;
                    boolean accessor = false;
                    switch (m.getKind()) {
                        case METHOD -> {
                            ExecutableElement e = (ExecutableElement) m;
                            if (overrides(e, owner)) return;
                            if (e.getSimpleName().contentEquals("main")
                                    && e.getModifiers().contains(Modifier.STATIC)) return;
                            if (trees.getTree(e) == null) {
                                // Generated: an enum's values() and valueOf(), or a record component's accessor.
                                if (owner.getKind() != ElementKind.RECORD) return;
                                accessor = true;
                            }
                            // An explicit accessor of a record component is one too.
                            if (owner.getKind() == ElementKind.RECORD
                                    && e.getParameters().isEmpty()
                                    && owner.getRecordComponents().stream()
                                            .anyMatch(c -> c.getSimpleName().equals(e.getSimpleName()))) {
                                accessor = true;
                            }
                        }
                        case CONSTRUCTOR -> {
                            if (elements.getOrigin(m) != Elements.Origin.EXPLICIT) return;
                        }
                        case FIELD -> {}
                        default -> {
                            return;
                        }
                    }
                    String where = rel + ":" + line(unit, m);
                    decls.put(m, new Decl(m, label(owner, m), where, accessor));
                }

                private long line(CompilationUnitTree unit, Element m) {
                    Tree t = trees.getTree(m);
                    if (t == null) t = trees.getTree(m.getEnclosingElement());
                    long pos = trees.getSourcePositions().getStartPosition(unit, t);
                    return pos < 0 ? 0 : unit.getLineMap().getLineNumber(pos);
                }

                private boolean overrides(ExecutableElement e, TypeElement owner) {
                    if (e.getModifiers().contains(Modifier.STATIC)) return false;
                    for (TypeElement sup : supertypes(owner, new HashSet<>())) {
                        for (Element other : sup.getEnclosedElements()) {
                            if (other.getKind() == ElementKind.METHOD
                                    && other.getSimpleName().equals(e.getSimpleName())
                                    && elements.overrides(e, (ExecutableElement) other, owner)) return true;
                        }
                    }
                    return false;
                }

                private Set<TypeElement> supertypes(TypeElement t, Set<TypeElement> seen) {
                    for (TypeMirror s : types.directSupertypes(t.asType())) {
                        if (s instanceof DeclaredType d && d.asElement() instanceof TypeElement te && seen.add(te)) {
                            supertypes(te, seen);
                        }
                    }
                    return seen;
                }
            }.scan(unit, null);
        }

        // Every use: which element, from test or production code, and from inside which tracked member.
        Map<Element, Set<String>> testUses = new HashMap<>();
        Map<Element, Set<Element>> prodUsers =
                new HashMap<>(); // null user = production code outside any tracked member
        Element outside = null;
        for (CompilationUnitTree unit : units) {
            boolean test = isTest.get(unit);
            String file = Path.of(unit.getSourceFile().toUri()).getFileName().toString();
            new TreePathScanner<Void, Void>() {
                private void use() {
                    Element e = trees.getElement(getCurrentPath());
                    if (e == null) return;
                    // A call of an implicit record accessor or of an overridden method resolves to itself here.
                    if (!decls.containsKey(e)) return;
                    if (test) {
                        testUses.computeIfAbsent(e, k -> new TreeSet<>()).add(file.replace(".java", ""));
                    } else {
                        prodUsers.computeIfAbsent(e, k -> new HashSet<>()).add(enclosing(getCurrentPath()));
                    }
                }

                private Element enclosing(TreePath path) {
                    for (TreePath p = path; p != null; p = p.getParentPath()) {
                        Tree t = p.getLeaf();
                        if (t instanceof MethodTree || t instanceof VariableTree) {
                            Element e = trees.getElement(p);
                            if (e != null && decls.containsKey(e)) return e;
                        }
                    }
                    return outside;
                }

                @Override
                public Void visitIdentifier(IdentifierTree node, Void p) {
                    use();
                    return super.visitIdentifier(node, p);
                }

                @Override
                public Void visitMemberSelect(MemberSelectTree node, Void p) {
                    use();
                    return super.visitMemberSelect(node, p);
                }

                @Override
                public Void visitMemberReference(MemberReferenceTree node, Void p) {
                    use();
                    return super.visitMemberReference(node, p);
                }

                @Override
                public Void visitNewClass(NewClassTree node, Void p) {
                    use();
                    return super.visitNewClass(node, p);
                }
            }.scan(unit, null);
        }

        // Test-only: no production user other than itself and members already found test-only.
        Set<Element> testOnly = new HashSet<>();
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Element e : decls.keySet()) {
                if (testOnly.contains(e)) continue;
                Set<Element> users = prodUsers.getOrDefault(e, Set.of());
                boolean onlyTests = users.stream().allMatch(u -> u != null && (u.equals(e) || testOnly.contains(u)));
                if (onlyTests && (testUses.containsKey(e) || !users.isEmpty())) {
                    testOnly.add(e);
                    grew = true;
                }
            }
        }

        List<String> direct = new ArrayList<>();
        List<String> transitive = new ArrayList<>();
        List<String> accessors = new ArrayList<>();
        List<String> unused = new ArrayList<>();
        for (Decl d : decls.values()) {
            Element e = d.element();
            Set<Element> users = prodUsers.getOrDefault(e, Set.of());
            String tests = String.join(", ", testUses.getOrDefault(e, Set.of()));
            if (testOnly.contains(e)) {
                boolean self = users.stream().allMatch(u -> u.equals(e));
                String line = String.format(
                        "%-60s %s%n      used by tests: %s", d.label(), d.where(), tests.isEmpty() ? "-" : tests);
                if (!self) {
                    line += "\n      used in production only by test-only: "
                            + users.stream()
                                    .filter(u -> !u.equals(e))
                                    .map(u -> decls.get(u).label())
                                    .sorted()
                                    .collect(Collectors.joining(", "));
                }
                (d.reflective() ? accessors : self ? direct : transitive).add(line);
            } else if (users.isEmpty() && !testUses.containsKey(e) && !d.reflective()) {
                unused.add(String.format("%-60s %s", d.label(), d.where()));
            }
        }
        section("Used only from tests", direct);
        section("Used in production only by members that only tests use", transitive);
        section("Record accessors used only from tests (Jackson may still read them when serializing)", accessors);
        section(
                "Used nowhere (may be reached by reflection: Gatling instantiates simulations; record accessors "
                        + "nobody calls are left out, Jackson writes them)",
                unused);
        System.out.printf(
                "checked %d production members in %d files: %d test-only, %d test-only through test-only callers, "
                        + "%d record accessors test-only, %d unused%n",
                decls.size(),
                isTest.values().stream().filter(t -> !t).count(),
                direct.size(),
                transitive.size(),
                accessors.size(),
                unused.size());
        System.exit(direct.isEmpty() && transitive.isEmpty() ? 0 : 1);
    }

    static void section(String title, List<String> lines) {
        System.out.println("== " + title + " (" + lines.size() + ")");
        lines.forEach(l -> System.out.println("  " + l));
        System.out.println();
    }

    static String label(TypeElement owner, Element m) {
        String type = owner.getQualifiedName().toString().replaceFirst("^obp\\.loadtest\\.", "");
        return switch (m.getKind()) {
            case CONSTRUCTOR -> "new " + type + params((ExecutableElement) m);
            case METHOD -> type + "." + m.getSimpleName() + params((ExecutableElement) m);
            default -> type + "." + m.getSimpleName();
        };
    }

    static String params(ExecutableElement e) {
        return e.getParameters().stream()
                .map(p -> simple(p.asType().toString()))
                .collect(Collectors.joining(", ", "(", ")"));
    }

    static String simple(String type) {
        return type.replaceAll("\\b[a-z][\\w]*\\.", "");
    }
}
