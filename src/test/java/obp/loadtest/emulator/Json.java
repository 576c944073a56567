package obp.loadtest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
