package obp.loadtest.scenarios;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static obp.loadtest.scenarios.Timed.directLogin;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.Http;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import obp.loadtest.obp.BodyTemplate;
import obp.loadtest.obp.DirectLogin;
import obp.loadtest.obp.ObpApi;
import obp.loadtest.obp.Roles;
import obp.loadtest.obp.V7Endpoint;
import obp.loadtest.scenarios.Timed.Step;
import obp.loadtest.setup.Fixture;

/**
 * The v7.0.0 sweep: a write round trip by the bootstrap user, then workers that each sweep every
 * endpoint of {@link V7Endpoint#sweep}, in order, with a token taken round-robin from the v7 users.
 */
public final class V7Sweep {

    // Session attributes only this class reads.
    /** The worker's whole DirectLogin header value, built once per worker: no string built per request. */
    private static final String DIRECT_LOGIN = "directLogin";

    private static final String OWNER = "owner";
    private static final String ENTITLEMENT_ID = "entitlementId";

    public static final String ROUND_TRIP_GROUP = obp.loadtest.verdict.SweepStats.ROUND_TRIP_GROUP;
    private static final List<Integer> OK = List.of(200);
    /**
     * Another user's owner view, expected for workers that do not own the account: OBP answers
     * OBP-20017 (no access to the view) with 403 or 400, depending on which check an endpoint uses
     * (ViewNewStyle.checkAccountAccessAndGetView: 403; NewStyle.checkViewAccessAndReturnView: 400),
     * and OBP-20022 (the view does not permit the action) with 400.
     */
    private static final List<Integer> NOT_OWNER = V7Endpoint.NOT_OWNER_STATUSES;

    private V7Sweep() {}

    /** One v7 entitlement POST (201) and its DELETE (204), to exercise a v7 write path once. */
    public static ChainBuilder roundTrip(Fixture f, Timed timed) {
        String token = f.bootstrap().token();
        return exec(session -> session.set(BodyTemplate.BANK_ID, "").set(BodyTemplate.ROLE_NAME, Roles.ROUND_TRIP_ROLE))
                .exec(group(ROUND_TRIP_GROUP)
                        .on(
                                timed.request(
                                        Step.of("v7.0.0 POST entitlement", ROUND_TRIP_GROUP, 201),
                                        http -> directLogin(
                                                        http.post(ObpApi.v7GrantEntitlement(
                                                                f.bootstrap().userId())),
                                                        token)
                                                .body(Timed.body(
                                                        BodyTemplate.ADD_ENTITLEMENT,
                                                        BodyTemplate.BANK_ID,
                                                        BodyTemplate.ROLE_NAME))
                                                .check(jmesPath("entitlement_id")
                                                        .saveAs(ENTITLEMENT_ID))),
                                doIf(session -> session.contains(ENTITLEMENT_ID))
                                        .then(timed.request(
                                                Step.of("v7.0.0 DELETE entitlement", ROUND_TRIP_GROUP, 204),
                                                http -> directLogin(
                                                        http.delete(ObpApi.v7DeleteEntitlement(
                                                                "#{" + ENTITLEMENT_ID + "}")),
                                                        token)))));
    }

