package obp.loadtest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import obp.loadtest.emulator.Routes.Reply;

/** docs/obp-api.md §3 and the account reads of §5: accounts, views, account details, balances. */
final class AccountEndpoints {
    static final String OWNER = "owner";
    private static final List<String> OWNER_ACTIONS = List.of(
            "can_see_transaction_amount",
            "can_see_bank_account_balance",
            "can_see_available_views_for_bank_account",
            "can_create_custom_view",
            "can_see_bank_account_label");

    /** One account's path: its BANK_ID and ACCOUNT_ID are the first two parameters of the routes under it. */
    private static final String ACCOUNT = "/banks/{BANK_ID}/accounts/{ACCOUNT_ID}";

    private AccountEndpoints() {}

    static void register(Routes r) {
        // CanCreateAccount at the bank even for one's own account, checked before any work (docs/obp-api.md §3)
        r.add("POST", "v4.0.0", "/banks/{BANK_ID}/accounts", AccountEndpoints::createAccount)
                .roles(Role.CREATE_ACCOUNT)
                .add("GET", "v3.0.0", ACCOUNT + "/views", AccountEndpoints::views)
                .add("POST", "v3.0.0", ACCOUNT + "/views", AccountEndpoints::createView)
                .add("GET", "v3.0.0", ACCOUNT + "/{VIEW_ID}/account", AccountEndpoints::moderatedAccount)
                .add("GET", "v5.1.0", ACCOUNT + "/views/{VIEW_ID}/balances", AccountEndpoints::balances)
                .add("GET", "v3.0.0", "/my/accounts", AccountEndpoints::myAccounts)
                .add("POST", "v4.0.0", ACCOUNT + "/account-access/grant", AccountEndpoints::grantAccountAccess)
                .add("GET", "v6.0.0", "/banks/{BANK_ID}/accounts", AccountEndpoints::accountsAtBank)
                .add("GET", "v6.0.0", "/my" + ACCOUNT + "/account", AccountEndpoints::myAccount);
    }

    // POST /obp/v4.0.0/banks/BANK_ID/accounts
    // {"user_id":"","label","product_code","balance":{"currency","amount"},"branch_id","account_routings"}
    static Reply createAccount(Call c) throws SQLException {
        String caller = c.userId();
        String bankId = c.param(0);
        JsonNode j = c.json();
        String userId = Call.field(j, "user_id");
        String label = Call.field(j, "label");
        String product = Call.field(j, "product_code");
        String branch = Call.field(j, "branch_id");
        JsonNode balance = j.get("balance");
        if (balance == null || j.get("account_routings") == null) throw ObpError.badRequest(ObpError.INCORRECT_JSON);
        String currency = Call.field(balance, "currency");
        String amount = Call.field(balance, "amount");
        if (!currency.matches("[A-Z]{3}")) throw ObpError.badRequest(ObpError.INVALID_CURRENCY);
        try {
            if (new BigDecimal(amount).signum() != 0) throw ObpError.badRequest(ObpError.NON_ZERO_BALANCE);
        } catch (NumberFormatException e) {
            throw ObpError.badRequest(ObpError.INCORRECT_JSON + " Invalid amount: " + amount);
        }
        String owner = userId.isEmpty() ? caller : userId;
        String accountId = ObpEmulator.uuid();
        String number = String.valueOf(1_000_000_000L + Math.abs(accountId.hashCode()));
        c.db().sql(conn -> {
            Call.update(
                    conn,
                    "INSERT INTO accounts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    accountId,
                    bankId,
                    owner,
                    label,
                    number,
                    product,
                    currency,
                    amount,
                    branch);
            Call.update(conn, "INSERT INTO account_holders VALUES (?, ?, ?)", owner, bankId, accountId);
            // OBP then refreshes the holder's access to every account it holds, including accounts a bank cascade
            // has deleted since: it keeps their holder rows (BankAccountCreation.setAccountHolderAndRefreshUser...).
            return Call.update(
                    conn,
                    "INSERT INTO account_access SELECT h.bank_id, h.account_id, ?, h.user_id FROM account_holders h"
                            + " WHERE h.user_id = ? AND NOT EXISTS (SELECT 1 FROM account_access x WHERE"
                            + " x.bank_id = h.bank_id AND x.account_id = h.account_id AND x.view_id = ?"
                            + " AND x.user_id = h.user_id)",
                    OWNER,
                    owner,
                    OWNER);
        });
        return Reply.created(Json.obj(
                "account_id",
                accountId,
                "user_id",
                owner,
                "label",
                label,
                "product_code",
                product,
                "balance",
                Json.obj("currency", currency, "amount", amount),
                "branch_id",
                branch,
                "account_routings",
                List.of(),
                "account_attributes",
                List.of()));
    }

