package obp.loadtest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import obp.loadtest.emulator.Routes.Reply;

/**
 * docs/obp-api.md §5: the v7.0.0 sweep. Routes added with since = v7.0.0 are v7-native; the rest are the v6 (or older)
 * answers a v7 request reaches through the bridge, so they carry {@code X-OBP-Version-Served: v6.0.0}.
 */
final class V7Endpoints {
    private static final String V7 = Routes.V7;
    static final String STALL_PROBE = "/system/connectors/stored_procedure_vDec2019/health";
    private static final JsonNode FIXED_REPORTS = Json.resource("emulator/fixed-answers.json");

    private V7Endpoints() {}

    static void register(Routes r) {
        r.add("GET", "v1.2.1", "/root", V7Endpoints::root)
                .open()
                .add("GET", V7, "/root", V7Endpoints::root)
                .open()
                .add("GET", V7, "/users/current", c -> Reply.ok(SetupEndpoints.userJson(c, c.userId())))
                .add("POST", V7, "/users", SetupEndpoints::createUser)
                .open()
                .add("GET", V7, "/users/user-id/{USER_ID}", V7Endpoints::userById)
                .roles(Role.GET_ANY_USER)
                .add("POST", V7, "/users/{USER_ID}/entitlements", SetupEndpoints::addEntitlement)
                .add("DELETE", V7, "/entitlements/{ENTITLEMENT_ID}", V7Endpoints::deleteEntitlement)
                .roles(Role.DELETE_ENTITLEMENT_AT_ANY_BANK)
                .add("GET", "v6.0.0", "/features", c -> Reply.ok(features()))
                .open()
                .add("GET", "v4.0.0", "/api/versions", V7Endpoints::apiVersions)
                .open()
                .add(
                        "GET",
                        "v6.0.0",
                        "/system/connectors",
                        c -> Reply.ok(Json.obj(
                                "connectors",
                                List.of(
                                        Json.obj("connector_name", "mapped", "is_available_in_method_routing", true),
                                        Json.obj(
                                                "connector_name",
                                                "stored_procedure_vDec2019",
                                                "is_available_in_method_routing",
                                                true)))))
                .open()
                .add(
                        "GET",
                        "v6.0.0",
                        "/providers",
                        c -> Reply.ok(Json.obj("providers", List.of(c.emulator().baseUrl()))))
                .add("GET", "v1.3.0", "/cards", c -> Reply.ok(Json.obj("cards", List.of())))
                .add("GET", "v1.3.0", "/banks/{BANK_ID}/cards", c -> Reply.ok(Json.obj("cards", List.of())))
                .roles(Role.GET_CARDS_FOR_BANK)
                .add("GET", "v6.0.0", "/banks/{BANK_ID}/customers", c -> Reply.ok(Json.obj("customers", List.of())))
                .roles(Role.GET_CUSTOMERS_AT_ONE_BANK)
                .add("GET", "v6.0.0", "/users", V7Endpoints::users)
                .roles(Role.GET_ANY_USER)
                .add("GET", "v6.0.0", "/system/cache/config", fixedReport(Role.GET_CACHE_CONFIG))
                .roles(Role.GET_CACHE_CONFIG)
                .add("GET", "v6.0.0", "/system/cache/info", fixedReport(Role.GET_CACHE_INFO))
                .roles(Role.GET_CACHE_INFO)
                .add("GET", "v6.0.0", "/system/cache/namespaces", fixedReport(Role.GET_CACHE_NAMESPACES))
                .roles(Role.GET_CACHE_NAMESPACES)
                .add("GET", "v6.0.0", "/system/migrations", fixedReport(Role.GET_MIGRATIONS))
                .roles(Role.GET_MIGRATIONS)
                .add("GET", "v6.0.0", STALL_PROBE, V7Endpoints::connectorHealth)
                .roles(Role.GET_CONNECTOR_HEALTH)
                // As OBP, authenticates and checks the role on pooled connections, so it starves with the rest; with
                // pool-endpoint-uses-pool = false it does both on the monitoring connection and answers while the pool
                // is starved.
                .addOutsidePool(
                        "GET",
                        "v6.0.0",
                        "/system/database/pool",
                        c -> Reply.ok(c.emulator().pool().toJson()))
                .roles(Role.GET_DATABASE_POOL_INFO)
                // OBP's API metrics (write_metrics=true), in v5.1.0's shape; 404 OBP-10404 when the server writes none.
                .add("GET", "v5.1.0", "/management/metrics", V7Endpoints::metrics)
                .roles(Role.READ_METRICS)
                // OBP of 2026's Telemetry through its own API: the Prometheus port's text. Outside the pool as the
                // port is: it answers while the pool is starved once its caller is known.
                .add("GET", V7, "/management/telemetry", V7Endpoints::telemetry)
                .roles(Role.GET_TELEMETRY);
    }

