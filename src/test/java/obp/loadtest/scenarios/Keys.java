package obp.loadtest.scenarios;

import obp.loadtest.obp.BodyTemplate;

/** Session attribute names, in one place. */
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

    public static final String ACCOUNT_ID = BodyTemplate.ACCOUNT_ID;
    public static final String CONSENT_ID = "consentId";
    public static final String CONSENT_JWT = "consentJwt";
    public static final String ENTITLEMENT_ID = "entitlementId";

    // Filled into the request bodies, as ACCOUNT_ID is: each is the name of a body's #{...} placeholder.
    public static final String LABEL = BodyTemplate.LABEL;
    public static final String VIEW_NAME = BodyTemplate.VIEW_NAME;
    public static final String BANK_ID = BodyTemplate.BANK_ID;
    public static final String ROLE_NAME = BodyTemplate.ROLE_NAME;
    public static final String ANSWER = BodyTemplate.ANSWER;
}
