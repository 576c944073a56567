package obp.loadtest.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class JUnitReportTest {

    static JsonNode fixture() throws Exception {
        return new ObjectMapper().readTree(JUnitReportTest.class.getResourceAsStream("/ci/starvation-summary.json"));
    }

    /** Validates against src/test/resources/junit.xsd (the Jenkins/GitLab dialect) and returns the document. */
    static Document validated(Path file) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.newSchema(JUnitReportTest.class.getResource("/junit.xsd"))
                .newValidator()
                .validate(new StreamSource(file.toFile()));
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new InputSource(new StringReader(Files.readString(file))));
    }

    static List<Element> elements(Document d, String tag) {
        NodeList list = d.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) out.add((Element) list.item(i));
        return out;
    }

    static Element testcase(Document d, String name) {
        return elements(d, "testcase").stream()
                .filter(c -> c.getAttribute("name").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no testcase " + name));
    }

    static boolean failed(Element testcase) {
        return testcase.getElementsByTagName("failure").getLength() > 0;
    }

    @Test
    void aSuitePerPhaseACasePerEndpointTheVerdictAndEachThreshold(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested/junit.xml");
        JUnitReport.write(fixture(), true, file);
        Document d = validated(file);
        assertEquals(
                List.of("accounts", "v7 sweep", "verdict"),
                elements(d, "testsuite").stream()
                        .map(s -> s.getAttribute("name"))
                        .toList());
        Element v7 = elements(d, "testsuite").get(1);
        assertEquals("4", v7.getAttribute("tests"));
        assertEquals(
                "3",
                v7.getAttribute("failures"),
                "two endpoints with timeouts, one missed threshold; the stall probe's timeouts are evidence, not a failure");
        assertEquals("2026-11-24T00:10:00Z", v7.getAttribute("timestamp"));

        Element root = testcase(d, "GET /root");
        assertEquals("obp-loadtest.v7 sweep", root.getAttribute("classname"));
        Element failure = (Element) root.getElementsByTagName("failure").item(0);
        assertEquals("timeouts", failure.getAttribute("type"));
        assertEquals(
                "3 timeouts (pool acquire ×3) after 1001–1004 ms — 12 requests: p50 4 ms, p95 1003 ms, p99 1004 ms, max 1004 ms;"
                        + " statuses none×3 200×9",
                failure.getAttribute("message"));
        assertTrue(testcase(d, "GET /users/current")
                .getElementsByTagName("failure")
                .item(0)
                .getAttributes()
                .getNamedItem("message")
                .getNodeValue()
                .contains("1 unexpected status"));
        assertTrue(!failed(testcase(d, "GET stall probe (stored_procedure_vDec2019/health)")));
        assertTrue(failed(testcase(d, "GET /users")), "a missed threshold naming the endpoint fails its case");
        assertTrue(!failed(testcase(d, "v4.0.0 create account")));

        assertTrue(failed(testcase(d, "verdict: POOL STARVATION — raise the pool, not the concurrency")));
        assertTrue(!failed(testcase(d, "threshold: all: p95 < 30s")));
        Element missed = (Element) testcase(d, "threshold: GET /users: p99 < 5ms")
                .getElementsByTagName("failure")
                .item(0);
        assertEquals(
                "missed: GET /users: p99 < 5ms — measured p99 9 ms, limit p99 < 5ms", missed.getAttribute("message"));
        assertTrue(failed(testcase(d, "threshold: v7 sweep: throughput > 50/s")));
        Element suites = d.getDocumentElement();
        assertEquals("9", suites.getAttribute("tests"), "5 endpoints, the verdict, 3 thresholds");
        assertEquals("6", suites.getAttribute("failures"), "3 endpoints, the verdict, 2 thresholds");
    }

    @Test
    void aRunFailedOnlyByThresholdsHasAPassingVerdictCase(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("junit.xml");
        JUnitReport.write(fixture(), false, file);
        Document d = validated(file);
        assertTrue(!failed(testcase(d, "verdict: POOL STARVATION — raise the pool, not the concurrency")));
    }

    @Test
    void oddTextAndMissingFieldsStillValidate(@TempDir Path dir) throws Exception {
        ObjectNode s = (ObjectNode) new ObjectMapper()
                .readTree(
                        "{\"verdict\":{\"name\":\"CLEAN\"},\"endpoints\":[{\"name\":\"GET /x?a=1&b=<2> \\\"q\\\" \\u0001\","
                                + "\"group\":\"v7 user\",\"timeouts\":1}]}");
        Path file = dir.resolve("junit.xml");
        JUnitReport.write(s, false, file);
        Document d = validated(file);
        assertEquals("GET /x?a=1&b=<2> \"q\" ", elements(d, "testcase").get(0).getAttribute("name"));
        assertTrue(failed(elements(d, "testcase").get(0)));
    }
}