    // GET /obp/v5.1.0/management/metrics
    static Reply metrics(Call c) {
        ApiMetrics m = c.emulator().apiMetrics();
        // write_metrics=false: the endpoint is there, its table stays empty.
        return Reply.ok(m == null ? Json.obj("metrics", List.of()) : m.query(c.queryParams()));
    }

    // GET /obp/v7.0.0/management/telemetry
    static Reply telemetry(Call c) {
        String text = c.emulator().telemetryText();
        // telemetry off: the endpoint answers as a path the server does not serve.
        if (text == null) throw ObpError.pathNotFound("/obp/" + V7 + "/management/telemetry", null);
        return Reply.ok(new Routes.PlainText("text/plain; version=0.0.4; charset=utf-8", text));
    }

    // GET /obp/v7.0.0/root
    static Reply root(Call c) {
        Map<String, Object> org = Json.obj(
                "organisation",
                "TESOBE",
                "email",
                "contact@tesobe.com",
                "phone",
                "",
                "organisation_website",
                "https://www.tesobe.com");
        return Reply.ok(Json.obj(
                "version",
                c.version(),
                "version_status",
                c.version().equals(c.emulator().routes().maxVersion()) ? "BLEEDING_EDGE" : "STABLE",
                "git_commit",
                "",
                "stage",
                "development",
                "connector",
                "mapped",
                "hostname",
                c.emulator().baseUrl(),
                "local_identity_provider",
                c.emulator().baseUrl(),
                "hosted_by",
                org,
                "hosted_at",
                Json.obj("organisation", "obp-loadtest", "organisation_website", ""),
                "energy_source",
                Json.obj("organisation", "", "organisation_website", ""),
                "resource_docs_requires_role",
                false));
    }

    static Map<String, Object> features() {
        Map<String, Object> f = Json.obj();
        for (String name : List.of(
                "allow_public_views",
                "allow_abac_account_access",
                "allow_account_firehose",
                "allow_customer_firehose",
                "allow_direct_login",
                "allow_gateway_login",
                "allow_oauth2_login",
                "allow_dauth",
                "allow_sandbox_account_creation",
                "allow_sandbox_data_import",
                "allow_account_deletion",
                "allow_just_in_time_entitlements")) f.put(name, name.equals("allow_direct_login"));
        return f;
    }

    /** The other standards a 2024 OBP lists beside its own versions (urlPrefix, apiStandard, version). */
    private static final List<List<String>> OTHER_STANDARDS = List.of(
            List.of("", "", ""),
            List.of("berlin-group", "BG", "v1.3"),
            List.of("obp", "obp", "dynamic-entity"),
            List.of("open-banking", "UK", "v3.1"),
            List.of("stet", "STET", "v1.4"),
            List.of("berlin-group", "BG", "v1"),
            List.of("obp", "obp", "dynamic-endpoint"),
            List.of("cds-au", "AU", "v1.0.0"));

    // GET /obp/v4.0.0/api/versions (no auth) → {"scanned_api_versions":[{urlPrefix, apiStandard, apiShortVersion,
    // API_VERSION}]}, unordered, other standards and non-numeric obp entries mixed in (docs/obp-api.md §1)
    static Reply apiVersions(Call c) {
        List<List<String>> entries = new ArrayList<>();
        for (String v : Routes.VERSIONS)
            if (c.emulator().routes().servesVersion(v)) entries.add(List.of("obp", "obp", v));
        // interleave the other standards and reverse: a client must not rely on any order
        for (int i = 0; i < OTHER_STANDARDS.size(); i++)
            entries.add(Math.min(entries.size(), 2 * i + 1), OTHER_STANDARDS.get(i));
        java.util.Collections.reverse(entries);
        List<Object> versions = new ArrayList<>();
        for (List<String> e : entries)
            versions.add(Json.obj(
                    "urlPrefix",
                    e.get(0),
                    "apiStandard",
                    e.get(1),
                    "apiShortVersion",
                    e.get(2),
                    "API_VERSION",
                    e.get(2)));
        return Reply.ok(Json.obj("scanned_api_versions", versions));
    }

