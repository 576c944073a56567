package obp.loadtest.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportTest {

    private static final Parser PARSER =
            Parser.builder().extensions(List.of(TablesExtension.create())).build();

    @Test
    void rendersWithTheVerdictFirstAndItsTables(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("last_run.md");
        Path step = dir.resolve("step-summary.md");
        Files.writeString(step, "earlier step\n");
        MarkdownReport.write(JUnitReportTest.fixture(), file, step);
        String md = Files.readString(file);
        Node doc = PARSER.parse(md);

        Node first = doc.getFirstChild();
        assertTrue(first instanceof Heading, "the verdict is the first block:\n" + md);
        assertEquals(
                "❌ FAIL: POOL STARVATION — raise the pool, not the concurrency · 2 thresholds missed", text(first));

        List<TableBlock> tables = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(CustomBlock block) {
                if (block instanceof TableBlock t) tables.add(t);
                visitChildren(block);
            }
        });
        assertEquals(3, tables.size(), "thresholds, endpoints, comparison:\n" + md);
        TableBlock endpoints = tables.get(1);
        List<List<String>> rows = rows(endpoints);
        assertEquals(1 + 5, rows.size(), "the header and one row per endpoint");
        assertEquals(
                List.of("v7 no-auth", "GET /root", "12", "4", "1003", "1004", "1004", "none×3 200×9", "3", "0", "0"),
                rows.get(2));
        assertEquals("GET /users/current", rows.get(3).get(1));
        assertTrue(md.contains("| **GET /root** |"), "the rows the verdict points at stand out");
        assertEquals(
                List.of("❌ missed", "GET /users: p99 < 5ms", "p99 9 ms", "p99 < 5ms"),
                rows(tables.get(0)).get(2));

        String html = HtmlRenderer.builder()
                .extensions(List.of(TablesExtension.create()))
                .build()
                .render(doc);
        assertTrue(html.startsWith("<h2>"), html);
        assertTrue(html.contains("<td>GET /banks</td>") || html.contains("<td>GET /root</td>"), html);
        assertTrue(
                md.indexOf("### Evidence") < md.indexOf("### Thresholds")
                        && md.indexOf("### Thresholds") < md.indexOf("### Endpoints")
                        && md.indexOf("### Endpoints") < md.indexOf("### Compared with the baseline"),
                md);
        assertEquals("earlier step\n" + md + "\n", Files.readString(step), "appended to the job summary");
    }

    private static List<List<String>> rows(TableBlock table) {
        List<List<String>> out = new ArrayList<>();
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                if (!(row instanceof TableRow)) continue;
                if (section instanceof TableBody || out.isEmpty()) {
                    List<String> cells = new ArrayList<>();
                    for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                        if (cell instanceof TableCell) cells.add(text(cell));
                    }
                    out.add(cells);
                }
            }
        }
        return out;
    }

    private static String text(Node node) {
        StringBuilder out = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                out.append(text.getLiteral());
            }

            @Override
            public void visit(org.commonmark.node.Code code) {
                out.append(code.getLiteral());
            }
        });
        return out.toString();
    }
}