    /** The account row, 404 OBP-30001/30018 when the bank or account does not exist. */
    static Map<String, Object> account(Call c, String bankId, String accountId) throws SQLException {
        c.requireBank(bankId);
        List<Map<String, Object>> row = c.db().sql(conn ->
                Call.rows(conn, "SELECT * FROM accounts WHERE bank_id = ? AND account_id = ?", bankId, accountId));
        if (row.isEmpty())
            throw ObpError.notFound(ObpError.ACCOUNT_NOT_FOUND + " Current BankId is " + bankId
                    + " and Current AccountId is " + accountId);
        return row.get(0);
    }

    /** 403 OBP-20017 unless the caller has been granted this view on this account. */
    static void requireView(Call c, String bankId, String accountId, String viewId) throws SQLException {
        String user = c.userId();
        if (c.db().sql(conn -> Call.queryString(
                        conn,
                        "SELECT view_id FROM account_access WHERE bank_id = ? AND account_id = ? AND view_id = ? AND user_id = ?",
                        bankId,
                        accountId,
                        viewId,
                        user))
                == null) throw ObpError.forbidden(ObpError.NO_VIEW_ACCESS + ": viewId=" + viewId);
    }

    static Map<String, Object> viewJson(
            String id, String description, String metadataView, boolean system, List<String> actions) {
        Map<String, Object> v = Json.obj(
                "id",
                id,
                "short_name",
                system ? "Owner" : id,
                "description",
                description,
                "metadata_view",
                metadataView,
                "is_public",
                false,
                "is_system",
                system,
                "is_firehose",
                false,
                "alias",
                "private",
                "hide_metadata_if_alias_used",
                false);
        for (String action : OWNER_ACTIONS) v.put(action, actions.contains(action));
        return v;
    }

    // POST /obp/v4.0.0/banks/B/accounts/A/account-access/grant {"user_id", "view": {"view_id", "is_system"}} → 201, the
    // view (APIMethods400.grantUserAccessToView). The caller's views must list the target among
    // can_grant_access_to_views (the owner view lists owner), else 400 OBP-20047 (Helper.booleanToFuture's default
    // code); an unknown user is 404 OBP-20005. Access so granted is an account access row and no holding: a bank
    // cascade removes it for good (docs/obp-api.md §9.12).
    static Reply grantAccountAccess(Call c) throws SQLException {
        String bankId = c.param(0);
        String accountId = c.param(1);
        account(c, bankId, accountId);
        JsonNode j = c.json();
        String userId = Call.field(j, "user_id");
        JsonNode view = j.get("view");
        if (view == null) throw ObpError.badRequest(ObpError.INCORRECT_JSON);
        String viewId = Call.field(view, "view_id");
        boolean canGrant = OWNER.equals(viewId)
                && c.db().sql(conn -> Call.queryString(
                                conn,
                                "SELECT view_id FROM account_access WHERE bank_id = ? AND account_id = ? AND view_id = ?"
                                        + " AND user_id = ?",
                                bankId,
                                accountId,
                                OWNER,
                                c.userId()))
                        != null;
        if (!canGrant)
            throw ObpError.badRequest(ObpError.CANNOT_GRANT_VIEW + "Current ViewId(" + viewId + ") and current UserId("
                    + c.userId() + ")");
        c.db().sql(conn -> {
            if (Call.queryString(conn, "SELECT user_id FROM users WHERE user_id = ?", userId) == null)
                throw ObpError.notFound(ObpError.USER_NOT_FOUND);
            return Call.update(
                    conn,
                    "MERGE INTO account_access KEY (bank_id, account_id, view_id, user_id) VALUES (?, ?, ?, ?)",
                    bankId,
                    accountId,
                    OWNER,
                    userId);
        });
        return Reply.created(viewJson(OWNER, "Owner view", OWNER, true, OWNER_ACTIONS));
    }

