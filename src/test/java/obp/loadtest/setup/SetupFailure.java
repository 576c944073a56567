package obp.loadtest.setup;

import obp.loadtest.report.Redactor;

/**
 * A provisioning step the server refused or could not answer: the step, the HTTP status, OBP's
 * message and, when the cause is a known server prop, the fix. Printed as one line; exit 3 (RunOutcome.SETUP_FAILURE).
 */
public final class SetupFailure extends RuntimeException {

    private final int status;
    private final String obpMessage;

    /** Every part is redacted: an OBP message can carry a rejected token (OBP-20003 appends it). */
    public SetupFailure(String step, int status, String obpMessage, String fix) {
        super(Redactor.redact(format(step, status, obpMessage, fix)));
        this.status = status;
        this.obpMessage = Redactor.redact(obpMessage);
    }

    private static String format(String step, int status, String obpMessage, String fix) {
        String what = status > 0 ? step + ": " + status + " " + obpMessage : step + ": " + obpMessage;
        return fix == null ? what : what + " — fix: " + fix;
    }

    public int status() {
        return status;
    }

    public String obpMessage() {
        return obpMessage;
    }

    /** The one line a user sees. */
    public String line() {
        return "setup failed: " + getMessage();
    }
}
