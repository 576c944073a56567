package obp.loadtest.emulator;

import com.fasterxml.jackson.databind.JsonNode;

/** An OBP error answer: HTTP status plus an {@code OBP-NNNNN:} message, thrown by handlers and written at the edge. */
final class ObpError extends RuntimeException {
    final int status;

    ObpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** OBP's wording of each error code (after OBP-API's ErrorMessages.scala), as data. */
    private static final String CATALOGUE = "emulator/obp-error-messages.json";

    private static final JsonNode MESSAGES = Json.resource(CATALOGUE);

    /** "OBP-NNNNN: " and OBP's wording for that code. */
    private static String message(String code) {
        String text = MESSAGES.path(code).textValue();
        if (text == null) throw new IllegalStateException(code + " is not in " + CATALOGUE);
        return code + ": " + text;
    }

    // The messages the emulator answers with, by name.
    static final String INCORRECT_JSON = message("OBP-10001");
    static final String INVALID_CURRENCY = message("OBP-10003");
    static final String NOT_LOGGED_IN = message("OBP-20001");
    static final String MISSING_DIRECT_LOGIN_PARAMS = message("OBP-20002");
    static final String INVALID_TOKEN = message("OBP-20003");
    static final String INVALID_CREDENTIALS = message("OBP-20004");
    static final String USER_NOT_FOUND = message("OBP-20005");
    static final String MISSING_ROLES = message("OBP-20006");
    static final String INVALID_CONSUMER_KEY = message("OBP-20008");
    static final String NO_VIEW_ACCESS = message("OBP-20017");
    static final String CUSTOM_VIEW_NAME = message("OBP-20020");
    static final String EMAIL_NOT_VALIDATED = message("OBP-20073");
    static final String MISSING_DIRECT_LOGIN_HEADER = message("OBP-20082");
    static final String DUPLICATE_USERNAME = message("OBP-20258");
    static final String PUBLIC_VIEWS_NOT_ALLOWED = message("OBP-00005");
    static final String BANK_NOT_FOUND = message("OBP-30001");
    static final String ACCOUNT_NOT_FOUND = message("OBP-30018");
    static final String NON_ZERO_BALANCE = message("OBP-30109");
    static final String IS_BANK_ROLE = message("OBP-30205");
    static final String IS_SYSTEM_ROLE = message("OBP-30206");
    static final String WEAK_PASSWORD = message("OBP-30207");
    static final String DUPLICATE_ENTITLEMENT = message("OBP-30216");
    static final String VIEW_EXISTS = message("OBP-30252");
    static final String BANK_EXISTS = message("OBP-34000");
    static final String CONSENT_NOT_FOUND = message("OBP-35001");
    static final String CONSENT_NOT_ACCEPTED = message("OBP-35005");
    static final String CONSENTS_NOT_ALLOWED = message("OBP-35007");
    static final String CONSENT_ROLE_NOT_HELD = message("OBP-35013");
    static final String CONSENT_VIEW_NOT_HELD = message("OBP-35014");
    static final String CONSENT_CONSUMER_MISMATCH = message("OBP-35015");
    static final String CONSENT_TTL = message("OBP-35020");
    static final String UNKNOWN_ERROR = message("OBP-50000");

    static ObpError badRequest(String message) {
        return new ObpError(400, message);
    }

    static ObpError unauthorized(String message) {
        return new ObpError(401, message);
    }

    static ObpError forbidden(String message) {
        return new ObpError(403, message);
    }

    static ObpError notFound(String message) {
        return new ObpError(404, message);
    }

    /** An exception caught inside a handler, the way OBP converts it: 500 with the exception's own message appended. */
    static ObpError unknown(Throwable cause) {
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new ObpError(500, UNKNOWN_ERROR + ": " + detail);
    }

    static ObpError pathNotFound(String url, String contentType) {
        return notFound(
                "OBP-10404: 404 Not Found. The server could not find the requested URI. Please double check your URL, headers and body. "
                        + "Note: Only OBP, Berlin Group and UK Open Banking standards are supported. The Content-Type header MUST be application/json. "
                        + "Current Url is (" + url + "), Current Content-Type Header is ("
                        + (contentType == null ? "" : contentType) + ")");
    }
}