    // GET /obp/v5.0.0/banks/B/accounts/A/views → 200 {"views":[...]}
    static Reply views(Call c) throws SQLException {
        account(c, c.param(0), c.param(1));
        requireView(c, c.param(0), c.param(1), OWNER);
        List<Object> views = new ArrayList<>();
        views.add(viewJson(OWNER, "Owner view", OWNER, true, OWNER_ACTIONS));
        for (Map<String, Object> v : c.db().sql(conn -> Call.rows(
                conn,
                "SELECT * FROM custom_views WHERE bank_id = ? AND account_id = ? ORDER BY view_id",
                c.param(0),
                c.param(1))))
            views.add(viewJson(
                    (String) v.get("view_id"),
                    (String) v.get("description"),
                    (String) v.get("metadata_view"),
                    false,
                    List.of(((String) v.get("allowed_actions")).split(","))));
        return Reply.ok(Json.obj("views", views));
    }

    // POST /obp/v3.0.0/banks/B/accounts/A/views {"name":"_lt_view_1",...} → 201 view; OBP-20020 without leading "_"
    static Reply createView(Call c) throws SQLException {
        String bankId = c.param(0);
        String accountId = c.param(1);
        account(c, bankId, accountId);
        requireView(c, bankId, accountId, OWNER);
        JsonNode j = c.json();
        String name = Call.field(j, "name");
        if (!name.startsWith("_")) throw ObpError.badRequest(ObpError.CUSTOM_VIEW_NAME);
        if (j.path("is_public").asBoolean(false)) throw ObpError.badRequest(ObpError.PUBLIC_VIEWS_NOT_ALLOWED);
        String description = Call.optionalField(j, "description", "");
        String metadata = Call.optionalField(j, "metadata_view", name);
        List<String> actions = new ArrayList<>();
        j.path("allowed_actions").forEach(a -> actions.add(a.asText()));
        c.db().sql(conn -> {
            if (Call.queryString(
                            conn,
                            "SELECT view_id FROM custom_views WHERE bank_id = ? AND account_id = ? AND view_id = ?",
                            bankId,
                            accountId,
                            name)
                    != null) throw ObpError.badRequest(ObpError.VIEW_EXISTS);
            return Call.update(
                    conn,
                    "INSERT INTO custom_views VALUES (?, ?, ?, ?, ?, ?)",
                    bankId,
                    accountId,
                    name,
                    description,
                    metadata,
                    String.join(",", actions));
        });
        return Reply.created(viewJson(name, description, metadata, false, actions));
    }

