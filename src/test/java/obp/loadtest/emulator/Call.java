package obp.loadtest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One request as a handler sees it: path parameters, headers, JSON body, the request's DB and its caller. */
record Call(
        ObpEmulator emulator,
        String method,
        String version,
        List<String> params,
        Headers headers,
        byte[] body,
        RequestDb db,
        Caller caller,
        String query) {

    /** The query string's parameters, decoded (OBP's filters: from_date, limit, ...). */
    Map<String, String> queryParams() {
        Map<String, String> out = new HashMap<>();
        if (query == null || query.isEmpty()) return out;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            out.put(
                    java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Who is calling, once known: found at most once per request, by the middleware or the first handler that asks. */
    static final class Caller {
        private String userId;

        /** The authenticated user, or null when the call had none. */
        String userId() {
            return userId;
        }
    }

    String param(int i) {
        return params.get(i);
    }

    JsonNode json() {
        return Json.read(body);
    }

    /** A required string field of the JSON body ("" allowed, missing is 400 OBP-10001). */
    static String field(JsonNode json, String name) {
        JsonNode n = json.get(name);
        if (n == null || n.isNull()) throw ObpError.badRequest(ObpError.INCORRECT_JSON + " Missing field: " + name);
        return n.asText();
    }

    static String optionalField(JsonNode json, String name, String fallback) {
        JsonNode n = json.get(name);
        return n == null || n.isNull() ? fallback : n.asText();
    }

    /**
     * DirectLogin parameters: the {@code DirectLogin} header wins over {@code Authorization: DirectLogin ...};
     * the value is split on ',', each k=v trimmed and unquoted; only username, password, consumer_key, token kept.
     */
    static Map<String, String> directLoginParams(Headers headers) {
        String value = headers.getFirst("DirectLogin");
        if (value == null) {
            String auth = headers.getFirst("Authorization");
            if (auth != null && auth.regionMatches(true, 0, "DirectLogin", 0, 11)) value = auth.substring(11);
        }
        if (value == null) return null;
        Map<String, String> params = new HashMap<>();
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) continue;
            String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String v = part.substring(eq + 1).trim();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
            if (List.of("username", "password", "consumer_key", "token").contains(key)) params.put(key, v);
        }
        return params;
    }

    /**
     * OBP's middleware authenticates before the handler runs, on a pooled connection it borrows and gives back at once;
     * the handler then knows its caller without another lookup. An unknown token is left for {@link #userId()} to refuse.
     */
    void authenticateOnBorrowedConnection(Store store) throws SQLException {
        Map<String, String> dl = directLoginParams(headers);
        String token = dl == null ? null : dl.get("token");
        if (token == null || token.isEmpty()) return;
        caller.userId =
                RequestDb.briefly(store, c -> queryString(c, "SELECT user_id FROM tokens WHERE token = ?", token));
    }

    /**
     * The middleware's check for an endpoint that needs a user: 401 OBP-20001 without a token, 401 OBP-20003 for a
     * token the authentication lookup did not know. With {@code deferLookup} (no lookup was made) only the first.
     */
    void requireAuthenticated(boolean deferLookup) {
        if (caller.userId != null) return;
        if (!hasToken()) throw ObpError.unauthorized(ObpError.NOT_LOGGED_IN);
        if (!deferLookup)
            throw ObpError.unauthorized(
                    ObpError.INVALID_TOKEN + directLoginParams(headers).get("token"));
    }

    /** The authenticated caller's user id; 401 OBP-20001 without credentials, OBP-20003 for an unknown token. */
    String userId() throws SQLException {
        if (caller.userId != null) return caller.userId;
        Map<String, String> dl = directLoginParams(headers);
        String token = dl == null ? null : dl.get("token");
        if (token == null || token.isEmpty()) throw ObpError.unauthorized(ObpError.NOT_LOGGED_IN);
        caller.userId = db.sql(c -> queryString(c, "SELECT user_id FROM tokens WHERE token = ?", token));
        if (caller.userId == null) throw ObpError.unauthorized(ObpError.INVALID_TOKEN + token);
        return caller.userId;
    }

    /** The consumer key the caller logged in with. */
    String consumerKey() throws SQLException {
        String token = directLoginParams(headers).get("token");
        return db.sql(c -> queryString(c, "SELECT consumer_key FROM tokens WHERE token = ?", token));
    }

    /** Listed in super_admin_user_ids (or made one by sandbox mode): may grant any role to anyone, holds none. */
    boolean isSuperAdmin(String user) throws SQLException {
        if (emulator.plan().superAdmins().contains(user)) return true;
        Boolean flag = db.sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT super_admin FROM users WHERE user_id = ?")) {
                ps.setString(1, user);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        });
        return flag;
    }

    /** Whether the user holds the role: at this bank for a bank role, system-wide (bank_id "") for a system role. */
    boolean holdsRole(String user, String bankId, String role) throws SQLException {
        String scope = emulator.roles().requiresBankId(role) ? bankId : "";
        return db.sql(c -> queryString(
                        c,
                        "SELECT entitlement_id FROM entitlements WHERE user_id = ? AND bank_id = ? AND role_name = ?",
                        user,
                        scope,
                        role))
                != null;
    }

    /**
     * 403 OBP-20006 naming the roles joined with " or " (and " for BankId(X)." when one is a bank role, as OBP's
     * NewStyle.function.hasAtLeastOneEntitlement words it), unless the caller holds one of them. Being a super admin
     * does not help: a super admin holds no roles (docs/obp-api.md §2).
     */
    void requireAnyRole(String bankId, Role... roles) throws SQLException {
        requireAnyRole(bankId, java.util.List.of(roles));
    }

    void requireAnyRole(String bankId, List<Role> roles) throws SQLException {
        String user = userId();
        for (Role role : roles) if (holdsRole(user, bankId, role.obpName())) return;
        boolean bankRole = roles.stream().anyMatch(Role::requiresBankId);
        throw ObpError.forbidden(ObpError.MISSING_ROLES
                + String.join(" or ", roles.stream().map(Role::obpName).toList())
                + (bankRole ? " for BankId(" + bankId + ")." : ""));
    }

    void requireBank(String bankId) throws SQLException {
        if (db.sql(c -> queryString(c, "SELECT bank_id FROM banks WHERE bank_id = ?", bankId)) == null)
            throw ObpError.bankNotFound(bankId);
    }

    /** True when the request carries a DirectLogin token (whether valid or not). */
    boolean hasToken() {
        Map<String, String> dl = directLoginParams(headers);
        String token = dl == null ? null : dl.get("token");
        return token != null && !token.isEmpty();
    }

    static String queryString(java.sql.Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static int update(java.sql.Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            return ps.executeUpdate();
        }
    }

    /** Every row as a column-name → value map (lower-case names). */
    static List<Map<String, Object>> rows(java.sql.Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> out = new java.util.ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 1; i <= n; i++)
                        row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
                    out.add(row);
                }
                return out;
            }
        }
    }
}
