package obp.loadtest.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import obp.loadtest.report.Redactor;
import obp.loadtest.verdict.FixtureReport;
import obp.loadtest.verdict.RunSummary;

/**
 * A run's complete result, built once in memory: the summary ({@link RunSummary}) with what completes it (the capacity
 * search, the thresholds, the history comparison, after a stop the fixture), written once, atomically, through the
 * redactor, and rendered by every output (JUnit, Markdown, the verdict page) from {@link #written()}, never from the
 * file read back. Once written it takes no more section: a second write is refused.
 */
final class RunResult {

    /** Where the summary goes: {@link RunSummary#write(Path, JsonNode, java.util.function.UnaryOperator)} in a run. */
    interface Sink {
        void write(Path file, JsonNode summary);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Sink sink;
    private final ObjectNode tree;
    private boolean written;

    RunResult(Path file, RunSummary summary, Sink sink) {
        this.file = file;
        this.sink = sink;
        this.tree = summary.toTree();
    }

    /** A run's result, written by {@link RunSummary}'s one write through the run's redactor. */
    static RunResult of(Path file, RunSummary summary) {
        return new RunResult(file, summary, (f, json) -> RunSummary.write(f, json, Redactor::redact));
    }

    Path file() {
        return file;
    }

    /** Adds a section (null adds nothing); refused once the summary is written: nothing is added to the file afterwards. */
    synchronized RunResult with(String field, JsonNode section) {
        if (written) throw new IllegalStateException("the summary is written: \"" + field + "\" comes too late");
        if (section != null) tree.set(field, section);
        return this;
    }

    /** The fixture section: what the run created and removed (after a stop, added once the cleanup is done or skipped). */
    RunResult withFixture(FixtureReport fixture) {
        return with("fixture", fixture == null ? null : RunSummary.section(fixture));
    }

    /** The tree a section is computed from before the write (the history compares it with earlier runs). */
    synchronized ObjectNode tree() {
        if (written) throw new IllegalStateException("the summary is written: its tree is no longer extended");
        return tree;
    }

    /** The summary as it is written, redacted: the value every renderer takes. */
    synchronized JsonNode written() {
        try {
            return JSON.readTree(RunSummary.text(tree, Redactor::redact));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary cannot be read as JSON", e);
        }
    }

    /**
     * Writes the summary, the first call only: a later one does nothing and returns false (after a stop, a second
     * Ctrl-C during the cleanup writes it, without the fixture, before the JVM halts; the cleanup's own write then never
     * comes). A write that fails is an {@link UncheckedIOException} saying why; the summary counts as written.
     */
    synchronized boolean write() {
        if (written) return false;
        written = true;
        sink.write(file, tree);
        return true;
    }
}
