package obp.loadtest.scenarios;

import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.http.HttpDsl.status;
import static obp.loadtest.scenarios.Timed.directLogin;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import java.util.ArrayList;
import java.util.List;
import obp.loadtest.obp.BodyTemplate;
import obp.loadtest.obp.ObpApi;
import obp.loadtest.obp.Operation;
import obp.loadtest.obp.ServerFacts;
import obp.loadtest.report.Redactor;
import obp.loadtest.scenarios.Timed.Step;
import obp.loadtest.setup.Fixture;
import obp.loadtest.setup.Ledger;

/**
 * Consent loop, per iteration: create an IMPLICIT consent (v5.1.0), answer the challenge with the
 * sandbox answer (v3.1.0; a wrong answer is still 201, so the ACCEPTED status is checked), list
 * consents, call /users/current/user_id with the Consent-JWT, revoke — each where the server has it
 * ({@link ServerFacts}: on OBP of 2024, the bank-scoped v3.1.0 calls). The user_id returned is not
 * compared with the creator's: OBP may answer with a per-consent user.
 */
public final class ConsentsScenario {

    /** Session attributes only this class reads. */
    private static final String CONSENT_ID = "consentId";

    private static final String CONSENT_JWT = "consentJwt";
    /** The revoke's status, kept past the request's own record (which clears the shared one) for the ledger. */
    private static final String REVOKE_STATUS = "revokeStatus";

    public static final String GROUP = "consents";

    private ConsentsScenario() {}

    public static ChainBuilder loop(Fixture f, Timed timed, int iterations) {
        String token = f.bootstrap().token();
        String bank = f.bankId();
        String consent = "#{" + CONSENT_ID + "}";
        ServerFacts server = f.server();
        // Setup's consent preflight has made each of these once: a server without one never gets this far.
        ServerFacts.Route create =
                server.route(Operation.CREATE_IMPLICIT_CONSENT).orElseThrow();
        ServerFacts.Route answer =
                server.route(Operation.ANSWER_CONSENT_CHALLENGE).orElseThrow();
        ServerFacts.Route use = server.route(Operation.CURRENT_USER_ID).orElseThrow();
        ServerFacts.Route revoke = server.route(Operation.REVOKE_CONSENT).orElseThrow();
        ChainBuilder createConsent = timed.request(
                Step.of(create.label(), GROUP, 201),
                http -> directLogin(http.httpRequest(create.verb(), create.path("BANK_ID", bank)), token)
                        .body(Timed.body(BodyTemplate.CREATE_CONSENT, BodyTemplate.BANK_ID, BodyTemplate.ACCOUNT_ID))
                        .check(jmesPath("consent_id")
                                .transform(ConsentsScenario::created)
                                .saveAs(CONSENT_ID)));
        ChainBuilder answerChallenge = timed.request(
                Step.of(answer.label(), GROUP, 201),
                http -> directLogin(
                                http.httpRequest(answer.verb(), answer.path("BANK_ID", bank, "CONSENT_ID", consent)),
                                token)
                        .body(Timed.body(BodyTemplate.ANSWER_CONSENT_CHALLENGE, BodyTemplate.ANSWER))
                        .check(
                                jmesPath("status").is("ACCEPTED"),
                                jmesPath("jwt")
                                        .transform(ConsentsScenario::secret)
                                        .saveAs(CONSENT_JWT)));
        List<ChainBuilder> afterChallenge = new ArrayList<>();
        server.route(Operation.LIST_MY_CONSENTS)
                .ifPresent(list -> afterChallenge.add(timed.request(
                        Step.of(list.label(), GROUP, 200),
                        http -> directLogin(http.httpRequest(list.verb(), list.path("BANK_ID", bank)), token))));
        afterChallenge.add(doIf(session -> session.contains(CONSENT_JWT))
                .then(timed.request(
                        Step.of(use.label(), GROUP, 200),
                        http -> http.httpRequest(use.verb(), use.path())
                                .header("Consent-JWT", "#{" + CONSENT_JWT + "}")
                                .header("Consumer-Key", f.consumerKey()))));
        afterChallenge.add(timed.request(
                Step.of(revoke.label(), GROUP, 200),
                http -> directLogin(
                                http.httpRequest(revoke.verb(), revoke.path("BANK_ID", bank, "CONSENT_ID", consent)),
                                token)
                        .check(status().saveAs(REVOKE_STATUS))));
        afterChallenge.add(exec(ConsentsScenario::revoked));
        ChainBuilder oneConsent = exec(
                createConsent,
                doIf(session -> session.contains(CONSENT_ID)).then(exec(answerChallenge, exec(afterChallenge))),
                exec(session -> session.removeAll(CONSENT_ID, CONSENT_JWT)));
        // What the bodies take, the same for every iteration.
        ChainBuilder bodies = exec(session -> session.set(BodyTemplate.BANK_ID, f.bankId())
                .set(BodyTemplate.ACCOUNT_ID, f.accountId())
                .set(BodyTemplate.ANSWER, ObpApi.SANDBOX_CHALLENGE_ANSWER));
        return bodies.exec(repeat(iterations).on(group(GROUP).on(oneConsent)));
    }

    /** Recorded at once, so the end of the run can revoke it if the loop does not get to. */
    private static String created(String consentId) {
        Ledger.run().consentCreated(consentId);
        return consentId;
    }

    /** The Consent-JWT is a secret from the moment it arrives. */
    private static String secret(String jwt) {
        Redactor.register(jwt);
        return jwt;
    }

    private static Session revoked(Session session) {
        if (session.contains(REVOKE_STATUS) && session.getInt(REVOKE_STATUS) == 200)
            Ledger.run().consentRevoked(session.getString(CONSENT_ID));
        return session.remove(REVOKE_STATUS);
    }
}