    /**
     * One sweep over every endpoint, as the worker whose token is in the session. Per request: the
     * request and one exec that records it and starts the next one's clock (see {@link Timed#end});
     * consecutive endpoints of a group share one Gatling group block, so the report's paths
     * (group / request name) are the same as with a block per request.
     */
    public static ChainBuilder sweep(Fixture f, Timed timed, boolean withStallProbe) {
        List<V7Endpoint> endpoints =
                V7Endpoint.sweep(f.bankId(), f.accountId(), f.bootstrap().userId(), withStallProbe).stream()
                        .filter(f.server()::sweeps)
                        .toList();
        List<ChainBuilder> blocks = new ArrayList<>();
        List<ChainBuilder> block = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            V7Endpoint e = endpoints.get(i);
            String next = i + 1 < endpoints.size() ? endpoints.get(i + 1).name() : null;
            Step ok = step(e, OK);
            if (e.ownershipChecked()) {
                block.add(doIfOrElse(session -> session.getBoolean(OWNER))
                        .then(exec(timed.checked(ok, http -> request(http, e))))
                        .orElse(exec(timed.checked(step(e, NOT_OWNER), http -> request(http, e)))));
            } else {
                block.add(exec(timed.checked(ok, http -> request(http, e))));
            }
            block.add(timed.end(ok, next));
            if (next == null || !endpoints.get(i + 1).group().equals(e.group())) {
                blocks.add(group(e.group().label).on(exec(block)));
                block = new ArrayList<>();
            }
        }
        return timed.begin(endpoints.get(0).name(), true).exec(blocks);
    }

    /**
     * The calibration: one worker (the first v7 user) sweeps alone, without the stall probe, up to
     * {@code sweeps} times while under {@code budget}; its requests set each endpoint's baseline and are
     * not measured. Nested in a "calibration" group so Gatling's report and assertions keep them apart.
     */
    public static ChainBuilder calibration(
            Fixture f, Timed timed, int sweeps, java.time.Duration budget, Runnable done) {
        Fixture.User user = f.v7Users().get(0);
        AtomicLong deadline = new AtomicLong();
        return exec(session -> {
                    deadline.set(System.nanoTime() + budget.toNanos());
                    return session.set(Keys.WORKER, 1)
                            .set(DIRECT_LOGIN, DirectLogin.token(user.token()))
                            .set(OWNER, user.userId().equals(f.bootstrap().userId()))
                            .set(Keys.CALIBRATING, true);
                })
                .exec(group(CALIBRATION_GROUP)
                        .on(repeat(sweeps, "calibrationSweep")
                                .on(doIf(session -> session.getInt("calibrationSweep") == 0
                                                || System.nanoTime() < deadline.get())
                                        .then(sweep(f, timed, false)))))
                .exec(session -> {
                    done.run();
                    return session.remove(Keys.CALIBRATING);
                });
    }

    public static final String CALIBRATION_GROUP = "calibration";

    /** {@code loops} sweeps per worker. */
    public static ChainBuilder loops(ChainBuilder sweep, int loops) {
        return repeat(loops).on(sweep);
    }

    /** Sweeps until a deadline shared by all workers, fixed when the first worker starts. */
    public static ChainBuilder until(ChainBuilder sweep, long durationMillis, LongSupplier clock) {
        AtomicLong deadline = new AtomicLong();
        return exec(session -> {
                    deadline.compareAndSet(0, clock.getAsLong() + durationMillis);
                    return session;
                })
                .exec(asLongAs(session -> clock.getAsLong() < deadline.get()).on(sweep));
    }

    /**
     * Worker records: worker number (1-based, reused cyclically if Gatling replaces a worker), its
     * token (round-robin over the v7 users) and whether that user owns the shared account.
     */
    public static Iterator<Map<String, Object>> workers(Fixture f, int workers) {
        AtomicInteger next = new AtomicInteger();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                int index = Math.floorMod(next.getAndIncrement(), workers);
                Fixture.User user = f.v7Users().get(index % f.v7Users().size());
                Map<String, Object> record = new HashMap<>();
                record.put(Keys.WORKER, index + 1);
                record.put(DIRECT_LOGIN, DirectLogin.token(user.token()));
                record.put(OWNER, user.userId().equals(f.bootstrap().userId()));
                return record;
            }
        };
    }

    private static Step step(V7Endpoint e, List<Integer> expected) {
        return new Step(e.name(), e.group().label, e.stallProbe(), expected, true);
    }

    /** The worker's header value is in the session. */
    private static final String WORKER_DIRECT_LOGIN = "#{" + DIRECT_LOGIN + "}";

    private static HttpRequestActionBuilder request(Http http, V7Endpoint e) {
        HttpRequestActionBuilder r = http.get(e.path());
        return e.needsToken() ? r.header(DirectLogin.HEADER, WORKER_DIRECT_LOGIN) : r;
    }
}