    static List<Object> viewsAvailable(Call c, String bankId, String accountId) throws SQLException {
        String user = c.userId();
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> v : c.db().sql(conn -> Call.rows(
                conn,
                "SELECT view_id FROM account_access WHERE bank_id = ? AND account_id = ? AND user_id = ? ORDER BY view_id",
                bankId,
                accountId,
                user)))
            out.add(Json.obj(
                    "id",
                    v.get("view_id"),
                    "short_name",
                    OWNER.equals(v.get("view_id")) ? "Owner" : v.get("view_id"),
                    "is_public",
                    false));
        return out;
    }

    static Map<String, Object> balance(Map<String, Object> a) {
        return Json.obj("currency", a.get("currency"), "amount", a.get("amount"));
    }

    // GET /obp/v6.0.0/banks/B/accounts/A/VIEW_ID/account → ModeratedAccountJSON600
    static Reply moderatedAccount(Call c) throws SQLException {
        Map<String, Object> a = viewedAccount(c, c.param(2));
        return Reply.ok(Json.obj(
                "id",
                a.get("account_id"),
                "bank_id",
                a.get("bank_id"),
                "label",
                a.get("label"),
                "number",
                a.get("number"),
                "owners",
                List.of(Json.obj(
                        "id", a.get("owner_user_id"), "provider", c.emulator().baseUrl(), "display_name", "")),
                "product_code",
                a.get("product_code"),
                "balance",
                balance(a),
                "views_available",
                viewsAvailable(c, c.param(0), c.param(1)),
                "account_routings",
                List.of(),
                "account_attributes",
                List.of(),
                "tags",
                List.of()));
    }

    // GET /obp/v5.1.0/banks/B/accounts/A/views/VIEW_ID/balances
    static Reply balances(Call c) throws SQLException {
        Map<String, Object> a = viewedAccount(c, c.param(2));
        return Reply.ok(Json.obj(
                "account_id",
                a.get("account_id"),
                "bank_id",
                a.get("bank_id"),
                "account_routings",
                List.of(),
                "label",
                a.get("label"),
                "balances",
                List.of(Json.obj("type", "OpeningBooked", "currency", a.get("currency"), "amount", a.get("amount")))));
    }

    private static List<Map<String, Object>> accessibleAccounts(Call c, String bankIdOrNull) throws SQLException {
        String user = c.userId();
        return c.db().sql(conn -> bankIdOrNull == null
                ? Call.rows(
                        conn,
                        "SELECT DISTINCT a.* FROM accounts a JOIN account_access x ON x.bank_id = a.bank_id AND x.account_id = a.account_id WHERE x.user_id = ? ORDER BY a.account_id",
                        user)
                : Call.rows(
                        conn,
                        "SELECT DISTINCT a.* FROM accounts a JOIN account_access x ON x.bank_id = a.bank_id AND x.account_id = a.account_id WHERE x.user_id = ? AND a.bank_id = ? ORDER BY a.account_id",
                        user,
                        bankIdOrNull));
    }

    // GET /obp/v3.0.0/my/accounts → {"accounts":[{id, label, bank_id, account_type, account_routings, views}]}
    static Reply myAccounts(Call c) throws SQLException {
        // Access to an account that is gone (see createAccount) fails the whole list, as OBP's getFilteredCoreAccounts
        // opens each account's box.
        List<Map<String, Object>> gone = c.db().sql(conn -> Call.rows(
                conn,
                "SELECT x.bank_id, x.account_id FROM account_access x WHERE x.user_id = ? AND NOT EXISTS (SELECT 1 FROM"
                        + " accounts a WHERE a.bank_id = x.bank_id AND a.account_id = x.account_id)"
                        + " ORDER BY x.bank_id, x.account_id LIMIT 1",
                c.userId()));
        if (!gone.isEmpty())
            throw ObpError.badRequest(ObpError.EMPTY_BOX_OPENED + ObpError.ACCOUNT_NOT_FOUND + "  current BANK_ID("
                    + gone.get(0).get("bank_id") + ") and ACCOUNT_ID("
                    + gone.get(0).get("account_id") + ")");
        List<Object> accounts = new ArrayList<>();
        for (Map<String, Object> a : accessibleAccounts(c, null)) {
            accounts.add(Json.obj(
                    "id",
                    a.get("account_id"),
                    "label",
                    a.get("label"),
                    "bank_id",
                    a.get("bank_id"),
                    "account_type",
                    a.get("product_code"),
                    "account_routings",
                    List.of(),
                    "views",
                    viewsBasic(c, a)));
        }
        return Reply.ok(Json.obj("accounts", accounts));
    }

    // GET /obp/v6.0.0/banks/B/accounts → {"accounts":[{account_id, bank_id, label, views_available}]}
    static Reply accountsAtBank(Call c) throws SQLException {
        c.userId();
        c.requireBank(c.param(0));
        List<Object> accounts = new ArrayList<>();
        for (Map<String, Object> a : accessibleAccounts(c, c.param(0))) {
            Map<String, Object> account = accountHeader(a);
            account.put("views_available", viewsAvailable(c, (String) a.get("bank_id"), (String) a.get("account_id")));
            accounts.add(account);
        }
        return Reply.ok(Json.obj("accounts", accounts));
    }

    // GET /obp/v6.0.0/my/banks/B/accounts/A/account (owner view required)
    static Reply myAccount(Call c) throws SQLException {
        Map<String, Object> a = viewedAccount(c, OWNER);
        Map<String, Object> json = accountHeader(a);
        json.putAll(Json.obj(
                "number",
                a.get("number"),
                "product_code",
                a.get("product_code"),
                "balance",
                balance(a),
                "account_routings",
                List.of(),
                "views_basic",
                viewsBasic(c, a)));
        return Reply.ok(json);
    }

    /** The account at the path's BANK_ID/ACCOUNT_ID, once the caller is known to hold {@code viewId} on it. */
    private static Map<String, Object> viewedAccount(Call c, String viewId) throws SQLException {
        Map<String, Object> a = account(c, c.param(0), c.param(1));
        requireView(c, c.param(0), c.param(1), viewId);
        return a;
    }

    /** account_id, bank_id and label: how the v6 account JSONs start. */
    private static Map<String, Object> accountHeader(Map<String, Object> a) {
        return Json.obj("account_id", a.get("account_id"), "bank_id", a.get("bank_id"), "label", a.get("label"));
    }

    /** The caller's views on the account, in the short form (id, short_name, description, is_public). */
    private static List<Object> viewsBasic(Call c, Map<String, Object> a) throws SQLException {
        List<Object> views = new ArrayList<>();
        for (Object v : viewsAvailable(c, (String) a.get("bank_id"), (String) a.get("account_id"))) {
            Map<?, ?> view = (Map<?, ?>) v;
            views.add(Json.obj(
                    "id", view.get("id"), "short_name", view.get("short_name"), "description", "", "is_public", false));
        }
        return views;
    }
}
