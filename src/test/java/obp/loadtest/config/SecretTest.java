package obp.loadtest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretTest {

    private static Settings withSecrets() {
        return Settings.load(new Settings.Layers(
                Map.of(),
                Map.of(
                        "OBP_API_HOST", "http://127.0.0.1:8080",
                        "OBP_CONSUMER_KEY", "key-one-abcdef,key-two-ghijkl",
                        "OBP_USERNAME", "someone",
                        "OBP_PASSWORD", "Pa55word-Very-Secret"),
                Map.of()));
    }

    @Test
    void aSecretSettingCannotPrintItself() {
        Settings s = withSecrets();
        String printed = String.valueOf(s.server()) + s.consumerKey() + s.password() + s.masked() + s.overrides();
        assertFalse(printed.contains("key-one"), printed);
        assertFalse(printed.contains("Pa55word"), printed);
        assertTrue(
                s.server().toString().contains("password=" + Settings.MASK),
                s.server().toString());
        assertEquals("Pa55word-Very-Secret", s.password().reveal());
        assertEquals(Settings.MASK, s.masked().get("consumer-key"));
    }

    @Test
    void theRedactorLearnsEachSecretAndEachKeyOfAList() {
        assertEquals(
                List.of("key-one-abcdef,key-two-ghijkl", "key-one-abcdef", "key-two-ghijkl", "Pa55word-Very-Secret"),
                withSecrets().secrets());
    }

    @Test
    void noSecretGivenReadsEmptyNotMasked() {
        Settings s = Settings.load(new Settings.Layers(Map.of(), Map.of(), Map.of()));
        assertEquals("", s.masked().get("password"));
        assertTrue(s.password().isBlank());
        assertTrue(s.secrets().isEmpty());
    }
}
