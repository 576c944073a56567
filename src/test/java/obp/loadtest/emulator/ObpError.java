package obp.loadtest.emulator;

/** An OBP error answer: HTTP status plus an {@code OBP-NNNNN:} message, thrown by handlers and written at the edge. */
final class ObpError extends RuntimeException {
    final int status;
    /** Headers the answer carries beside the body (a limiter's X-Rate-Limit-*). */
    final java.util.Map<String, String> headers;

    ObpError(int status, String message) {
        this(status, message, java.util.Map.of());
    }

    ObpError(int status, String message, java.util.Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = headers;
    }

    // The messages the emulator answers with, in one place (wording after OBP-API's ErrorMessages.scala).
    static final String INCORRECT_JSON = "OBP-10001: Incorrect json format.";
    static final String INCORRECT_ROLE_NAME = "OBP-10007: Incorrect Role name:";
    static final String INVALID_CURRENCY = "OBP-10003: Invalid Currency Value.";
    static final String NOT_LOGGED_IN = "OBP-20001: User not logged in. Authentication is required!";
    static final String MISSING_DIRECT_LOGIN_PARAMS = "OBP-20002: These DirectLogin parameters are missing:";
    static final String INVALID_TOKEN = "OBP-20003: This DirectLogin token is invalid or expired: ";
    static final String INVALID_CREDENTIALS = "OBP-20004: Invalid login credentials. Check username/password.";
    static final String USER_NOT_FOUND = "OBP-20005: User not found. Please specify a valid value for USER_ID.";
    static final String MISSING_ROLES = "OBP-20006: User is missing one or more roles: ";
    static final String INVALID_CONSUMER_KEY = "OBP-20008: Invalid Consumer Key.";
    static final String NO_VIEW_ACCESS =
            "OBP-20017: Current user does not have access to the view. Please specify a valid value for VIEW_ID.";
    static final String CUSTOM_VIEW_NAME = "OBP-20020: The Custom view name must start with `_`. eg: _work";
    static final String MISSING_DIRECT_LOGIN_HEADER = "OBP-20082: Missing DirectLogin or Authorization header.";
    static final String DUPLICATE_USERNAME =
            "OBP-20258: Duplicate Username. Cannot create Username because it already exists.";
    static final String PUBLIC_VIEWS_NOT_ALLOWED =
            "OBP-00005: Public views not allowed on this instance. Please set allow_public_views = true in props files.";
    static final String BANK_NOT_FOUND = "OBP-30001: Bank not found. Please specify a valid value for BANK_ID.";
    static final String ACCOUNT_NOT_FOUND =
            "OBP-30018: Bank Account not found. Please specify valid values for BANK_ID and ACCOUNT_ID.";
    static final String CANNOT_GRANT_VIEW = "OBP-20047: If target viewId is system view,  the current"
            + " view.can_grant_access_to_views does not contains it. Orif target viewId is custom view, the current"
            + " view.can_grant_access_to_custom_views is false.";
    /** Lift's openOrThrowException, as OBP answers it (400), followed by the justification: an error message. */
    static final String EMPTY_BOX_OPENED =
            "An Empty Box was opened.  The justification for allowing the" + " openOrThrowException was ";

    static final String NON_ZERO_BALANCE = "OBP-30109: Initial Balance of Account must be Zero (0).";
    static final String IS_BANK_ROLE =
            "OBP-30205: This entitlement is a Bank Role. Please set bank_id to a valid bank id.";
    static final String IS_SYSTEM_ROLE =
            "OBP-30206: This entitlement is a System Role. Please set bank_id to empty string.";
    static final String WEAK_PASSWORD =
            "OBP-30207: Invalid Password Format. Your password should EITHER be at least 10 characters long and contain mixed numbers and both upper and lower case letters and at least one special character, OR the length should be > 16 and <= 512.";
    static final String DUPLICATE_ENTITLEMENT = "OBP-30216: Entitlement already exists for the user.";
    static final String VIEW_EXISTS = "OBP-30252: View id already exists.";
    static final String BANK_EXISTS = "OBP-34000: Bank Id already exists. Please specify a different value.";
    static final String CONSENT_NOT_FOUND = "OBP-35001: Consent not found by id";
    static final String CONSENT_ALREADY_REVOKED = "OBP-35012: Consent is already revoked. ";
    static final String CONSENT_NOT_ACCEPTED = "OBP-35005: Consent isn't in status ACCEPTED or VALID.";
    static final String CONSENTS_NOT_ALLOWED = "OBP-35007: Consents are not allowed at this instance.";
    static final String CONSENT_ROLE_NOT_HELD =
            "OBP-35013: Consents cannot be created for the entitlements the user does not have.";
    static final String CONSENT_VIEW_NOT_HELD =
            "OBP-35014: Consents cannot be created for the views the user does not have access to.";
    static final String CONSENT_CONSUMER_MISMATCH =
            "OBP-35015: The consumer key of the request does not match the consent. Please send a valid Consumer-Key header.";
    static final String CONSENT_TTL =
            "OBP-35020: The time_to_live is bigger than the maximum (consents.max_time_to_live = 3600).";
    static final String INVALID_API_VERSION =
            "OBP-00027: Invalid API Version string. We could not find the version specified.";
    static final String UNKNOWN_ERROR = "OBP-50000: Unknown Error.";
    static final String CONNECTOR_EMPTY_RESPONSE = "OBP-50200: Connector cannot return the data we requested.";
    /** What a 2024 OBP without Redis answers on resource docs (its cache is Redis; Jedis's own words, no OBP code). */
    static final String NO_REDIS =
            "redis.clients.jedis.exceptions.JedisConnectionException: Could not get a resource from the pool";

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

    /** 404 OBP-30001 naming the bank, as OBP's NewStyle.function.getBank words it. */
    static ObpError bankNotFound(String bankId) {
        return notFound(BANK_NOT_FOUND + " Current BankId is " + bankId);
    }

    /** OBP-10404 for a path (or version) no route serves, worded as the 2024 server answers it. */
    static ObpError pathNotFound(String url, String contentType) {
        return notFound(
                "OBP-10404: 404 Not Found. The server could not find the requested URI. Please double check your URL, headers and body. "
                        + "Note: When you are making a POST or PUT request, the Content-Type header MUST be `application/json`. "
                        + "Note: OBP only supports JSON formatted bodies."
                        + "Current Url is (" + url + "), Current Content-Type Header is ("
                        + (contentType == null ? "" : contentType) + ")");
    }
}
