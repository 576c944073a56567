package obp.loadtest.scenarios;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import obp.loadtest.obp.ObpApi;
import obp.loadtest.scenarios.Timed.Step;
import obp.loadtest.setup.Fixture;
import obp.loadtest.setup.Ledger;

/**
 * Accounts + views loop, per iteration: create account (v4.0.0), list views (v5.0.0), create a
 * custom view (v3.0.0), list views again, account details (v6.0.0), balances (v5.1.0),
 * GET /my/accounts (v3.0.0). The bootstrap user owns the account, so everything answers 2xx.
 */
public final class AccountsScenario {

    public static final String GROUP = "accounts";

    private AccountsScenario() {}

    public static ChainBuilder loop(Fixture f, Timed timed, int iterations) {
        String bank = f.bankId();
        String token = ObpApi.tokenHeader(f.bootstrap().token());
        String account = "#{" + Keys.ACCOUNT_ID + "}";
        ChainBuilder views = timed.request(Step.of("v5.0.0 list views", GROUP, 200),
                http("v5.0.0 list views").get(session -> ObpApi.listViews(bank, session.getString(Keys.ACCOUNT_ID))).header("DirectLogin", token));
        ChainBuilder oneAccount = exec(
                timed.request(Step.of("v4.0.0 create account", GROUP, 201),
                        http("v4.0.0 create account").post(ObpApi.createAccount(bank)).header("DirectLogin", token)
                                .body(StringBody(AccountsScenario::accountBody)).check(jmesPath("account_id").transform(AccountsScenario::created).saveAs(Keys.ACCOUNT_ID))),
                doIf(session -> session.contains(Keys.ACCOUNT_ID)).then(exec(
                        views,
                        timed.request(Step.of("v3.0.0 create custom view", GROUP, 201),
                                http("v3.0.0 create custom view").post(ObpApi.createView(bank, account)).header("DirectLogin", token)
                                        .body(StringBody(AccountsScenario::viewBody))),
                        views,
                        timed.request(Step.of("v6.0.0 account details", GROUP, 200),
                                http("v6.0.0 account details").get(ObpApi.accountDetails(bank, account)).header("DirectLogin", token)),
                        timed.request(Step.of("v5.1.0 balances", GROUP, 200),
                                http("v5.1.0 balances").get(ObpApi.balances(bank, account)).header("DirectLogin", token)),
                        timed.request(Step.of("v3.0.0 my accounts", GROUP, 200),
                                http("v3.0.0 my accounts").get(ObpApi.MY_ACCOUNTS).header("DirectLogin", token)))),
                exec(session -> session.remove(Keys.ACCOUNT_ID)));
        return repeat(iterations, "i").on(group(GROUP).on(oneAccount));
    }

    /** Recorded for the end of the run, which deletes the bank with its accounts. */
    private static String created(String accountId) {
        Ledger.run().account(accountId);
        return accountId;
    }

    private static String accountBody(Session session) {
        return "{\"user_id\":\"\",\"label\":\"LT acc " + (session.getInt("i") + 1) + "\",\"product_code\":\"LT\","
                + "\"balance\":{\"currency\":\"EUR\",\"amount\":\"0\"},\"branch_id\":\"\",\"account_routings\":[]}";
    }

    private static String viewBody(Session session) {
        String name = "_lt_view_" + (session.getInt("i") + 1);
        return "{\"name\":\"" + name + "\",\"description\":\"load test\",\"metadata_view\":\"" + name + "\",\"is_public\":false,"
                + "\"which_alias_to_use\":\"\",\"hide_metadata_if_alias_used\":false,"
                + "\"allowed_actions\":[\"can_see_transaction_amount\",\"can_see_bank_account_balance\"]}";
    }
}
