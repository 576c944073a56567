package obp.loadtest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import obp.loadtest.emulator.Routes.Reply;

/**
 * docs/obp-api.md §4: create an IMPLICIT consent, answer its challenge, list, use, revoke. The bank-scoped calls
 * (v3.1.0) are in every OBP; the bank-less v5.1.0 ones came with a later release than the 2024 one, so an emulator
 * whose max-version is v5.1.0 or lower does not serve them.
 */
final class ConsentEndpoints {
    private static final int MAX_TIME_TO_LIVE = 3600; // consents.max_time_to_live default
    /** The release the emulator dates the bank-less consent calls to: the first after the 2024 one (v5.1.0). */
    private static final String LATER = "v6.0.0";

    private ConsentEndpoints() {}

    static void register(Routes r) {
        r.add("POST", "v3.1.0", "/banks/{BANK_ID}/my/consents/IMPLICIT", ConsentEndpoints::createImplicit)
                .add("GET", "v3.1.0", "/banks/{BANK_ID}/my/consents", ConsentEndpoints::myConsentsAtBank)
                .add("GET", "v4.0.0", "/banks/{BANK_ID}/my/consents", ConsentEndpoints::myConsentsAtBank)
                .add(
                        "GET",
                        "v3.1.0",
                        "/banks/{BANK_ID}/my/consents/{CONSENT_ID}/revoke",
                        ConsentEndpoints::revokeAtBank)
                .add("POST", "v5.1.0", "/my/consents/IMPLICIT", ConsentEndpoints::createImplicit)
                .release(LATER)
                .add(
                        "POST",
                        "v3.1.0",
                        "/banks/{BANK_ID}/consents/{CONSENT_ID}/challenge",
                        ConsentEndpoints::answerChallenge)
                .add("GET", "v5.1.0", "/my/consents", ConsentEndpoints::myConsents)
                .release(LATER)
                // a Consent-JWT or a DirectLogin token: the handler checks which
                .add("GET", "v4.0.0", "/users/current/user_id", ConsentEndpoints::currentUserId)
                .open()
                .add("DELETE", "v5.1.0", "/my/consents/{CONSENT_ID}", ConsentEndpoints::revoke)
                .release(LATER);
    }

    // POST /obp/v5.1.0/my/consents/IMPLICIT {"everything":false,"views":[...],"entitlements":[],"time_to_live":3600} →
    // 201 INITIATED
    static Reply createImplicit(Call c) throws SQLException {
        String user = c.userId();
        JsonNode j = c.json();
        if (j.path("time_to_live").asLong(MAX_TIME_TO_LIVE) > MAX_TIME_TO_LIVE)
            throw ObpError.badRequest(ObpError.CONSENT_TTL);
        for (JsonNode v : j.path("views")) {
            if (c.db().sql(conn -> Call.queryString(
                            conn,
                            "SELECT view_id FROM account_access WHERE bank_id = ? AND account_id = ? AND view_id = ? AND user_id = ?",
                            v.path("bank_id").asText(),
                            v.path("account_id").asText(),
                            v.path("view_id").asText(),
                            user))
                    == null) throw ObpError.badRequest(ObpError.CONSENT_VIEW_NOT_HELD);
        }
        for (JsonNode e : j.path("entitlements")) {
            if (!c.holdsRole(
                    user, e.path("bank_id").asText(), e.path("role_name").asText()))
                throw ObpError.badRequest(ObpError.CONSENT_ROLE_NOT_HELD);
        }
        String consentId = ObpEmulator.uuid();
        String jwt = ObpEmulator.jwt(Json.obj(
                "consentId",
                consentId,
                "createdByUserId",
                user,
                "iat",
                System.currentTimeMillis() / 1000,
                "exp",
                System.currentTimeMillis() / 1000 + j.path("time_to_live").asLong(MAX_TIME_TO_LIVE)));
        String otp = String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        String consumerKey = c.consumerKey();
        Timestamp now = new Timestamp(System.currentTimeMillis());
        c.db().sql(conn -> Call.update(
                conn,
                "INSERT INTO consents VALUES (?, ?, ?, 'INITIATED', ?, ?, ?, ?, NULL)",
                consentId,
                user,
                consumerKey,
                jwt,
                otp,
                now,
                now));
        return Reply.created(Json.obj("consent_id", consentId, "jwt", jwt, "status", "INITIATED"));
    }

    /** 404/400 OBP-35001 for another user's or an unknown consent. */
    private static Map<String, Object> ownConsent(Call c, String consentId, int notFoundStatus) throws SQLException {
        String user = c.userId();
        List<Map<String, Object>> row = c.db().sql(conn ->
                Call.rows(conn, "SELECT * FROM consents WHERE consent_id = ? AND user_id = ?", consentId, user));
        if (row.isEmpty()) throw new ObpError(notFoundStatus, ObpError.CONSENT_NOT_FOUND);
        return row.get(0);
    }

    private static Map<String, Object> consentReply(Map<String, Object> row, String status) {
        return Json.obj("consent_id", row.get("consent_id"), "jwt", row.get("jwt"), "status", status);
    }

