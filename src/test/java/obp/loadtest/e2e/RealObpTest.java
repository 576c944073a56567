package obp.loadtest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import obp.loadtest.e2e.Launcher.Result;
import obp.loadtest.obp.BodyTemplate;
import obp.loadtest.obp.DirectLogin;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The tool against a real OBP-API, as its user runs it: opt-in, because it needs a server. Point it at
 * yours with {@code OBP_REAL_API_HOST}, {@code OBP_REAL_CONSUMER_KEY} (a DirectLogin consumer) and
 * {@code OBP_REAL_USERNAME}/{@code OBP_REAL_PASSWORD} (a user listed in the server's
 * {@code super_admin_user_ids}); without them every test here reports itself skipped, with the reason.
 * It creates a throwaway user and banks (removed again) and sends a few hundred requests: use a server
 * where that is welcome. The admin makes the consents (OBP of 2024 binds a consent to a consumer its maker
 * registered); the accounts are held by a user each run makes, as OBP keeps a deleted account's holder
 * (docs/obp-api.md §9.12), so the admin can run again and again. Written against OBP-API of 2024 (v1.2.1 …
 * v5.1.0, no v7.0.0); on a server with v7.0.0 the v7-absent case is skipped.
 */
@Tag("e2e")
@Tag("real-obp")
class RealObpTest {

    private static final Duration LIMIT = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String host;
    private static String consumerKey;
    private static String adminUser;
    private static String adminPassword;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void server() {
        host = System.getenv("OBP_REAL_API_HOST");
        consumerKey = System.getenv("OBP_REAL_CONSUMER_KEY");
        adminUser = System.getenv("OBP_REAL_USERNAME");
        adminPassword = System.getenv("OBP_REAL_PASSWORD");
        Assumptions.assumeTrue(
                Stream.of(host, consumerKey, adminUser, adminPassword).allMatch(v -> v != null && !v.isBlank()),
                "no real OBP-API configured: set OBP_REAL_API_HOST, OBP_REAL_CONSUMER_KEY, OBP_REAL_USERNAME and"
                        + " OBP_REAL_PASSWORD (a super admin) to run this suite against one");
    }

    @Test
    void accountsAndConsentsRunOnItsOwnVersionsAndCleanupLeavesNoBank() throws Exception {
        // The admin: on OBP of 2024 only a user who registered the consumer can use the consents it creates.
        Map<String, String> user = Map.of("OBP_USERNAME", adminUser, "OBP_PASSWORD", adminPassword);
        Result r = Launcher.run(
                List.of("--loop-v7", "0", "--loop-accounts", "2", "--loop-consents", "2"), LIMIT, env(user));

        assertEquals(0, r.exitCode(), r.output());
        JsonNode s = r.summary();
        assertEquals("CLEAN", r.verdict(), r.output());
        List<String> phases = new ArrayList<>();
        for (JsonNode e : s.path("endpoints")) {
            phases.add(e.path("group").asText());
            assertTrue(e.path("count").asLong() > 0, e.toString());
            e.path("statuses")
                    .fieldNames()
                    .forEachRemaining(status -> assertTrue(
                            status.startsWith("2"),
                            e.path("name").asText() + " answered " + status + ":\n" + r.output()));
        }
        assertTrue(phases.contains("accounts") && phases.contains("consents"), phases.toString());

        JsonNode server = s.path("server");
        List<String> versions = new ArrayList<>();
        server.path("versions").forEach(v -> versions.add(v.asText()));
        assertFalse(versions.isEmpty(), server.toString());
        assertTrue(server.path("preflight_ms").asLong() > 0, server.toString());
        // Whatever the server serves, each call is one it has: the Go tool's where it can, an equivalent otherwise.
        for (JsonNode call : server.path("calls")) {
            if (call.path("phase").asText().equals("cleanup")) continue;
            assertNotNull(call.path("used").textValue(), "a call of the loops was skipped: " + call);
            String usedVersion = call.path("used").asText().split(" ")[0];
            assertTrue(versions.contains(usedVersion), call + " uses a version the server does not serve");
        }

        String bank = s.path("fixture").path("created").path("bank").asText();
        assertTrue(bank.startsWith("ldtst-"), s.path("fixture").toString());
        assertFalse(banks().contains(bank), "cleanup left " + bank);
        assertServerView(r);
        assertNoLongLines(r);
        assertNoSecret(r, user.get("OBP_PASSWORD"));

        // Again as the same user: OBP gives a deleted account's holder its access back once that user creates
        // another account, after which its "my accounts" answers 400. The run's own holder keeps the admin clear.
        Result again = Launcher.run(
                List.of("--loop-v7", "0", "--loop-accounts", "2", "--loop-consents", "1"), LIMIT, env(user));
        assertEquals(0, again.exitCode(), again.output());
        assertEquals("CLEAN", again.verdict(), again.output());
        assertNoSecret(again, user.get("OBP_PASSWORD"));
    }

