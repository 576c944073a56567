package obp.loadtest.scenarios;

import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static obp.loadtest.scenarios.Timed.directLogin;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.ArrayList;
import java.util.List;
import obp.loadtest.obp.BodyTemplate;
import obp.loadtest.obp.Operation;
import obp.loadtest.obp.ServerFacts;
import obp.loadtest.scenarios.Timed.Step;
import obp.loadtest.setup.Fixture;
import obp.loadtest.setup.Ledger;

/**
 * Accounts + views loop, per iteration: create account (v4.0.0), list views (v5.0.0), create a
 * custom view (v3.0.0), list views again, account details (v6.0.0), balances (v5.1.0),
 * GET /my/accounts (v3.0.0) — each under the version the server has ({@link ServerFacts}), a call
 * it lacks left out. The run's account holder ({@link Fixture#holder}) owns the account, so everything answers 2xx.
 */
public final class AccountsScenario {

    public static final String GROUP = "accounts";

    /** The view every account's owner has. */
    private static final String OWNER_VIEW = "owner";

    private AccountsScenario() {}

    public static ChainBuilder loop(Fixture f, Timed timed, int iterations) {
        String bank = f.bankId();
        String token = f.holder().token();
        String account = "#{" + BodyTemplate.ACCOUNT_ID + "}";
        ServerFacts server = f.server();
        // Every call after the first reads the account it created: without "create account" there is no loop.
        ServerFacts.Route create = server.route(Operation.CREATE_ACCOUNT).orElseThrow();
        ChainBuilder oneAccount = exec(
                exec(AccountsScenario::names),
                timed.request(
                        Step.of(create.label(), GROUP, 201),
                        http -> directLogin(http.httpRequest(create.verb(), create.path("BANK_ID", bank)), token)
                                .body(Timed.body(BodyTemplate.CREATE_ACCOUNT, BodyTemplate.LABEL))
                                .check(jmesPath("account_id")
                                        .transform(AccountsScenario::created)
                                        .saveAs(BodyTemplate.ACCOUNT_ID))),
                doIf(session -> session.contains(BodyTemplate.ACCOUNT_ID))
                        .then(exec(calls(server, timed, token, bank, account))),
                exec(session ->
                        session.removeAll(BodyTemplate.ACCOUNT_ID, BodyTemplate.LABEL, BodyTemplate.VIEW_NAME)));
        return repeat(iterations, "i").on(group(GROUP).on(oneAccount));
    }

    /** The calls on the new account, in the Go tool's order (views listed before and after the custom view), as this server has them. */
    private static List<ChainBuilder> calls(
            ServerFacts server, Timed timed, String token, String bank, String account) {
        List<ChainBuilder> calls = new ArrayList<>();
        for (Operation op : List.of(
                Operation.LIST_VIEWS,
                Operation.CREATE_VIEW,
                Operation.LIST_VIEWS,
                Operation.ACCOUNT_DETAILS,
                Operation.BALANCES,
                Operation.MY_ACCOUNTS)) {
            server.route(op).ifPresent(r -> {
                String path = r.path("BANK_ID", bank, "ACCOUNT_ID", account, "VIEW_ID", OWNER_VIEW);
                int expected = op == Operation.CREATE_VIEW ? 201 : 200;
                calls.add(timed.request(Step.of(r.label(), GROUP, expected), http -> {
                    HttpRequestActionBuilder request = directLogin(http.httpRequest(r.verb(), path), token);
                    return op == Operation.CREATE_VIEW
                            ? request.body(Timed.body(BodyTemplate.CREATE_VIEW, BodyTemplate.VIEW_NAME))
                            : request;
                }));
            });
        }
        return calls;
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
