package obp.loadtest.scenarios;

import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static obp.loadtest.scenarios.Timed.directLogin;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import obp.loadtest.obp.BodyTemplate;
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
        String token = f.bootstrap().token();
        String account = "#{" + BodyTemplate.ACCOUNT_ID + "}";
        ChainBuilder views = timed.request(
                Step.of("v5.0.0 list views", GROUP, 200),
                http -> directLogin(
                        http.get(session -> ObpApi.listViews(bank, session.getString(BodyTemplate.ACCOUNT_ID))),
                        token));
        ChainBuilder oneAccount = exec(
                exec(AccountsScenario::names),
                timed.request(
                        Step.of("v4.0.0 create account", GROUP, 201),
                        http -> directLogin(http.post(ObpApi.createAccount(bank)), token)
                                .body(Timed.body(BodyTemplate.CREATE_ACCOUNT, BodyTemplate.LABEL))
                                .check(jmesPath("account_id")
                                        .transform(AccountsScenario::created)
                                        .saveAs(BodyTemplate.ACCOUNT_ID))),
                doIf(session -> session.contains(BodyTemplate.ACCOUNT_ID))
                        .then(exec(
                                views,
                                timed.request(
                                        Step.of("v3.0.0 create custom view", GROUP, 201),
                                        http -> directLogin(http.post(ObpApi.createView(bank, account)), token)
                                                .body(Timed.body(BodyTemplate.CREATE_VIEW, BodyTemplate.VIEW_NAME))),
                                views,
                                timed.request(
                                        Step.of("v6.0.0 account details", GROUP, 200),
                                        http -> directLogin(http.get(ObpApi.accountDetails(bank, account)), token)),
                                timed.request(
                                        Step.of("v5.1.0 balances", GROUP, 200),
                                        http -> directLogin(http.get(ObpApi.balances(bank, account)), token)),
                                timed.request(
                                        Step.of("v3.0.0 my accounts", GROUP, 200),
                                        http -> directLogin(http.get(ObpApi.MY_ACCOUNTS), token)))),
                exec(session ->
                        session.removeAll(BodyTemplate.ACCOUNT_ID, BodyTemplate.LABEL, BodyTemplate.VIEW_NAME)));
        return repeat(iterations, "i").on(group(GROUP).on(oneAccount));
    }

    /** Recorded for the end of the run, which deletes the bank with its accounts. */
    private static String created(String accountId) {
        Ledger.run().account(accountId);
        return accountId;
    }

    /** The iteration's account label and custom view name, for the bodies (a custom view's name starts with "_"). */
    private static Session names(Session session) {
        int n = session.getInt("i") + 1;
        return session.set(BodyTemplate.LABEL, "LT acc " + n).set(BodyTemplate.VIEW_NAME, "_lt_view_" + n);
    }
}
