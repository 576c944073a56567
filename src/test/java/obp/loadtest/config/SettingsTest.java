package obp.loadtest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    private static Settings load(Map<String, String> dotEnv, Map<String, String> env, Map<String, String> flags) {
        return Settings.load(new Settings.Layers(dotEnv, env, flags));
    }

    private static List<String> problems(Map<String, String> env, Map<String, String> flags) {
        return assertThrows(SettingsException.class, () -> load(Map.of(), env, flags))
                .problems();
    }

    @Test
    void defaultsMatchTheGoTool() {
        Settings s = load(Map.of(), Map.of(), Map.of());
        assertEquals("http://127.0.0.1:8080", s.host());
        assertEquals(3, s.loopAccounts());
        assertEquals(3, s.loopConsents());
        assertEquals(3, s.loopV7());
        assertEquals(1, s.workersV7());
        assertEquals(1, s.usersV7());
        assertEquals(Duration.ofSeconds(30), s.requestTimeout());
        assertEquals(Duration.ofSeconds(5), s.slowThreshold());
        assertTrue(s.stallProbe());
    }

    @Test
    void noHostConfiguredMeansTheEmbeddedEmulator() {
        assertTrue(load(Map.of(), Map.of(), Map.of()).embedded());
        Settings configured =
                load(Map.of(), Map.of("OBP_API_HOST", "http://10.0.0.5:8080", "OBP_CONSUMER_KEY", "k"), Map.of());
        assertFalse(configured.embedded());
        Settings forced =
                load(Map.of(), Map.of("OBP_API_HOST", "http://10.0.0.5:8080"), Map.of("obp.target", "emulator"));
        assertTrue(forced.embedded());
    }

    @Test
    void dotEnvOverridesDefaults() {
        assertEquals(7, load(Map.of("OBP_LOOP_V7", "7"), Map.of(), Map.of()).loopV7());
    }

    @Test
    void environmentOverridesDotEnv() {
        Settings s = load(Map.of("OBP_LOOP_V7", "7"), Map.of("OBP_LOOP_V7", "8"), Map.of());
        assertEquals(8, s.loopV7());
        assertEquals(Settings.Source.ENV, s.source("loop-v7"));
    }

    @Test
    void flagsOverrideEnvironment() {
        Settings s = load(Map.of("OBP_LOOP_V7", "7"), Map.of("OBP_LOOP_V7", "8"), Map.of("obp.loop-v7", "9"));
        assertEquals(9, s.loopV7());
        assertEquals(Settings.Source.FLAG, s.source("loop-v7"));
    }

    @Test
    void goToolEnvNamesAreKept() {
        Settings s = load(
                Map.of(),
                Map.of(
                        "OBP_CONSUMER_KEY",
                        "ck",
                        "OBP_API_HOST",
                        "https://obp.example:443",
                        "OBP_USERNAME",
                        "u",
                        "OBP_PASSWORD",
                        "p",
                        "OBP_WORKERS_V7",
                        "4",
                        "OBP_USERS_V7",
                        "2"),
                Map.of());
        assertEquals("ck", s.consumerKey().reveal());
        assertEquals("https://obp.example:443", s.host());
        assertEquals(4, s.workersV7());
        assertEquals(2, s.usersV7());
    }

    @Test
    void presetReplacesDefaultsButNotExplicitSettings() {
        Settings stress = load(Map.of(), Map.of(), Map.of("obp.preset", "stress"));
        assertEquals(50, stress.workersV7());
        assertEquals(Duration.ofSeconds(60), stress.durationV7());
        Settings explicit = load(Map.of(), Map.of(), Map.of("obp.preset", "stress", "obp.workers-v7", "30"));
        assertEquals(30, explicit.workersV7());
    }

    @Test
    void negativeCountIsRefusedByName() {
        assertEquals(
                List.of("--workers-v7 must be 0 or more, got '-3'"),
                problems(Map.of(), Map.of("obp.workers-v7", "-3")));
    }

    @Test
    void nonNumericCountIsRefusedByName() {
        assertEquals(
                List.of("--loop-v7 must be a whole number, got 'abc'"),
                problems(Map.of(), Map.of("obp.loop-v7", "abc")));
    }

    @Test
    void problemNamesTheEnvVarWhenThatIsWhereTheValueCameFrom() {
        assertEquals(
                List.of("OBP_LOOP_ACCOUNTS (environment) must be a whole number, got 'x'"),
                problems(Map.of("OBP_LOOP_ACCOUNTS", "x"), Map.of()));
    }

    @Test
    void malformedHostIsOneLine() {
        assertEquals(
                List.of("--host must be a URL like http://127.0.0.1:8080, got 'not-a-url'"),
                problems(Map.of(), Map.of("obp.host", "not-a-url")));
        assertEquals(1, problems(Map.of(), Map.of("obp.host", "ftp://x")).size());
        assertEquals(
                1,
                problems(Map.of(), Map.of("obp.host", "http://h:8080/obp/v7.0.0"))
                        .size());
    }

    @Test
    void realHostNeedsAConsumerKey() {
        List<String> p = problems(Map.of(), Map.of("obp.host", "http://127.0.0.1:8080"));
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("--consumer (OBP_CONSUMER_KEY) is required against a real server"), p.get(0));
    }

    @Test
    void moreUsersThanWorkersIsRefused() {
        assertEquals(
                List.of(
                        "--users-v7 (10) is more than --workers-v7 (4): workers take users round-robin, so 6 would never be used"),
                problems(Map.of(), Map.of("obp.users-v7", "10", "obp.workers-v7", "4")));
    }

    @Test
    void moreUsersThanWorkersIsFineWhenTheSweepIsSkipped() {
        assertEquals(
                0,
                load(Map.of(), Map.of(), Map.of("obp.users-v7", "10", "obp.workers-v7", "4", "obp.loop-v7", "0"))
                        .loopV7());
    }

    @Test
    void allLoopsZeroIsRefused() {
        assertEquals(
                List.of("nothing to run: --loop-accounts, --loop-consents and --loop-v7 are all 0"),
                problems(Map.of(), Map.of("obp.loop-accounts", "0", "obp.loop-consents", "0", "obp.loop-v7", "0")));
    }

    @Test
    void unknownPropertyIsRefused() {
        assertEquals(
                List.of("unknown setting -Dobp.lop-v7 (see ./run.sh --help)"),
                problems(Map.of(), Map.of("obp.lop-v7", "3")));
    }

    @Test
    void badDurationBooleanAndChoiceAreRefused() {
        List<String> p =
                problems(Map.of(), Map.of("obp.request-timeout", "soon", "obp.strict", "maybe", "obp.preset", "huge"));
        assertEquals(3, p.size(), p.toString());
        assertTrue(p.stream().anyMatch(l -> l.startsWith("--request-timeout must be a duration")));
        assertTrue(p.stream().anyMatch(l -> l.equals("--strict must be true or false, got 'maybe'")));
        assertTrue(p.stream()
                .anyMatch(l -> l.startsWith("--preset must be one of none, smoke, default, stress, soak, spike")));
    }

    @Test
    void decimalSettingTakesAFractionEvenWhenItsDefaultLooksWhole() {
        // error-rate = 0.0 in application.conf, which typesafe-config reads as the integer 0
        assertEquals(
                0.3,
                load(Map.of(), Map.of(), Map.of("obp.emulator.error-rate", "0.3"))
                        .emulator()
                        .getDouble("error-rate"));
        assertEquals(
                List.of("--emulator-error-rate must be between 0 and 1, got '1.5'"),
                problems(Map.of(), Map.of("obp.emulator.error-rate", "1.5")));
    }

    @Test
    void bareNumberDurationIsSeconds() {
        assertEquals(
                Duration.ofSeconds(10),
                load(Map.of(), Map.of(), Map.of("obp.request-timeout", "10")).requestTimeout());
        assertEquals(
                Duration.ofMillis(1500),
                load(Map.of(), Map.of(), Map.of("obp.slow-threshold", "1500ms")).slowThreshold());
    }

    @Test
    void usernameWithoutPasswordIsRefused() {
        assertEquals(
                List.of("--username and --password go together: give both, or neither to auto-create a user"),
                problems(Map.of(), Map.of("obp.username", "bob")));
    }

    @Test
    void secretsAreMaskedWhereverSettingsArePrinted() {
        Settings s = load(
                Map.of(),
                Map.of("OBP_CONSUMER_KEY", "ck-secret-123", "OBP_API_HOST", "http://127.0.0.1:8080"),
                Map.of("obp.username", "alice", "obp.password", "Pa55word!secret"));
        Map<String, Object> shown = s.masked();
        assertEquals("****", shown.get("consumer-key"));
        assertEquals("****", shown.get("password"));
        assertEquals("alice", shown.get("username"));
        assertEquals(
                "",
                load(Map.of(), Map.of(), Map.of()).masked().get("password"),
                "an empty secret stays empty: none was given");
        String printed = shown + " " + s.overrides();
        assertFalse(printed.contains("ck-secret-123"), printed);
        assertFalse(printed.contains("Pa55word!secret"), printed);
    }

    @Test
    void emulatorSectionCarriesLayeredValues() {
        Settings s =
                load(Map.of(), Map.of("OBP_EMULATOR_POOL_SIZE", "2"), Map.of("obp.emulator.acquire-timeout", "1s"));
        assertEquals(2, s.emulator().getInt("pool-size"));
        assertEquals(Duration.ofSeconds(1), s.emulator().getDuration("acquire-timeout"));
    }

    @Test
    void everySettingHasAFlagAnEnvVarAndADescription() {
        for (SettingSpec spec : SettingsCatalog.get().all()) {
            assertTrue(spec.flag().startsWith("--"), spec.toString());
            assertTrue(spec.env().startsWith("OBP_"), spec.toString());
            assertFalse(spec.description().isBlank(), spec.toString());
        }
        assertTrue(SettingsCatalog.get().all().stream()
                .anyMatch(s -> s.flag().equals("--consumer") && s.key().equals("consumer-key")));
        assertTrue(SettingsCatalog.get().all().stream()
                .anyMatch(s -> s.env().equals("OBP_API_HOST") && s.key().equals("host")));
    }

    @Test
    void dotEnvFileIsReadLikeAShellWould(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve(".env"),
                "# comment\nexport OBP_LOOP_V7=4\nOBP_USERNAME=\"bob smith\"\n\nOBP_WORKERS_V7=2 # inline\n");
        Map<String, String> env = DotEnv.read(dir.resolve(".env"));
        assertEquals(Map.of("OBP_LOOP_V7", "4", "OBP_USERNAME", "bob smith", "OBP_WORKERS_V7", "2"), env);
    }
}
