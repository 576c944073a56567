package obp.loadtest.scenarios;

/** Session attribute names, in one place; those a request body is filled from are its placeholders ({@code BodyTemplate}). */
public final class Keys {

    private Keys() {}

    public static final String START = "obp.start";
    public static final String STATUS = "obp.status";
    public static final String VERSION = "obp.versionServed";
    public static final String MESSAGE = "obp.message";

    public static final String WORKER = "worker";
    public static final String TOKEN = "token";
    public static final String OWNER = "owner";
    /** Set on the calibration worker: its requests set baselines and are not measured. */
    public static final String CALIBRATING = "calibrating";

    public static final String CONSENT_ID = "consentId";
    public static final String CONSENT_JWT = "consentJwt";
    public static final String ENTITLEMENT_ID = "entitlementId";
}
