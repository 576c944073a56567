package obp.loadtest.scenarios;

/**
 * The session attributes more than one scenario class reads. Those only one class reads are private
 * to it; those a request body is filled from are the body's placeholders ({@code BodyTemplate}).
 */
public final class Keys {

    private Keys() {}

    public static final String STATUS = "obp.status";
    public static final String WORKER = "worker";
    /** Set on the calibration worker: its requests set baselines and are not measured. */
    public static final String CALIBRATING = "calibrating";
}
