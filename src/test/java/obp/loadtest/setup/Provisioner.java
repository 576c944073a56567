package obp.loadtest.setup;

import static obp.loadtest.obp.ObpApi.CREATE_BANK;
import static obp.loadtest.obp.ObpApi.CREATE_USER;
import static obp.loadtest.obp.ObpApi.CURRENT_USER;
import static obp.loadtest.obp.ObpApi.SANDBOX_CHALLENGE_ANSWER;
import static obp.loadtest.obp.ObpApi.grantEntitlement;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import obp.loadtest.obp.BodyTemplate;
import obp.loadtest.obp.Operation;
import obp.loadtest.obp.Roles;
import obp.loadtest.obp.ServerFacts;
import obp.loadtest.obp.V7Endpoint;
import obp.loadtest.report.Redactor;
import obp.loadtest.setup.ObpClient.Answer;

/**
 * Provisions the fixture once per run, as the Go tool did, but with independent steps in
 * parallel: the run's account holder (create → login) while the bank is made; then the bank role,
 * the fixture account, the v7 roles and every extra v7 user (create → login → roles) proceed
 * concurrently.
 */
public final class Provisioner {

    /**
     * What to provision beyond the bootstrap user and bank. {@code keepCredentialsIn}: where an
     * auto-created bootstrap user's credentials are kept and looked for (null: never kept, as for
     * the embedded emulator, which is new each run). {@code cleanupRoles}: also grant the roles the
     * end-of-run cleanup needs.
     */
    public record Plan(
            String username,
            String password,
            int v7Users,
            boolean v7Roles,
            boolean consentPreflight,
            Path keepCredentialsIn,
            boolean cleanupRoles,
            ServerFacts server) {
        public Plan(String username, String password, int v7Users, boolean v7Roles, boolean consentPreflight) {
            this(username, password, v7Users, v7Roles, consentPreflight, null, false, ServerFacts.assumed());
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LOWER_DIGITS = "abcdefghijkmnopqrstuvwxyz23456789";

    private final ObpClient obp;
    private final Consumer<String> log;
    private final Ledger ledger;
    /** Where the auto-created bootstrap user's credentials are kept, once they are. */
    private volatile Path keptAt;
    /** What the preflight learnt, with the server's roles once logged in. */
    private volatile ServerFacts server = ServerFacts.assumed();

    /** Whether the last provisioning created its bootstrap user (a refused login then is not a wrong password). */
    private volatile boolean createdBootstrap;

    public Provisioner(ObpClient obp, Consumer<String> log) {
        this(obp, log, Ledger.run());
    }

    /** Names end in "s" + the shard's index (bank ldtst-xxxxxxxx-s2, users ldtstxxxxxxxxxxs2), so shards never collide. */
    private String shardSuffix = "";

    /** This provisioner as shard {@code index}'s: its bank and users carry the shard in their names. */
    public Provisioner forShard(int index) {
        shardSuffix = "s" + index;
        return this;
    }

    /** With its own ledger (tests); the run's provisioner records into {@link Ledger#run()}. */
    Provisioner(ObpClient obp, Consumer<String> log, Ledger ledger) {
        this.obp = obp;
        this.log = log;
        this.ledger = ledger;
    }

    public Fixture provision(Plan plan) {
        try {
            return run(plan);
        } catch (CompletionException e) {
            if (e.getCause() instanceof SetupFailure f) throw f;
            throw e;
        }
    }

    private Fixture run(Plan plan) {
        long start = System.nanoTime();
        ledger.server(obp.baseUrl(), obp.consumerKey());
        Redactor.register(obp.consumerKey());
        Redactor.register(plan.password());
        Fixture.User bootstrap = bootstrapUser(plan);
        log.accept("setup: logged in as " + bootstrap.username() + " (user_id " + bootstrap.userId() + ")");
        server = plan.server().roles() == null
                ? new Preflight(obp).withRoles(plan.server(), bootstrap.token())
                : plan.server();
        ledger.serverFacts(server);
        if (server.roles() == null)
            log.accept(
                    "setup: the server's role list could not be read: roles are granted at the scopes this tool knows");

        // The first grant is the one a user who is not a super admin cannot make.
        for (String role : Roles.BOOTSTRAP)
            grant(bootstrap, bootstrap.userId(), role, "").join();
        // The server's own view: the roles of those it has; a refusal costs that view (the summary says so), never the
        // run.
        for (String role : List.of(Roles.CAN_READ_METRICS, Roles.CAN_GET_TELEMETRY))
            if (server.roles() == null
                    ? role.equals(Roles.CAN_READ_METRICS)
                    : server.roles().containsKey(role))
                grant(bootstrap, bootstrap.userId(), role, "")
                        .handle((a, error) -> {
                            if (error != null)
                                log.accept("setup: warning: " + role + " not granted: the server's own view will lack"
                                        + " what it guards (the run goes on)");
                            return a;
                        })
                        .join();
        // Roles only cleanup needs: a refusal costs what cleanup could remove, never the run.
        if (plan.cleanupRoles())
            bestEffort(grant(bootstrap, bootstrap.userId(), Roles.CAN_DELETE_USER, ""), "the users it made")
                    .join();

        CompletableFuture<Fixture.User> holder = accountHolder(bootstrap);
        String bankId = "ldtst-" + random(8) + (shardSuffix.isEmpty() ? "" : "-" + shardSuffix);
        obp.post(
                        "create bank " + bankId,
                        CREATE_BANK,
                        bootstrap.token(),
                        BodyTemplate.CREATE_BANK,
                        Map.of(
                                BodyTemplate.BANK_ID,
                                bankId,
                                BodyTemplate.BANK_CODE,
                                "LT" + random(4).toUpperCase()))
                .thenApply(a -> expect(a, "create bank " + bankId, null, 201))
                .join();
        ledger.bank(bankId);
        log.accept("setup: created bank " + bankId);

        List<CompletableFuture<?>> work = new ArrayList<>();
        if (plan.cleanupRoles())
            work.add(bestEffort(
                    grant(bootstrap, bootstrap.userId(), Roles.CAN_DELETE_BANK_CASCADE, bankId), "bank " + bankId));
        ServerFacts.Route create = server.route(Operation.CREATE_ACCOUNT)
                .orElseThrow(() -> new SetupFailure(
                        "create fixture account",
                        0,
                        "the server has no " + Operation.CREATE_ACCOUNT.candidates.get(0) + " (probed under "
                                + server.versionRange() + ")",
                        "point --host at an OBP-API that can create accounts"));
        // The server checks the role before it creates anything: the account waits for its grant.
        CompletableFuture<String> account = holder.thenCompose(h -> grant(
                        bootstrap, h.userId(), Roles.CAN_CREATE_ACCOUNT, bankId)
                .thenCompose(granted -> obp.post(
                        "create fixture account",
                        create.path("BANK_ID", bankId),
                        h.token(),
                        BodyTemplate.CREATE_ACCOUNT,
                        Map.of(BodyTemplate.LABEL, "LT fixture")))
                .thenApply(a -> expect(a, "create fixture account", null, 201).text("account_id"))
                .thenApply(id -> {
                    ledger.account(id);
                    return id;
                })
                .thenCompose(id ->
                        h == bootstrap ? CompletableFuture.completedFuture(id) : share(h, bootstrap, bankId, id)));
        work.add(account);
        if (plan.v7Roles()) work.add(grantV7Roles(bootstrap, bootstrap.userId(), bankId));
        List<CompletableFuture<Fixture.User>> extra = new ArrayList<>();
        for (int i = 2; i <= plan.v7Users(); i++) {
            String label = "v7 user " + i;
            CompletableFuture<Fixture.User> user = createAndLogin(Credentials.random(shardSuffix), label, ledger::user);
            extra.add(
                    plan.v7Roles()
                            ? user.thenCompose(u ->
                                    grantV7Roles(bootstrap, u.userId(), bankId).thenApply(x -> u))
                            : user);
        }
        work.addAll(extra);
        if (plan.consentPreflight()) {
            work.add(account.thenCompose(accountId -> consentPreflight(bootstrap, bankId, accountId)));
        }
        CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).join();

        List<Fixture.User> users = new ArrayList<>();
        users.add(bootstrap);
        extra.forEach(f -> users.add(f.join()));
        log.accept(String.format(
                "setup: done in %.1f s (bank %s, %d v7 user%s)",
                (System.nanoTime() - start) / 1e9, bankId, users.size(), users.size() == 1 ? "" : "s"));
        return new Fixture(
                obp.baseUrl(),
                obp.consumerKey(),
                bootstrap,
                holder.join(),
                bankId,
                account.join(),
                List.copyOf(users),
                server);
    }

    /**
     * The holder gives the bootstrap user the owner view on the fixture account, for the consents and the v7 sweep
     * (a consent is bound to a consumer its creator registered: docs/obp-api.md §9.11). Access granted so is an
     * account access row without a holder, which the bank cascade removes for good.
     */
    private CompletableFuture<String> share(Fixture.User holder, Fixture.User bootstrap, String bankId, String id) {
        String step = "grant " + bootstrap.username() + " the owner view on the fixture account";
        ServerFacts.Route grant = server.route(Operation.GRANT_ACCOUNT_ACCESS)
                .orElseThrow(() -> new SetupFailure(
                        step,
                        0,
                        "the server has no " + Operation.GRANT_ACCOUNT_ACCESS.candidates.get(0) + " ("
                                + server.versionRange() + ")",
                        "point --host at an OBP-API of v4.0.0 or later"));
        return obp.post(
                        step,
                        grant.path("BANK_ID", bankId, "ACCOUNT_ID", id),
                        holder.token(),
                        BodyTemplate.GRANT_ACCOUNT_ACCESS,
                        Map.of(BodyTemplate.USER_ID, bootstrap.userId()))
                .thenApply(a -> {
                    expect(a, step, null, 201);
                    return id;
                });
    }

    /**
     * The user who holds the run's accounts: one made for this run, and deleted at its end. OBP records whoever
     * creates an account as its holder (MapperAccountHolders) and keeps that record when Delete Bank Cascade removes
     * the account with its access (deletion/DeleteAccountCascade.scala). The next account that user creates grants
     * the holder's views on every account it holds again, gone ones included
     * (BankAccountCreation.setAccountHolderAndRefreshUserAccountAccess → AuthUser.refreshUser), and from then on that
     * user's GET /my/accounts answers 400 (OBP-30018, Bank Account not found). So the kept or the operator's own user
     * never holds an account this run creates and deletes. A server that will not let a new user log in gets the
     * bootstrap user as the holder instead, with a warning that says what that costs; any other failure fails setup.
     */
    private CompletableFuture<Fixture.User> accountHolder(Fixture.User bootstrap) {
        return createAndLogin(Credentials.random(shardSuffix), "account holder", ledger::user)
                .handle((u, error) -> {
                    if (error == null) {
                        log.accept("setup: created the account holder " + u.username() + " (user_id " + u.userId()
                                + "): it holds this run's accounts, and cleanup deletes it");
                        return u;
                    }
                    Throwable cause = SetupFailure.unwrap(error);
                    if (!(cause instanceof SetupFailure f) || !f.getMessage().endsWith(NEW_USERS_CANNOT_LOG_IN))
                        throw error instanceof CompletionException c ? c : new CompletionException(error);
                    log.accept("setup: warning: new users cannot log in here, so " + bootstrap.username()
                            + " holds the run's accounts: OBP keeps a deleted account's holder, and its GET /my/accounts"
                            + " then answers 400 (OBP-30018) — fix: user_account_validated=true (OBP of 2024) or"
                            + " authUser.skipEmailValidation=true");
                    return bootstrap;
                });
    }

    /**
     * A grant only cleanup needs: refused, it is one warning naming what cleanup will then leave, and the
     * run goes on (the verdict and exit code never depend on cleanup).
     */
    private CompletableFuture<Answer> bestEffort(CompletableFuture<Answer> grant, String leaves) {
        return grant.handle((a, error) -> {
            if (error == null) return a;
            Throwable cause = SetupFailure.unwrap(error);
            String why = cause instanceof SetupFailure f ? f.getMessage() : String.valueOf(cause);
            log.accept("setup: warning: " + why + " — cleanup will leave " + leaves
                    + " (the run goes on; the summary's fixture section lists what is left)");
            return null;
        });
    }

    /**
     * The bootstrap user: the operator's (--username), the one kept from an earlier run against this
     * host, or a new one whose credentials are kept at once, so a run that fails at the first
     * grant leaves a user the operator can make a super admin.
     */
    private Fixture.User bootstrapUser(Plan plan) {
        if (!plan.username().isEmpty()) {
            Fixture.User u = login(new Credentials(plan.username(), plan.password()), null)
                    .join();
            ledger.owner(u, null);
            return u;
        }
        KeptCredentials kept =
                plan.keepCredentialsIn() == null ? null : new KeptCredentials(plan.keepCredentialsIn(), obp.baseUrl());
        Optional<KeptCredentials.Kept> earlier = kept == null ? Optional.empty() : kept.load();
        if (earlier.isPresent()) {
            KeptCredentials.Kept k = earlier.get();
            Redactor.register(k.password());
            try {
                Fixture.User u = login(
                                new Credentials(k.username(), k.password()),
                                k.userId().isEmpty() ? null : k.userId())
                        .join();
                keptAt = kept.file();
                log.accept("setup: reusing the kept bootstrap user " + k.username() + " (credentials in " + kept.file()
                        + ")");
                ledger.owner(u, kept.file().toString());
                return u;
            } catch (CompletionException e) {
                if (!(e.getCause() instanceof SetupFailure f) || f.status() != 401) throw e;
                log.accept("setup: the kept user " + k.username() + " no longer logs in (" + f.obpMessage()
                        + "); creating a new one");
            }
        }
        Credentials c = Credentials.random(shardSuffix);
        Fixture.User u = createAndLogin(c, "bootstrap user", (userId, username) -> {
                    if (kept == null) return;
                    kept.save(new KeptCredentials.Kept(c.username(), c.password(), userId));
                    keptAt = kept.file();
                })
                .join();
        if (keptAt != null)
            log.accept("setup: kept the new bootstrap user's credentials in " + keptAt
                    + " (owner-only; the next run reuses them)");
        ledger.owner(u, keptAt == null ? null : keptAt.toString());
        return u;
    }

    private CompletableFuture<Fixture.User> createAndLogin(
            Credentials c, String who, java.util.function.BiConsumer<String, String> created) {
        Redactor.register(c.password());
        String step = "create " + who + " " + c.username();
        return obp.post(
                        step,
                        CREATE_USER,
                        null,
                        BodyTemplate.CREATE_USER,
                        Map.of(BodyTemplate.USERNAME, c.username(), BodyTemplate.PASSWORD, c.password()))
                .thenApply(a -> expect(a, step, null, 201).text("user_id"))
                .thenApply(userId -> {
                    created.accept(userId, c.username());
                    return userId;
                })
                .thenCompose(userId -> login(c, userId, true));
    }

    private CompletableFuture<Fixture.User> login(Credentials c, String knownUserId) {
        return login(c, knownUserId, false);
    }

    /** @param justCreated this run created the user a moment ago: a refused login is the server's policy, not a typo */
    private CompletableFuture<Fixture.User> login(Credentials c, String knownUserId, boolean justCreated) {
        String step = "DirectLogin " + c.username();
        return obp.login(step, c.username(), c.password())
                .thenApply(a -> {
                    String message = Redactor.summarise(a.status(), a.body());
                    // Refused credentials of a user made a moment ago: the server's policy, not a typo (a refused
                    // consumer key is still the consumer key).
                    boolean credentials = message.contains("OBP-20004") || message.contains("OBP-20073");
                    if (justCreated && a.status() == 401 && credentials)
                        throw new SetupFailure(step, a.status(), message, NEW_USERS_CANNOT_LOG_IN);
                    String token = expect(a, step, null, 201).text("token");
                    Redactor.register(token);
                    return token;
                })
                .thenCompose(token -> knownUserId != null
                        ? CompletableFuture.completedFuture(new Fixture.User(knownUserId, c.username(), token))
                        : obp.get("get current user", CURRENT_USER, token)
                                .thenApply(a -> new Fixture.User(
                                        expect(a, "get current user", null, 200).text("user_id"),
                                        c.username(),
                                        token)));
    }

    /** The roles of the v7 endpoints this server will be swept on, and the round trip's. */
    private CompletableFuture<Void> grantV7Roles(Fixture.User granter, String userId, String bankId) {
        List<CompletableFuture<?>> grants = new ArrayList<>();
        for (String role : v7Roles()) {
            CompletableFuture<Answer> grant = grant(granter, userId, role, bankId);
            grants.add(role.equals(Roles.CAN_GET_DATABASE_POOL_INFO) ? withoutPool(grant) : grant);
        }
        return CompletableFuture.allOf(grants.toArray(CompletableFuture[]::new));
    }

    /**
     * The pool role refused: one warning, and the run goes on without pool evidence (its endpoint then answers 403,
     * which the verdict leaves out of pass or fail, with its caveat).
     */
    private CompletableFuture<Answer> withoutPool(CompletableFuture<Answer> grant) {
        return grant.handle((a, error) -> {
            if (error == null) return a;
            Throwable cause = SetupFailure.unwrap(error);
            String why = cause instanceof SetupFailure f ? f.getMessage() : String.valueOf(cause);
            log.accept("setup: warning: " + why + " — the pool cannot be read: the run goes on without pool evidence");
            return null;
        });
    }

    private List<String> v7Roles() {
        List<String> roles = new ArrayList<>();
        for (V7Endpoint e : V7Endpoint.sweep("BANK_ID", "ACCOUNT_ID", "USER_ID", true))
            if (e.role() != null && server.sweeps(e) && !roles.contains(e.role())) roles.add(e.role());
        if (server.bankScoped(Roles.ROUND_TRIP_DELETE, false).isPresent()) roles.add(Roles.ROUND_TRIP_DELETE);
        return roles;
    }

    /**
     * Grants {@code role} at its scope: at {@code bankId} when the server (or, when it did not list its
     * roles, this tool) says it is a bank role, else system-wide. A role already held (400 OBP-30216,
     * or 409 under v7) counts as granted.
     */
    private CompletableFuture<Answer> grant(Fixture.User granter, String userId, String role, String runBank) {
        Optional<Boolean> scope = server.bankScoped(role, Roles.BANK_SCOPED.contains(role));
        if (scope.isEmpty())
            return CompletableFuture.failedFuture(new SetupFailure(
                    "grant " + role,
                    0,
                    "the server has no role " + role + " (its list has "
                            + server.roles().size() + " roles)",
                    null));
        String bankId = scope.get() ? runBank : "";
        String step = "grant " + role + (bankId.isEmpty() ? "" : " at " + bankId)
                + (userId.equals(granter.userId()) ? "" : " to " + userId);
        return obp.post(
                        step,
                        grantEntitlement(userId),
                        granter.token(),
                        BodyTemplate.ADD_ENTITLEMENT,
                        Map.of(BodyTemplate.BANK_ID, bankId, BodyTemplate.ROLE_NAME, role))
                .thenApply(a -> {
                    if (a.status() == 409
                            || a.status() == 400 && a.text("message").startsWith("OBP-30216")) return a;
                    return expect(a, step, userId.equals(granter.userId()) ? granter.userId() : null, 201);
                });
    }

    /** The route of a call the consent preflight makes: the consents phase only runs on a server that has them all. */
    private ServerFacts.Route route(Operation op) {
        return server.route(op)
                .orElseThrow(() -> new SetupFailure(
                        op.label + " (preflight)",
                        0,
                        "the server has no " + op.candidates.get(0) + " nor an equivalent (" + server.versionRange()
                                + ")",
                        "--loop-consents 0 leaves the consents phase out"));
    }

    /**
     * One consent created, accepted, used and revoked before the loop, so a server with consents
     * switched off fails setup with the fix rather than failing every loop.
     */
    private CompletableFuture<Void> consentPreflight(Fixture.User user, String bankId, String accountId) {
        ServerFacts.Route create = route(Operation.CREATE_IMPLICIT_CONSENT);
        ServerFacts.Route answer = route(Operation.ANSWER_CONSENT_CHALLENGE);
        ServerFacts.Route use = route(Operation.CURRENT_USER_ID);
        ServerFacts.Route revoke = route(Operation.REVOKE_CONSENT);
        return obp.post(
                        "create consent (preflight)",
                        create.path("BANK_ID", bankId),
                        user.token(),
                        BodyTemplate.CREATE_CONSENT,
                        Map.of(BodyTemplate.BANK_ID, bankId, BodyTemplate.ACCOUNT_ID, accountId))
                .thenApply(
                        a -> expect(a, "create consent (preflight)", null, 201).text("consent_id"))
                .thenApply(id -> {
                    ledger.consentCreated(id);
                    return id;
                })
                .thenCompose(id -> obp.post(
                                "answer consent challenge (preflight)",
                                answer.path("BANK_ID", bankId, "CONSENT_ID", id),
                                user.token(),
                                BodyTemplate.ANSWER_CONSENT_CHALLENGE,
                                Map.of(BodyTemplate.ANSWER, SANDBOX_CHALLENGE_ANSWER))
                        .thenApply(a -> {
                            Answer ok = expect(a, "answer consent challenge (preflight)", null, 201);
                            if (!"ACCEPTED".equals(ok.text("status"))) {
                                throw new SetupFailure(
                                        "answer consent challenge (preflight)",
                                        a.status(),
                                        "consent status " + ok.text("status") + ", not ACCEPTED",
                                        "set consents.sca.enabled=false in the server's props so the sandbox answer "
                                                + SANDBOX_CHALLENGE_ANSWER + " is accepted");
                            }
                            Redactor.register(ok.text("jwt"));
                            return new String[] {id, ok.text("jwt")};
                        }))
                .thenCompose(idJwt -> obp.get(
                                "use consent (preflight)",
                                use.path(),
                                Map.of("Consent-JWT", idJwt[1], "Consumer-Key", obp.consumerKey()))
                        .thenApply(a -> expect(a, "use consent (preflight)", null, 200))
                        .thenCompose(a -> obp.call(
                                "revoke consent (preflight)",
                                revoke.verb(),
                                revoke.path("BANK_ID", bankId, "CONSENT_ID", idJwt[0]),
                                user.token()))
                        .thenApply(a -> expect(a, "revoke consent (preflight)", null, 200))
                        .thenApply(a -> {
                            ledger.consentRevoked(idJwt[0]);
                            return a;
                        }))
                .thenApply(a -> null);
    }

    private Answer expect(Answer a, String step, String grantingSelfUserId, int... ok) {
        for (int s : ok) if (a.status() == s) return a;
        // OBP's message, redacted; a body without one is named by its fields, never printed whole.
        String message = Redactor.summarise(a.status(), a.body());
        throw new SetupFailure(step, a.status(), message, fix(a.status(), message, grantingSelfUserId));
    }

    /**
     * A user this run created (201) whose login is refused: the server keeps new users from logging in
     * until they are validated (docs/obp-api.md §2).
     */
    static final String NEW_USERS_CANNOT_LOG_IN = "the server does not let users it just created log in: set"
            + " user_account_validated=true (OBP of 2024) or authUser.skipEmailValidation=true (later) in its props"
            + " and restart it";

    /**
     * A consent that names no consumer (OBP of 2024 binds a consent to a consumer its creator registered,
     * and to none when the creator registered none: ConsentUtil.createConsentJWT).
     */
    static final String CONSENT_HAS_NO_CONSUMER = "this OBP binds a consent to a consumer the user registered, and"
            + " this user registered none: run as the user who registered the consumer key (--username), or"
            + " --loop-consents 0";

    /** The known server props behind a setup failure, named so the user can fix them. */
    static String fix(int status, String message, String grantingSelfUserId) {
        if (message.contains("OBP-20073")) return "set authUser.skipEmailValidation=true in the server's props";
        if (message.contains("OBP-20008"))
            return "the consumer key is not registered on this server: register a consumer and pass its key with --consumer";
        if (message.contains("OBP-35007")) return "set consents.allowed=true in the server's props";
        if (message.contains("OBP-35018")) return CONSENT_HAS_NO_CONSUMER;
        if (message.contains("OBP-20004")) return "check --username and --password";
        if (status == 403 && grantingSelfUserId != null) {
            // The kept credentials (and that the next run reuses them) were named on their own line: this one stays
            // short.
            String fix = "not a super admin: add its user_id " + grantingSelfUserId
                    + " to super_admin_user_ids and restart the server (or an admin grants it "
                    + Roles.CAN_CREATE_ENTITLEMENT_AT_ANY_BANK + ")";
            return fix;
        }
        return null;
    }

    static String random(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append(LOWER_DIGITS.charAt(RANDOM.nextInt(LOWER_DIGITS.length())));
        return b.toString();
    }

    /** A throwaway user that meets OBP's rules (username 8–100 of [a-z0-9]; password 10–16 with all four classes). */
    record Credentials(String username, String password) {
        static Credentials random(String suffix) {
            return new Credentials("ldtst" + Provisioner.random(10) + suffix, "Lt!9" + Provisioner.random(8) + "Q");
        }

        @Override
        public String toString() {
            return "Credentials[" + username + ", ****]";
        }
    }
}
