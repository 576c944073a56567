package obp.loadtest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tiny helpers so handlers read like the JSON they answer with. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** obj("user_id", id, "email", email) → {"user_id":…, "email":…} in that order. */
    static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    /** A JSON file on the classpath (the emulator's data: fixed answers, OBP's message wording). */
    static JsonNode resource(String name) {
        try (InputStream in = Json.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is not on the classpath");
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] write(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(byte[] body) {
        if (body.length == 0) throw ObpError.badRequest(ObpError.INCORRECT_JSON + " The request body is empty.");
        try {
            return MAPPER.readTree(body);
        } catch (Exception e) {
            throw ObpError.badRequest(ObpError.INCORRECT_JSON);
        }
    }
}
