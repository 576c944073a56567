package obp.loadtest.obp;

import java.util.Arrays;
import java.util.List;

/**
 * The calls of the accounts and consents phases and of cleanup, each with the version the Go tool
 * called it under and the equivalent endpoints an OBP may have instead, in order of preference
 * (docs/obp-api.md §3, §4, §8). Paths use OBP's own placeholders (BANK_ID, ACCOUNT_ID, VIEW_ID,
 * CONSENT_ID, USER_ID), as its resource docs write them. Which one a run uses is decided against the
 * server before any load ({@link ServerFacts}).
 */
public enum Operation {
    CREATE_ACCOUNT(Phase.ACCOUNTS, "create account", "v4.0.0", "POST /banks/BANK_ID/accounts"),
    LIST_VIEWS(Phase.ACCOUNTS, "list views", "v5.0.0", "GET /banks/BANK_ID/accounts/ACCOUNT_ID/views"),
    CREATE_VIEW(Phase.ACCOUNTS, "create custom view", "v3.0.0", "POST /banks/BANK_ID/accounts/ACCOUNT_ID/views"),
    ACCOUNT_DETAILS(
            Phase.ACCOUNTS, "account details", "v6.0.0", "GET /banks/BANK_ID/accounts/ACCOUNT_ID/VIEW_ID/account"),
    BALANCES(Phase.ACCOUNTS, "balances", "v5.1.0", "GET /banks/BANK_ID/accounts/ACCOUNT_ID/views/VIEW_ID/balances"),
    MY_ACCOUNTS(Phase.ACCOUNTS, "my accounts", "v3.0.0", "GET /my/accounts"),
    /** The run's account holder gives the bootstrap user the owner view on the fixture account. */
    GRANT_ACCOUNT_ACCESS(
            Phase.SETUP,
            "grant account access",
            "v4.0.0",
            "POST /banks/BANK_ID/accounts/ACCOUNT_ID/account-access/grant"),
    /** OBP of 2024 has only the bank-scoped call (v3.1.0); later ones added the bank-less one to v5.1.0. */
    CREATE_IMPLICIT_CONSENT(
            Phase.CONSENTS,
            "create IMPLICIT consent",
            "v5.1.0",
            "POST /my/consents/IMPLICIT",
            "POST /banks/BANK_ID/my/consents/IMPLICIT"),
    ANSWER_CONSENT_CHALLENGE(
            Phase.CONSENTS, "answer consent challenge", "v3.1.0", "POST /banks/BANK_ID/consents/CONSENT_ID/challenge"),
    LIST_MY_CONSENTS(
            Phase.CONSENTS, "list my consents", "v5.1.0", "GET /my/consents", "GET /banks/BANK_ID/my/consents"),
    CURRENT_USER_ID(Phase.CONSENTS, "current user_id with Consent-JWT", "v4.0.0", "GET /users/current/user_id"),
    /** The user's own revoke: v3.1.0 has it as a GET under the bank (v5.1.0's DELETE at the bank needs a role). */
    REVOKE_CONSENT(
            Phase.CONSENTS,
            "revoke consent",
            "v5.1.0",
            "DELETE /my/consents/CONSENT_ID",
            "GET /banks/BANK_ID/my/consents/CONSENT_ID/revoke"),
    DELETE_USER(Phase.CLEANUP, "delete user", "v4.0.0", "DELETE /users/USER_ID"),
    DELETE_BANK_CASCADE(Phase.CLEANUP, "delete bank (cascade)", "v4.0.0", "DELETE /management/cascading/banks/BANK_ID");

    /** Which part of the run makes the call. */
    public enum Phase {
        /** Once, before any load, whatever runs. */
        SETUP,
        ACCOUNTS,
        CONSENTS,
        CLEANUP
    }

    /** One endpoint: its HTTP method and OBP path template. */
    public record Endpoint(String verb, String template) {
        static Endpoint parse(String text) {
            int space = text.indexOf(' ');
            return new Endpoint(text.substring(0, space), text.substring(space + 1));
        }

        @Override
        public String toString() {
            return verb + " " + template;
        }
    }

    public final Phase phase;
    /** What the call does, as the report names it after its version ("v4.0.0 create account"). */
    public final String label;
    /** The version the Go tool called it under. */
    public final String version;
    /** The Go tool's endpoint first, then its equivalents. */
    public final List<Endpoint> candidates;

    Operation(Phase phase, String label, String version, String... candidates) {
        this.phase = phase;
        this.label = label;
        this.version = version;
        this.candidates = Arrays.stream(candidates).map(Endpoint::parse).toList();
    }

    /** The operations one part of the run makes. */
    public static List<Operation> of(Phase phase) {
        return Arrays.stream(values()).filter(o -> o.phase == phase).toList();
    }
}
