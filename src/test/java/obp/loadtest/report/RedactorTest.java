package obp.loadtest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void registeredSecretsAreMaskedWherever_theyAppear() {
        Redactor.register("Lt!9abcdefghQ");
        Redactor.register("consumerkey0123456789");
        String line =
                "DirectLogin ldtstuser: 401 username=ldtstuser, password=Lt!9abcdefghQ, consumer_key=consumerkey0123456789";
        String out = Redactor.redact(line);
        assertFalse(out.contains("Lt!9abcdefghQ"), out);
        assertFalse(out.contains("consumerkey0123456789"), out);
        assertTrue(out.contains("DirectLogin ldtstuser: 401"), out);
    }

    @Test
    void aPasswordIsMaskedInItsJsonEscapedFormToo() {
        Redactor.register("Lt\"9\\quoteQ!x");
        String json = "{\"password\":\"Lt\\\"9\\\\quoteQ!x\"}";
        assertFalse(Redactor.redact(json).contains("quoteQ"), Redactor.redact(json));
    }

    @Test
    void anEchoedTokenIsMaskedEvenWhenNeverRegistered() {
        String obp = "OBP-20003: This DirectLogin token is invalid or expired: abc123notregistered";
        assertEquals("OBP-20003: This DirectLogin token is invalid or expired: ****", Redactor.redact(obp));
        assertEquals(
                "(401 OBP-20003: This DirectLogin token is invalid or expired: ****), next",
                Redactor.redact("(401 OBP-20003: This DirectLogin token is invalid or expired: abc-def_123), next"));
    }

    @Test
    void jwtShapedStringsAreMasked() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoiMSJ9.c2lnbmF0dXJlc2lnbmF0dXJl";
        assertEquals("jwt **** end", Redactor.redact("jwt " + jwt + " end"));
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String line = "[w1] GET /users/current 200 12 ms; setup: created bank ldtst-abc";
        assertEquals(line, Redactor.redact(line));
        Redactor.register("ab"); // too short to be a secret: would mask ordinary words
        assertEquals(line, Redactor.redact(line));
    }

    @Test
    void aBodyWithAMessageIsSummarisedByItsRedactedMessage() throws Exception {
        Redactor.register("tok-registered-0001");
        assertEquals(
                "OBP-20003: This DirectLogin token is invalid or expired: ****",
                Redactor.summarise(
                        401,
                        json(
                                "{\"code\":401,\"message\":\"OBP-20003: This DirectLogin token is invalid or expired: tok-registered-0001\"}")));
    }

    @Test
    void aBodyWithoutAMessageIsNamedByStatusAndFieldsOnly() throws Exception {
        String s = Redactor.summarise(200, json("{\"token\":\"plain-value-not-a-jwt\",\"jwt\":\"x\"}"));
        assertEquals("status 200, no message; fields: jwt, token", s);
        // setup/ObpClient reads an empty body as an empty object.
        assertEquals("status 500, no message; fields: none", Redactor.summarise(500, json("{}")));
        assertEquals("status 500, empty body", Redactor.summarise(500, (JsonNode) null));
    }

    private static JsonNode json(String body) throws Exception {
        return new ObjectMapper().readTree(body);
    }

    @Test
    void theGuardedStreamRedactsWholeLinesPrintedInPieces() {
        Redactor.register("split-secret-value-42");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new Redactor.Guarded(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        out.print("a KO message: split-");
        out.print("secret-value-42");
        out.println(" end");
        out.println("second line");
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("a KO message: **** end" + System.lineSeparator() + "second line" + System.lineSeparator(), text);
    }
}
