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
                .add("GET", V7, "/root", V7Endpoints::root)
                .add("GET", V7, "/users/current", c -> Reply.ok(SetupEndpoints.userJson(c, c.userId())))
                .add("POST", V7, "/users", SetupEndpoints::createUser)
                .add("GET", V7, "/users/user-id/{USER_ID}", V7Endpoints::userById)
                .add("POST", V7, "/users/{USER_ID}/entitlements", SetupEndpoints::addEntitlement)
                .add("DELETE", V7, "/entitlements/{ENTITLEMENT_ID}", V7Endpoints::deleteEntitlement)
                .add("GET", "v6.0.0", "/features", c -> Reply.ok(features()))
                .add("GET", "v6.0.0", "/api/versions", V7Endpoints::apiVersions)
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
                .add("GET", "v6.0.0", "/providers", c -> {
                    c.userId();
                    return Reply.ok(Json.obj("providers", List.of(c.emulator().baseUrl())));
                })
                .add("GET", "v1.3.0", "/cards", c -> {
                    c.userId();
                    return Reply.ok(Json.obj("cards", List.of()));
                })
                .add("GET", "v1.3.0", "/banks/{BANK_ID}/cards", c -> bankList(c, Role.GET_CARDS_FOR_BANK, "cards"))
                .add(
                        "GET",
                        "v6.0.0",
                        "/banks/{BANK_ID}/customers",
                        c -> bankList(c, Role.GET_CUSTOMERS_AT_ONE_BANK, "customers"))
                .add("GET", "v6.0.0", "/users", V7Endpoints::users)
                .add("GET", "v6.0.0", "/system/cache/config", fixedReport(Role.GET_CACHE_CONFIG))
                .add("GET", "v6.0.0", "/system/cache/info", fixedReport(Role.GET_CACHE_INFO))
                .add("GET", "v6.0.0", "/system/cache/namespaces", fixedReport(Role.GET_CACHE_NAMESPACES))
                .add("GET", "v6.0.0", "/system/migrations", fixedReport(Role.GET_MIGRATIONS))
                .add("GET", "v6.0.0", STALL_PROBE, V7Endpoints::connectorHealth)
                // As OBP, authenticates and checks the role on pooled connections, so it starves with the rest; with
                // pool-endpoint-uses-pool = false it does both on the monitoring connection and answers while the pool
                // is starved.
                .addOutsidePool("GET", "v6.0.0", "/system/database/pool", c -> {
                    c.requireAnyRole("", Role.GET_DATABASE_POOL_INFO);
                    return Reply.ok(c.emulator().pool().toJson());
                });
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
                c.version().equals(V7) ? "BLEEDING-EDGE" : "STABLE",
                "git_commit",
                "obp-loadtest-emulator",
                "stage",
                "dev",
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

    static Reply apiVersions(Call c) {
        List<Object> versions = new ArrayList<>();
        for (String v : Routes.VERSIONS)
            versions.add(Json.obj(
                    "url_prefix",
                    "obp",
                    "api_standard",
                    "obp",
                    "api_short_version",
                    v,
                    "fully_qualified_version",
                    "OBP" + v,
                    "is_active",
                    true));
        return Reply.ok(Json.obj("scanned_api_versions", versions));
    }

    /** Resource docs: our own route table, which is what this server serves. */
    static Reply resourceDocs(Routes routes) {
        List<Object> docs = new ArrayList<>();
        for (Routes.Route r : routes.all())
            docs.add(Json.obj(
                    "operation_id",
                    "OBP" + r.since() + "-" + r.method() + r.template(),
                    "request_verb",
                    r.method(),
                    "request_url",
                    r.template(),
                    "implemented_by",
                    Json.obj("version", r.since()),
                    "tags",
                    List.of()));
        return Reply.ok(Json.obj("resource_docs", docs));
    }

    private static Reply bankList(Call c, Role role, String key) throws SQLException {
        c.userId();
        c.requireBank(c.param(0));
        c.requireAnyRole(c.param(0), role);
        return Reply.ok(Json.obj(key, List.of()));
    }

    static Map<String, Object> userInfo(Call c, Map<String, Object> u) {
        Map<String, Object> json = SetupEndpoints.userIdentity(c, u);
        json.put("is_deleted", false);
        json.put("is_locked", false);
        return json;
    }

    // GET /obp/v7.0.0/users (CanGetAnyUser) → {"users":[...]}
    static Reply users(Call c) throws SQLException {
        c.requireAnyRole("", Role.GET_ANY_USER);
        List<Object> users = new ArrayList<>();
        for (Map<String, Object> u : c.db().sql(conn -> Call.rows(conn, "SELECT * FROM users ORDER BY username")))
            users.add(userInfo(c, u));
        return Reply.ok(Json.obj("users", users));
    }

    // GET /obp/v7.0.0/users/user-id/USER_ID (CanGetAnyUser) → user; 404 when missing (v6 would say 400)
    static Reply userById(Call c) throws SQLException {
        c.requireAnyRole("", Role.GET_ANY_USER);
        Map<String, Object> json = userInfo(c, SetupEndpoints.userRow(c, c.param(0)));
        SetupEndpoints.addMobilePhone(json);
        return Reply.ok(json);
    }

    // DELETE /obp/v7.0.0/entitlements/ID (CanDeleteEntitlementAtAnyBank) → 204, also when it does not exist
    static Reply deleteEntitlement(Call c) throws SQLException {
        c.requireAnyRole("", Role.DELETE_ENTITLEMENT_AT_ANY_BANK);
        c.db().sql(conn -> Call.update(conn, "DELETE FROM entitlements WHERE entitlement_id = ?", c.param(0)));
        return Reply.noContent();
    }

    /**
     * A system report of an emulator without Redis or migrations to run: always the same answer, once the caller holds
     * {@code role}. The answers are data, by role, in emulator/fixed-answers.json.
     */
    private static Routes.Endpoint fixedReport(Role role) {
        JsonNode answer = FIXED_REPORTS.get(role.obpName());
        if (answer == null) throw new IllegalStateException("no fixed answer for " + role.obpName());
        return c -> {
            c.requireAnyRole("", role);
            return Reply.ok(answer);
        };
    }

    /**
     * The stall probe: holds a pooled connection while really dialling the silent connector for the
     * plan's dial timeout, then reports the connector as in error (200, like OBP's health endpoint).
     */
    static Reply connectorHealth(Call c) throws SQLException {
        c.requireAnyRole("", Role.GET_CONNECTOR_HEALTH);
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