    // POST /obp/v3.1.0/banks/B/consents/C/challenge {"answer":"123456"} → 201 ACCEPTED, or 201 REJECTED for a wrong
    // answer
    static Reply answerChallenge(Call c) throws SQLException {
        c.userId();
        c.requireBank(c.param(0));
        Map<String, Object> consent = ownConsent(c, c.param(1), 400);
        String answer = Call.field(c.json(), "answer");
        if (!"INITIATED".equals(consent.get("status")))
            return Reply.created(consentReply(consent, (String) consent.get("status")));
        boolean correct = !c.emulator().plan().scaEnabled() || answer.equals(consent.get("otp"));
        String status = correct ? "ACCEPTED" : "REJECTED";
        setStatus(c, c.param(1), status);
        return Reply.created(consentReply(consent, status));
    }

    private static void setStatus(Call c, String consentId, String status) throws SQLException {
        c.db().sql(conn -> Call.update(
                conn,
                "UPDATE consents SET status = ?, last_action_at = ? WHERE consent_id = ?",
                status,
                new Timestamp(System.currentTimeMillis()),
                consentId));
    }

    // GET /obp/v5.1.0/my/consents → {"consents":[...]}
    static Reply myConsents(Call c) throws SQLException {
        String user = c.userId();
        List<Object> consents = new ArrayList<>();
        for (Map<String, Object> row : c.db().sql(
                        conn -> Call.rows(conn, "SELECT * FROM consents WHERE user_id = ? ORDER BY created_at", user)))
            consents.add(Json.obj(
                    "consent_reference_id",
                    row.get("consent_id"),
                    "consent_id",
                    row.get("consent_id"),
                    "consumer_id",
                    row.get("consumer_key"),
                    "created_by_user_id",
                    user,
                    "status",
                    row.get("status"),
                    "last_action_date",
                    String.valueOf(row.get("last_action_at")),
                    "last_usage_date",
                    row.get("last_usage_at") == null ? "" : String.valueOf(row.get("last_usage_at")),
                    "jwt",
                    row.get("jwt"),
                    "jwt_payload",
                    Json.obj("consentId", row.get("consent_id"), "createdByUserId", user),
                    "api_standard",
                    "obp",
                    "api_version",
                    "v5.1.0"));
        return Reply.ok(Json.obj("consents", consents));
    }

    // GET /obp/v4.0.0/users/current/user_id, with Consent-JWT + Consumer-Key (or a DirectLogin token) → {"user_id"}
    static Reply currentUserId(Call c) throws SQLException {
        String jwt = c.headers().getFirst("Consent-JWT");
        if (jwt == null) return Reply.ok(Json.obj("user_id", c.userId()));
        if (!c.emulator().plan().consentsAllowed()) throw ObpError.unauthorized(ObpError.CONSENTS_NOT_ALLOWED);
        List<Map<String, Object>> row =
                c.db().sql(conn -> Call.rows(conn, "SELECT * FROM consents WHERE jwt = ?", jwt.trim()));
        if (row.isEmpty() || !"ACCEPTED".equals(row.get(0).get("status")))
            throw ObpError.unauthorized(ObpError.CONSENT_NOT_ACCEPTED);
        if (!c.emulator().acceptsConsumerKey(c.headers().getFirst("Consumer-Key")))
            throw ObpError.unauthorized(ObpError.CONSENT_CONSUMER_MISMATCH);
        c.db().sql(conn -> Call.update(
                conn,
                "UPDATE consents SET last_usage_at = ? WHERE consent_id = ?",
                new Timestamp(System.currentTimeMillis()),
                row.get(0).get("consent_id")));
        return Reply.ok(Json.obj("user_id", row.get(0).get("user_id")));
    }

    // GET /obp/v3.1.0/banks/B/my/consents → {"consents":[{consent_id, jwt, status}]} (ConsentJsonV310)
    static Reply myConsentsAtBank(Call c) throws SQLException {
        String user = c.userId();
        List<Object> consents = new ArrayList<>();
        for (Map<String, Object> row : c.db().sql(
                        conn -> Call.rows(conn, "SELECT * FROM consents WHERE user_id = ? ORDER BY created_at", user)))
            consents.add(consentReply(row, (String) row.get("status")));
        return Reply.ok(Json.obj("consents", consents));
    }

    // GET /obp/v3.1.0/banks/B/my/consents/C/revoke → 200 REVOKED; again → 400 OBP-50200 <- OBP-35012
    // (v3_1_0/APIMethods310.scala revokeConsent: the connector's refusal wrapped in OBP-50200)
    static Reply revokeAtBank(Call c) throws SQLException {
        Map<String, Object> consent = ownConsent(c, c.param(1), 400);
        if ("REVOKED".equals(consent.get("status")))
            throw ObpError.badRequest(ObpError.CONNECTOR_EMPTY_RESPONSE + " <- " + ObpError.CONSENT_ALREADY_REVOKED);
        setStatus(c, c.param(1), "REVOKED");
        return Reply.ok(consentReply(consent, "REVOKED"));
    }

    // DELETE /obp/v5.1.0/my/consents/C → 200 REVOKED
    static Reply revoke(Call c) throws SQLException {
        Map<String, Object> consent = ownConsent(c, c.param(0), 404);
        setStatus(c, c.param(0), "REVOKED");
        return Reply.ok(consentReply(consent, "REVOKED"));
    }
}
