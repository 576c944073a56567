package obp.loadtest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import obp.loadtest.obp.BodyTemplate;
import obp.loadtest.obp.DirectLogin;

/**
 * What the tests see on the wire: a tiny HTTP client for one emulator, plus fixture shortcuts. The
 * shortcuts play the load test's client, so they send its bodies and DirectLogin header (obp/); the
 * emulator itself uses none of that.
 */
final class WireClient {
    record Answer(int status, JsonNode json, String body, java.net.http.HttpHeaders headers, long millis) {
        String message() {
            return json == null ? "" : json.path("message").asText();
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Every user the shortcuts create has this (strong) password. */
    static final String PASSWORD = "Str0ng!Passw0rd";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    final ObpEmulator obp;

    WireClient(ObpEmulator obp) {
        this.obp = obp;
    }

    Answer send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(obp.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            // Prometheus text (the telemetry endpoint) is not JSON: its body is read as it is.
            boolean text = r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain");
            JsonNode json = r.body().isEmpty() || text ? null : MAPPER.readTree(r.body());
            return new Answer(r.statusCode(), json, r.body(), r.headers(), (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        }
    }

    Answer get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    Answer post(String path, String body, String... headers) {
        return send("POST", path, body, headers);
    }

    static String json(Object... keysAndValues) {
        try {
            return MAPPER.writeValueAsString(Json.obj(keysAndValues));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** POST /obp/v3.0.0/users with a strong password; returns the answer. */
    Answer createUser(String username) {
        return post(
                "/obp/v3.0.0/users",
                BodyTemplate.CREATE_USER.fill(
                        Map.of(BodyTemplate.USERNAME, username, BodyTemplate.PASSWORD, PASSWORD)));
    }

    Answer login(String username) {
        return post(
                "/my/logins/direct",
                "",
                DirectLogin.HEADER,
                DirectLogin.credentials(username, PASSWORD, obp.consumerKey()));
    }

    /** A fresh user logged in: {userId, token}. */
    String[] user(String username) {
        String id = createUser(username).json().path("user_id").asText();
        return new String[] {id, login(username).json().path("token").asText()};
    }

    /**
     * A super admin (listed as an operator would list it) that has granted itself every system role the emulator's
     * handlers check and this server knows: a super admin holds no role until it grants one (docs/obp-api.md §2).
     */
    String[] admin(String username) {
        String[] u = user(username);
        obp.makeSuperAdmin(u[0]);
        for (Role role : Role.values())
            if (obp.roles().isKnown(role.obpName()) && !obp.roles().requiresBankId(role.obpName()))
                require201(grant(u[1], u[0], "", role.obpName()), role.obpName());
        return u;
    }

    /** Creates the bank as {@code admin} (see {@link #admin}) and grants it every known bank role there. */
    void bank(String[] admin, String bankId) {
        require201(createBank(admin[1], bankId), "bank " + bankId);
        for (Role role : Role.values())
            if (obp.roles().isKnown(role.obpName())
                    && obp.roles().requiresBankId(role.obpName())
                    && !role.equals(Role.CREATE_ENTITLEMENT_AT_ONE_BANK)
                    && !role.equals(Role.READ_DYNAMIC_RESOURCE_DOCS_AT_ONE_BANK))
                require201(grant(admin[1], admin[0], bankId, role.obpName()), role.obpName() + " at " + bankId);
    }

    private static void require201(Answer a, String what) {
        if (a.status() != 201) throw new IllegalStateException(what + ": " + a.status() + " " + a.body());
    }

    static String[] auth(String token) {
        return new String[] {DirectLogin.HEADER, DirectLogin.token(token)};
    }

    Answer grant(String token, String userId, String bankId, String role) {
        return post(
                "/obp/v3.0.0/users/" + userId + "/entitlements",
                BodyTemplate.ADD_ENTITLEMENT.fill(Map.of(BodyTemplate.BANK_ID, bankId, BodyTemplate.ROLE_NAME, role)),
                auth(token));
    }

    Answer createBank(String token, String bankId) {
        return post(
                "/obp/v5.0.0/banks",
                BodyTemplate.CREATE_BANK.fill(Map.of(BodyTemplate.BANK_ID, bankId, BodyTemplate.BANK_CODE, "LT01")),
                auth(token));
    }

    Answer createAccount(String token, String bankId) {
        return post(
                "/obp/v4.0.0/banks/" + bankId + "/accounts",
                BodyTemplate.CREATE_ACCOUNT.fill(Map.of(BodyTemplate.LABEL, "LT acc 1")),
                auth(token));
    }
}