    /**
     * GET /obp/vX/resource-docs/DOC_VERSION/obp (no auth): every endpoint this server serves under DOC_VERSION, in
     * OBP's ResourceDocJson shape (api/v1_4_0/JSONFactory1_4_0.scala) with OBP's placeholders (BANK_ID). With
     * resource-docs off, the 400 a 2024 OBP without Redis answers.
     */
    static Reply resourceDocs(Call c) {
        if (!c.emulator().plan().resourceDocs()) throw ObpError.badRequest(ObpError.NO_REDIS);
        String docVersion = c.param(0);
        Routes routes = c.emulator().routes();
        if (!routes.servesVersion(docVersion)) throw ObpError.badRequest(ObpError.INVALID_API_VERSION);
        Map<String, Routes.Route> served = new java.util.LinkedHashMap<>();
        for (Routes.Route r : routes.all()) {
            if (!r.servesVersion(docVersion)) continue;
            String key = r.method() + " " + r.template();
            Routes.Route seen = served.get(key);
            if (seen == null || Routes.index(r.since()) > Routes.index(seen.since())) served.put(key, r);
        }
        List<Object> docs = new ArrayList<>();
        for (Routes.Route r : served.values()) {
            String function = functionName(r);
            List<Object> roles = new ArrayList<>();
            for (Role role : r.roles())
                roles.add(Json.obj("role", role.obpName(), "requires_bank_id", role.requiresBankId()));
            docs.add(Json.obj(
                    "operation_id",
                    "OBP" + r.since() + "-" + function,
                    "implemented_by",
                    Json.obj("version", "OBP" + r.since(), "function", function),
                    "request_verb",
                    r.method(),
                    "request_url",
                    r.obpTemplate(),
                    "summary",
                    r.method() + " " + r.obpTemplate(),
                    "description",
                    "",
                    "tags",
                    List.of(tag(r)),
                    "roles",
                    roles,
                    "is_featured",
                    false,
                    "special_instructions",
                    "",
                    "specified_url",
                    "/obp/" + docVersion + r.obpTemplate()));
        }
        return Reply.ok(Json.obj("resource_docs", docs));
    }

    /** A function name in OBP's style, from the verb and the literal segments: POST /banks/BANK_ID/accounts → postBanksAccounts. */
    static String functionName(Routes.Route r) {
        StringBuilder name = new StringBuilder(r.method().toLowerCase(java.util.Locale.ROOT));
        for (String s : r.segments()) {
            if (s.startsWith("{") || s.isEmpty()) continue;
            for (String word : s.split("[-_.]"))
                if (!word.isEmpty())
                    name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.toString();
    }

    private static String tag(Routes.Route r) {
        String first = r.segments()[0];
        return first.isEmpty() ? "API" : Character.toUpperCase(first.charAt(0)) + first.substring(1);
    }

    static Map<String, Object> userInfo(Call c, Map<String, Object> u) {
        Map<String, Object> json = SetupEndpoints.userIdentity(c, u);
        json.put("is_deleted", false);
        json.put("is_locked", false);
        return json;
    }

    // GET /obp/v7.0.0/users (CanGetAnyUser) → {"users":[...]}
    static Reply users(Call c) throws SQLException {
        List<Object> users = new ArrayList<>();
        for (Map<String, Object> u : c.db().sql(conn -> Call.rows(conn, "SELECT * FROM users ORDER BY username")))
            users.add(userInfo(c, u));
        return Reply.ok(Json.obj("users", users));
    }

    // GET /obp/v7.0.0/users/user-id/USER_ID (CanGetAnyUser) → user; 404 when missing (v6 would say 400)
    static Reply userById(Call c) throws SQLException {
        Map<String, Object> json = userInfo(c, SetupEndpoints.userRow(c, c.param(0)));
        SetupEndpoints.addMobilePhone(json);
        return Reply.ok(json);
    }

    // DELETE /obp/v7.0.0/entitlements/ID (CanDeleteEntitlementAtAnyBank) → 204, also when it does not exist
    static Reply deleteEntitlement(Call c) throws SQLException {
        c.db().sql(conn -> Call.update(conn, "DELETE FROM entitlements WHERE entitlement_id = ?", c.param(0)));
        return Reply.noContent();
    }

    /**
     * A system report of an emulator without Redis or migrations to run: always the same answer (the route checks
     * {@code role} first). The answers are data, by role, in emulator/fixed-answers.json.
     */
    private static Routes.Endpoint fixedReport(Role role) {
        JsonNode answer = FIXED_REPORTS.get(role.obpName());
        if (answer == null) throw new IllegalStateException("no fixed answer for " + role.obpName());
        return c -> Reply.ok(answer);
    }

    /**
     * The stall probe: holds a pooled connection while really dialling the silent connector for the
     * plan's dial timeout, then reports the connector as in error (200, like OBP's health endpoint).
     */
    static Reply connectorHealth(Call c) throws SQLException {
        c.db().hold();
        SilentConnector.Health h =
                c.emulator().connector().probe(c.emulator().plan().connectorDialTimeout());
        return Reply.ok(Json.obj(
                "status",
                h.ok() ? "ok" : "error",
                "server_name",
                "stored_procedure_vDec2019",
                "server_ip",
                "127.0.0.1:" + c.emulator().connector().port(),
                "database_name",
                "obp_connector",
                "response_time_ms",
                h.elapsedMs(),
                "error_message",
                h.error()));
    }
}