    /**
     * The server's own view on OBP of 2024 (write_metrics=true): its API metrics give a server duration for the run's
     * calls, shown beside the client's in the summary, the console and the page; it has no Telemetry, which a caveat
     * says.
     */
    private static void assertServerView(Result r) throws IOException {
        JsonNode view = r.summary().path("server_view");
        JsonNode metrics = view.path("api_metrics");
        assertTrue(metrics.path("available").asBoolean(), view.toString());
        Set<String> measured = new HashSet<>();
        for (JsonNode e : r.summary().path("endpoints"))
            measured.add(e.path("name").asText());
        int withServerTime = 0;
        for (JsonNode e : metrics.path("endpoints")) {
            assertTrue(measured.contains(e.path("name").asText()), "a row named an endpoint the run has not: " + e);
            assertTrue(
                    e.path("server_p95_ms").asLong() >= 0
                            && e.path("client_p95_ms").isNumber(),
                    e.toString());
            withServerTime++;
        }
        assertTrue(withServerTime >= measured.size() / 2, "server durations for most of the run's calls: " + metrics);
        assertFalse(view.path("telemetry").path("available").asBoolean(), "OBP of 2024 has no Telemetry");
        assertTrue(
                r.summary()
                        .path("verdict")
                        .path("caveats")
                        .toString()
                        .contains("the server's own pool view was absent"),
                r.summary().path("verdict").toString());
        assertTrue(r.output().contains("server p95"), "the console table has the server's column");
        String page = Files.readString(r.summaryFile()
                .resolveSibling(r.summaryFile().getFileName().toString().replace(".json", ".html")));
        assertTrue(page.contains("id=\"server-endpoints\""), "the page shows server vs client per endpoint");
    }

    @Test
    void theV7SweepOnAServerWithoutV7IsOneLineAndExit3BeforeAnyLoad() throws Exception {
        Assumptions.assumeFalse(servesV7(), "this server serves v7.0.0: the sweep runs there");
        Set<String> before = banks();
        Result r =
                Launcher.run(List.of(), LIMIT, env(Map.of("OBP_USERNAME", adminUser, "OBP_PASSWORD", adminPassword)));

        assertEquals(3, r.exitCode(), r.output());
        List<String> said = r.output()
                .lines()
                .filter(l -> l.contains("v7 sweep needs v7.0.0"))
                .toList();
        assertEquals(1, said.size(), r.output());
        assertTrue(said.get(0).contains("--loop-v7 0"), said.get(0));
        assertFalse(r.output().contains("\tat "), "no stack trace:\n" + r.output());
        assertEquals("SETUP_FAILED", r.verdict());
        assertTrue(r.took().compareTo(Duration.ofSeconds(30)) < 0, "took " + r.took());
        Set<String> made = new HashSet<>(banks());
        made.removeAll(before);
        assertTrue(made.stream().noneMatch(b -> b.startsWith("ldtst-")), "a bank was created: " + made);
        assertNoLongLines(r);
        assertNoSecret(r, adminPassword);
    }

