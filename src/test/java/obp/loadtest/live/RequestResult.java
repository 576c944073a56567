package obp.loadtest.live;

/**
 * One request as it ended, built once per request by {@code scenarios/Timed} and handed to
 * {@link RunRecorder#completed}: the only allocation the recording adds per request.
 *
 * @param userKey       Gatling's virtual user, for the in-flight watch
 * @param worker        "[wN]", for the console
 * @param endpoint      the request's name, as Gatling reports it
 * @param group         the endpoint's group (its table section and timeline)
 * @param stallProbe    the endpoint a dev instance stalls on: its failures do not fail the run
 * @param status        0 when no response arrived
 * @param checksPassed  Gatling's verdict on the request: status expected and every check held
 * @param versionServed the OBP version that answered, or null
 * @param message       OBP's error message from the body, or null
 * @param durationMs    from just before the request to just after its answer
 * @param live          a measured sweep request: timeline, search levels, in-flight watch, console
 * @param calibrating   a calibration request: it sets the endpoint's baseline and is not measured
 * @param rateLimit     the X-Rate-Limit-Limit header of a refused answer, or null
 * @param rateReset     the X-Rate-Limit-Reset header (seconds) of a refused answer, or null
 */
public record RequestResult(
        long userKey,
        String worker,
        String endpoint,
        String group,
        boolean stallProbe,
        int status,
        boolean checksPassed,
        String versionServed,
        String message,
        long durationMs,
        boolean live,
        boolean calibrating,
        String rateLimit,
        String rateReset) {}
