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
import obp.loadtest.report.Redactor;
import obp.loadtest.scenarios.Timed.Step;
import obp.loadtest.setup.Fixture;
import obp.loadtest.setup.Ledger;

/**
 * Consent loop, per iteration: create an IMPLICIT consent (v5.1.0), answer the challenge with the
 * sandbox answer (v3.1.0; a wrong answer is still 201, so the ACCEPTED status is checked), list
 * consents, call /users/current/user_id with the Consent-JWT, revoke. The user_id returned is not
 * compared with the creator's: OBP may answer with a per-consent user.
 */
public final class ConsentsScenario {

    /** Session attributes only this class reads. */
    private static final String CONSENT_ID = "consentId";

    private static final String CONSENT_JWT = "consentJwt";

    public static final String GROUP = "consents";

    private ConsentsScenario() {}

    public static ChainBuilder loop(Fixture f, Timed timed, int iterations) {
        String token = f.bootstrap().token();
        String consent = "#{" + CONSENT_ID + "}";
        ChainBuilder oneConsent = exec(
                timed.request(
                        Step.of("v5.1.0 create IMPLICIT consent", GROUP, 201),
                        http -> directLogin(http.post(ObpApi.CREATE_IMPLICIT_CONSENT), token)
                                .body(Timed.body(
                                        BodyTemplate.CREATE_CONSENT, BodyTemplate.BANK_ID, BodyTemplate.ACCOUNT_ID))
                                .check(jmesPath("consent_id")
                                        .transform(ConsentsScenario::created)
                                        .saveAs(CONSENT_ID))),
                doIf(session -> session.contains(CONSENT_ID))
                        .then(exec(
                                timed.request(
                                        Step.of("v3.1.0 answer consent challenge", GROUP, 201),
                                        http -> directLogin(
                                                        http.post(ObpApi.answerChallenge(f.bankId(), consent)), token)
                                                .body(Timed.body(
                                                        BodyTemplate.ANSWER_CONSENT_CHALLENGE, BodyTemplate.ANSWER))
                                                .check(
                                                        jmesPath("status").is("ACCEPTED"),
                                                        jmesPath("jwt")
                                                                .transform(ConsentsScenario::secret)
                                                                .saveAs(CONSENT_JWT))),
                                timed.request(
                                        Step.of("v5.1.0 list my consents", GROUP, 200),
                                        http -> directLogin(http.get(ObpApi.MY_CONSENTS), token)),
                                doIf(session -> session.contains(CONSENT_JWT))
                                        .then(timed.request(
                                                Step.of("v4.0.0 current user_id with Consent-JWT", GROUP, 200),
                                                http -> http.get(ObpApi.CURRENT_USER_ID)
                                                        .header("Consent-JWT", "#{" + CONSENT_JWT + "}")
                                                        .header("Consumer-Key", f.consumerKey()))),
                                timed.request(
                                        Step.of("v5.1.0 revoke consent", GROUP, 200),
                                        http -> directLogin(http.delete(ObpApi.revokeConsent(consent)), token)),
                                exec(ConsentsScenario::revoked))),
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
        if (session.contains(Keys.STATUS) && session.getInt(Keys.STATUS) == 200)
            Ledger.run().consentRevoked(session.getString(CONSENT_ID));
        return session;
    }
}
