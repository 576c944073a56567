package obp.loadtest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import obp.loadtest.emulator.Routes.Reply;

/** docs/obp-api.md §2: users, DirectLogin, current user, entitlements, banks. */
final class SetupEndpoints {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._]{8,100}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern SPECIAL = Pattern.compile("[^A-Za-z0-9]");

    private SetupEndpoints() {}

    static void register(Routes r) {
        r.add("POST", "v2.0.0", "/users", SetupEndpoints::createUser)
                .open()
                .add("POST", Routes.UNPREFIXED, "/my/logins/direct", SetupEndpoints::directLogin)
                .open()
                .add("POST", "v6.0.0", "/my/logins/direct", SetupEndpoints::directLogin)
                .open()
                .add("GET", "v2.0.0", "/users/current", c -> Reply.ok(userJson(c, c.userId())))
                .add("GET", "v2.1.0", "/roles", SetupEndpoints::roles)
                .add("POST", "v2.0.0", "v6.0.0", "/users/{USER_ID}/entitlements", SetupEndpoints::addEntitlement)
                .add("POST", "v5.0.0", "/banks", SetupEndpoints::createBank)
                .roles(Role.CREATE_BANK)
                .add("GET", "v1.2.1", "/banks", SetupEndpoints::banks)
                .open()
                .add("GET", "v1.2.1", "/banks/{BANK_ID}", SetupEndpoints::bank)
                .open();
    }

    // GET /obp/v2.1.0/roles (any later version too; a logged-in user) → 200 {"roles":[{"role","requires_bank_id"}]}
    // sorted by name: the roles this server knows (docs/obp-api.md §2).
    static Reply roles(Call c) {
        return Reply.ok(Json.obj("roles", c.emulator().roles().toJson()));
    }

    // POST /obp/v3.0.0/users {"email","username","password","first_name","last_name"} → 201 UserJsonV200
    static Reply createUser(Call c) throws SQLException {
        JsonNode j = c.json();
        String email = Call.field(j, "email");
        String username = Call.field(j, "username");
        String password = Call.field(j, "password");
        String firstName = Call.field(j, "first_name");
        String lastName = Call.field(j, "last_name");
        if (!validUsername(username))
            throw ObpError.badRequest(ObpError.INCORRECT_JSON + " Invalid username: " + username);
        if (!strongPassword(password)) throw ObpError.badRequest(ObpError.WEAK_PASSWORD);
        String userId = ObpEmulator.uuid();
        boolean superAdmin = c.emulator().plan().sandbox();
        boolean validated = c.emulator().plan().skipEmailValidation();
        c.db().sql(conn -> {
            if (Call.queryString(conn, "SELECT user_id FROM users WHERE username = ?", username) != null)
                throw new ObpError(409, ObpError.DUPLICATE_USERNAME);
            return Call.update(
                    conn,
                    "INSERT INTO users VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    userId,
                    username,
                    email,
                    password,
                    firstName,
                    lastName,
                    validated,
                    superAdmin);
        });
        return Reply.created(userJson(c, userId));
    }

    /** docs/obp-api.md §2: an e-mail, or 8-100 of [A-Za-z0-9._] not starting/ending with a separator, no doubled separators. */
    static boolean validUsername(String u) {
        if (EMAIL.matcher(u).matches()) return true;
        if (!USERNAME.matcher(u).matches()) return false;
        if ("._".indexOf(u.charAt(0)) >= 0 || "._".indexOf(u.charAt(u.length() - 1)) >= 0) return false;
        return !(u.contains("..") || u.contains("__") || u.contains("._") || u.contains("_."));
    }

    /** docs/obp-api.md §2: 10-16 chars with digit, lower, upper and special, or 17-512 chars. */
    static boolean strongPassword(String p) {
        int n = p.length();
        if (n >= 17 && n <= 512) return true;
        return n >= 10
                && n <= 16
                && p.chars().anyMatch(Character::isDigit)
                && p.chars().anyMatch(Character::isLowerCase)
                && p.chars().anyMatch(Character::isUpperCase)
                && SPECIAL.matcher(p).find();
    }

    // POST /my/logins/direct, header DirectLogin: username=..., password=..., consumer_key=... → 201 {"token"}
    static Reply directLogin(Call c) throws SQLException {
        Map<String, String> p = Call.directLoginParams(c.headers());
        if (p == null) throw ObpError.unauthorized(ObpError.MISSING_DIRECT_LOGIN_HEADER);
        List<String> missing = new ArrayList<>();
        for (String key : List.of("username", "password", "consumer_key")) if (!p.containsKey(key)) missing.add(key);
        if (!missing.isEmpty())
            throw ObpError.badRequest(ObpError.MISSING_DIRECT_LOGIN_PARAMS + " " + String.join(", ", missing));
        if (!c.emulator().acceptsConsumerKey(p.get("consumer_key")))
            throw ObpError.unauthorized(ObpError.INVALID_CONSUMER_KEY);
        List<Map<String, Object>> user = c.db().sql(conn -> Call.rows(
                conn, "SELECT user_id, password, validated FROM users WHERE username = ?", p.get("username")));
        if (user.isEmpty() || !p.get("password").equals(user.get(0).get("password")))
            throw ObpError.unauthorized(ObpError.INVALID_CREDENTIALS);
        // An unvalidated user has no resource user to log in as (AuthUser.getResourceUserId is Empty), which
        // directlogin.scala answers as bad credentials (docs/obp-api.md §2).
        if (!(Boolean) user.get(0).get("validated")) throw ObpError.unauthorized(ObpError.INVALID_CREDENTIALS);
        String userId = (String) user.get(0).get("user_id");
        String token = ObpEmulator.jwt(Json.obj(
                "user_id",
                userId,
                "consumer_key",
                p.get("consumer_key"),
                "iat",
                System.currentTimeMillis() / 1000,
                "jti",
                ObpEmulator.uuid()));
        c.db().sql(conn ->
                Call.update(conn, "INSERT INTO tokens VALUES (?, ?, ?)", token, userId, p.get("consumer_key")));
        return Reply.created(Json.obj("token", token));
    }

    /** UserJsonV200 (v7 adds the mobile phone fields). */
    static Map<String, Object> userJson(Call c, String userId) throws SQLException {
        Map<String, Object> u = userRow(c, userId);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map<String, Object> e : c.db().sql(conn -> Call.rows(
                conn,
                "SELECT entitlement_id, role_name, bank_id FROM entitlements WHERE user_id = ? ORDER BY role_name",
                userId)))
            list.add(Json.obj(
                    "entitlement_id",
                    e.get("entitlement_id"),
                    "role_name",
                    e.get("role_name"),
                    "bank_id",
                    e.get("bank_id")));
        Map<String, Object> json = userIdentity(c, u);
        json.put("entitlements", Json.obj("list", list));
        if (c.version().equals(Routes.V7)) addMobilePhone(json);
        return json;
    }

    /** The users row of this id; 404 OBP-20005 when there is none. */
    static Map<String, Object> userRow(Call c, String userId) throws SQLException {
        List<Map<String, Object>> user =
                c.db().sql(conn -> Call.rows(conn, "SELECT * FROM users WHERE user_id = ?", userId));
        if (user.isEmpty()) throw ObpError.notFound(ObpError.USER_NOT_FOUND);
        return user.get(0);
    }

    /** The fields every OBP user JSON starts with, in OBP's order; callers add their version's own fields after. */
    static Map<String, Object> userIdentity(Call c, Map<String, Object> u) {
        return Json.obj(
                "user_id",
                u.get("user_id"),
                "email",
                u.get("email"),
                "provider_id",
                u.get("username"),
                "provider",
                c.emulator().baseUrl(),
                "username",
                u.get("username"));
    }

    /** The mobile phone fields v7 adds to a user (none is ever set here). */
    static void addMobilePhone(Map<String, Object> json) {
        json.put("mobile_phone_number", "");
        json.put("mobile_phone_number_is_validated", false);
        json.put("mobile_phone_number_validated_date", null);
    }

    // POST /obp/v3.0.0/users/USER_ID/entitlements {"bank_id":"","role_name":"CanCreateBank"} → 201; duplicate 400 (v7:
    // 409). In OBP's order (v2_0_0/APIMethods200.scala addEntitlement): the target user, the body, the role name
    // (400 OBP-10007 with every known role), its scope (OBP-30205/30206), the caller's right to grant (a super admin,
    // or CanCreateEntitlementAtOneBank at that bank / ...AtAnyBank), the bank, then the duplicate.
    static Reply addEntitlement(Call c) throws SQLException {
        c.userId();
        String target = c.param(0);
        if (c.db().sql(conn -> Call.queryString(conn, "SELECT user_id FROM users WHERE user_id = ?", target)) == null)
            throw ObpError.notFound(ObpError.USER_NOT_FOUND);
        JsonNode j = c.json();
        String bankId = Call.field(j, "bank_id");
        String role = Call.field(j, "role_name");
        RoleCatalogue roles = c.emulator().roles();
        if (!roles.isKnown(role))
            throw ObpError.badRequest(
                    ObpError.INCORRECT_ROLE_NAME + role + ". Possible roles are " + String.join(", ", roles.names()));
        boolean bankRole = roles.requiresBankId(role);
        if (bankRole == bankId.isEmpty())
            throw ObpError.badRequest(bankRole ? ObpError.IS_BANK_ROLE : ObpError.IS_SYSTEM_ROLE);
        String caller = c.userId();
        if (!c.isSuperAdmin(caller)
                && !c.holdsRole(caller, bankId, Role.CREATE_ENTITLEMENT_AT_ONE_BANK.obpName())
                && !c.holdsRole(caller, "", Role.CREATE_ENTITLEMENT_AT_ANY_BANK.obpName()))
            throw ObpError.forbidden(ObpError.MISSING_ROLES + Role.CREATE_ENTITLEMENT_AT_ONE_BANK.obpName() + " or "
                    + Role.CREATE_ENTITLEMENT_AT_ANY_BANK.obpName());
        if (!bankId.isEmpty()
                && c.db().sql(conn -> Call.queryString(conn, "SELECT bank_id FROM banks WHERE bank_id = ?", bankId))
                        == null) throw ObpError.badRequest(ObpError.BANK_NOT_FOUND);
        boolean v7 = c.version().equals(Routes.V7);
        if (c.holdsRole(target, bankId, role)) throw new ObpError(v7 ? 409 : 400, ObpError.DUPLICATE_ENTITLEMENT);
        String id = ObpEmulator.uuid();
        c.db().sql(conn -> grant(conn, id, target, bankId, role));
        return Reply.created(Json.obj("entitlement_id", id, "role_name", role, "bank_id", bankId));
    }

    static int grant(Connection conn, String entitlementId, String userId, String bankId, String role)
            throws SQLException {
        return Call.update(
                conn,
                "MERGE INTO entitlements KEY (user_id, bank_id, role_name) VALUES (?, ?, ?, ?)",
                entitlementId,
                userId,
                bankId,
                role);
    }

    // POST /obp/v5.0.0/banks {"id","bank_code","full_name","logo","website","bank_routings"} (v6: "bank_id") → 201
    static Reply createBank(Call c) throws SQLException {
        String creator = c.userId();
        JsonNode j = c.json();
        String given = Call.optionalField(j, "id", Call.optionalField(j, "bank_id", ""));
        String bankId = given.isEmpty() ? "bank-" + ObpEmulator.randomId(12) : given;
        if (bankId.length() <= 3 || bankId.contains(" "))
            throw ObpError.badRequest(ObpError.INCORRECT_JSON + " Invalid bank id: " + bankId);
        String code = Call.optionalField(j, "bank_code", "");
        String name = Call.optionalField(j, "full_name", "");
        String logo = Call.optionalField(j, "logo", "");
        String website = Call.optionalField(j, "website", "");
        c.db().sql(conn -> {
            if (Call.queryString(conn, "SELECT bank_id FROM banks WHERE bank_id = ?", bankId) != null)
                throw ObpError.badRequest(ObpError.BANK_EXISTS);
            Call.update(conn, "INSERT INTO banks VALUES (?, ?, ?, ?, ?)", bankId, code, name, logo, website);
            grant(conn, ObpEmulator.uuid(), creator, bankId, Role.CREATE_ENTITLEMENT_AT_ONE_BANK.obpName());
            return grant(
                    conn, ObpEmulator.uuid(), creator, bankId, Role.READ_DYNAMIC_RESOURCE_DOCS_AT_ONE_BANK.obpName());
        });
        return Reply.created(bankJson(
                c.version(),
                Json.obj("bank_id", bankId, "bank_code", code, "full_name", name, "logo", logo, "website", website)));
    }

    /** v5 and older name the id "id", v6 and later "bank_id". */
    static Map<String, Object> bankJson(String version, Map<String, Object> row) {
        boolean v6 = Routes.VERSIONS.indexOf(version) >= Routes.VERSIONS.indexOf("v6.0.0");
        return Json.obj(
                v6 ? "bank_id" : "id",
                row.get("bank_id"),
                "bank_code",
                row.get("bank_code"),
                "full_name",
                row.get("full_name"),
                "logo",
                row.get("logo"),
                "website",
                row.get("website"),
                "bank_routings",
                List.of(),
                "attributes",
                List.of());
    }

    static Reply banks(Call c) throws SQLException {
        List<Map<String, Object>> banks = new ArrayList<>();
        for (Map<String, Object> row : c.db().sql(conn -> Call.rows(conn, "SELECT * FROM banks ORDER BY bank_id")))
            banks.add(bankJson("v6.0.0", row));
        return Reply.ok(Json.obj("banks", banks));
    }

    static Reply bank(Call c) throws SQLException {
        List<Map<String, Object>> row =
                c.db().sql(conn -> Call.rows(conn, "SELECT * FROM banks WHERE bank_id = ?", c.param(0)));
        if (row.isEmpty()) throw ObpError.bankNotFound(c.param(0));
        return Reply.ok(bankJson("v6.0.0", row.get(0)));
    }
}