    @Test
    void anAutoCreatedUserIsToldWhatToFixAndTheAdvisedFixWorks() throws Exception {
        Path credentials = Files.createTempDirectory("obp-real-credentials");
        Map<String, String> noUser = env(Map.of("OBP_CREDENTIALS_DIR", credentials.toString()));
        Result first =
                Launcher.run(List.of("--loop-v7", "0", "--loop-accounts", "1", "--loop-consents", "1"), LIMIT, noUser);

        assertEquals(3, first.exitCode(), first.output());
        Properties kept = keptCredentials(credentials);
        String userId = kept.getProperty("user_id");
        String line = first.output()
                .lines()
                .filter(l -> l.contains("setup failed:"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(first.output()));
        assertTrue(line.contains("not a super admin: add its user_id " + userId), line);
        assertTrue(line.contains("CanCreateEntitlementAtAnyBank"), line);

        // The advice's second way: an admin grants the kept user the right to grant roles. Its consents would
        // name no consumer on OBP of 2024 (setup says so in one line): this run leaves them out.
        grant(adminToken(), userId, "CanCreateEntitlementAtAnyBank");
        Result next =
                Launcher.run(List.of("--loop-v7", "0", "--loop-accounts", "1", "--loop-consents", "0"), LIMIT, noUser);

        assertEquals(0, next.exitCode(), next.output());
        assertTrue(
                next.output().contains("reusing the kept bootstrap user " + kept.getProperty("username")),
                next.output());
        String bank =
                next.summary().path("fixture").path("created").path("bank").asText();
        assertFalse(banks().contains(bank), "cleanup left " + bank);
        assertNoSecret(next, kept.getProperty("password"));
    }

    // ---- the server, as any client reaches it ----------------------------------------------------------

    /** The run's environment: the server and consumer, then the test's own (a user, a credentials folder). */
    private static Map<String, String> env(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of("OBP_API_HOST", host, "OBP_CONSUMER_KEY", consumerKey));
        env.putAll(more);
        return env;
    }

    private static String adminToken() throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(host + "/my/logins/direct"))
                        .header("Content-Type", "application/json")
                        .header(DirectLogin.HEADER, DirectLogin.credentials(adminUser, adminPassword, consumerKey))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), "the admin cannot log in: " + r.statusCode());
        return JSON.readTree(r.body()).path("token").asText();
    }

    private static void grant(String token, String userId, String role) throws Exception {
        String body = BodyTemplate.ADD_ENTITLEMENT.fill(Map.of(BodyTemplate.BANK_ID, "", BodyTemplate.ROLE_NAME, role));
        send("POST", "/obp/v3.0.0/users/" + userId + "/entitlements", token, body, 201);
    }

    private static Set<String> banks() throws Exception {
        Set<String> ids = new HashSet<>();
        for (JsonNode b : send("GET", "/obp/v3.0.0/banks", null, null, 200).path("banks"))
            ids.add(b.path("id").asText(b.path("bank_id").asText()));
        return ids;
    }

    private static boolean servesV7() throws Exception {
        return HTTP.send(
                                HttpRequest.newBuilder(URI.create(host + "/obp/v7.0.0/root"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                == 200;
    }

    private static JsonNode send(String method, String path, String token, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(host + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header(DirectLogin.HEADER, DirectLogin.token(token));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        // Status only: an OBP error can carry a token.
        assertEquals(expected, r.statusCode(), method + " " + path);
        return JSON.readTree(r.body());
    }

    private static Properties keptCredentials(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            Path file = files.filter(f -> f.toString().endsWith(".properties"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no kept credentials in " + dir));
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(file)) {
                p.load(in);
            }
            return p;
        }
    }

    // ---- what a user sees ------------------------------------------------------------------------------

    private static void assertNoLongLines(Result r) {
        r.output()
                .lines()
                .forEach(l -> assertTrue(l.length() <= 320, "a line of " + l.length() + " characters:\n" + l));
    }

    /** No secret in the console, the log, the summary or the reports beside it. */
    private static void assertNoSecret(Result r, String password) throws IOException {
        List<String> texts = new ArrayList<>(List.of(r.output(), r.logText()));
        String stem = r.summaryFile().getFileName().toString().replace(".json", "");
        try (Stream<Path> files = Files.list(r.summaryFile().getParent())) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(stem))
                    .toList()) texts.add(Files.readString(f));
        }
        for (String text : texts) {
            assertFalse(text.contains(password), "a password reached an output");
            assertFalse(text.contains(consumerKey), "the consumer key reached an output");
            assertFalse(text.contains(adminPassword), "the admin's password reached an output");
        }
        // OBP's tokens and Consent-JWTs are JWTs; the summary's base64 histograms could hold the letters by chance.
        for (String text : List.of(r.output(), r.logText()))
            assertFalse(text.contains("eyJ"), "a token or Consent-JWT reached the console or the log");
    }
}
