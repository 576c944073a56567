package obp.loadtest.setup;

import obp.loadtest.report.Redactor;

/**
 * A provisioning step the server refused or could not answer: the step, the HTTP status, OBP's
 * message and, when the cause is a known server prop, the fix. Printed as one line; exit 3 (outcome/ExitCode.SETUP_FAILURE).
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

    /**
     * The longest line the failure makes, with "obp-loadtest: setup failed: " before it: OBP-10007 and
     * OBP-20050 run to thousands of characters, so OBP's message gives way (the whole goes to the log) and
     * the fix is always seen.
     */
    static final int LINE = 270;
    /** OBP's message keeps at least this much, whatever the fix takes. */
    static final int MESSAGE_MIN = 40;

    private static String format(String step, int status, String obpMessage, String fix) {
        int rest = step.length() + 6 + (fix == null ? 0 : fix.length() + 8);
        int room = Math.max(MESSAGE_MIN, LINE - rest);
        String message = obpMessage.length() <= room ? obpMessage : obpMessage.substring(0, room - 1) + "…";
        String what = status > 0 ? step + ": " + status + " " + message : step + ": " + message;
        return fix == null ? what : what + " — fix: " + fix;
    }

    /** What went wrong under a future's wrapping: the cause a CompletionException carries, else the error itself. */
    static Throwable unwrap(Throwable error) {
        return error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause()
                : error;
    }

    public int status() {
        return status;
    }

    /** OBP's whole message (redacted), which the line may cut. */
    public String obpMessage() {
        return obpMessage;
    }

    /** Whether the line cut OBP's message, which then goes whole to the log. */
    public boolean cut() {
        return !getMessage().contains(obpMessage);
    }

    /** The one line a user sees. */
    public String line() {
        return "setup failed: " + getMessage();
    }
}
