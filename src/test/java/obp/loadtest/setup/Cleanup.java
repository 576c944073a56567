package obp.loadtest.setup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import obp.loadtest.obp.Operation;
import obp.loadtest.obp.Roles;
import obp.loadtest.obp.ServerFacts;
import obp.loadtest.report.Redactor;
import obp.loadtest.setup.ObpClient.Answer;
import obp.loadtest.verdict.FixtureReport;

/**
 * The end of a run: removes what the {@link Ledger} says this run created, where OBP has an
 * endpoint for it: consents still open are revoked, the users made for the run (its account holder, the extra v7
 * users) deleted, and the bank deleted with its accounts and views (Delete Bank Cascade). With --keep nothing is
 * touched.
 * A step that fails is one warning line; it never changes the verdict or the exit code.
 */
public final class Cleanup {

    /** After an interruption the user is waiting: cleanup gets this long in all, or is left undone. */
    static final Duration INTERRUPTED_BUDGET = Duration.ofSeconds(3);

    /** OBP's answer to revoking a consent twice: what cleanup wanted is already so. */
    static final String ALREADY_REVOKED = "OBP-35012";

    private Cleanup() {}

    /**
     * Cleans up (unless {@code keep}) and says so in one line, plus one line per failed step.
     * @param interrupted the run was cut short: stay within a few seconds, whatever is left stays
     */
    public static FixtureReport atEnd(
            boolean keep, boolean interrupted, Duration requestTimeout, Consumer<String> say) {
        return atEnd(Ledger.run(), keep, interrupted, requestTimeout, say);
    }

    static FixtureReport atEnd(
            Ledger ledger, boolean keep, boolean interrupted, Duration requestTimeout, Consumer<String> say) {
        FixtureReport.Items created =
                new FixtureReport.Items(ledger.bankId(), ledger.accounts(), ledger.users(), ledger.consents());
        Fixture.User owner = ledger.owner();
        String ownerId = owner == null ? null : owner.userId();
        List<String> warnings = new ArrayList<>();
        boolean nothing = created.bank() == null
                && created.users().isEmpty()
                && ledger.openConsents().isEmpty();
        if (keep || owner == null || nothing) {
            if (keep && !nothing) {
                say.accept("cleanup: --keep: left bank " + created.bank() + ", "
                        + created.accounts().size() + " account(s), "
                        + created.users().size() + " user(s) made for this run and "
                        + ledger.openConsents().size() + " open consent(s) on the server");
            }
            return new FixtureReport(
                    created, FixtureReport.Items.NONE, keep, ownerId, ledger.credentialsFile(), List.of());
        }
        Duration timeout =
                interrupted && requestTimeout.compareTo(INTERRUPTED_BUDGET) > 0 ? INTERRUPTED_BUDGET : requestTimeout;
        long deadline =
                System.nanoTime() + (interrupted ? INTERRUPTED_BUDGET : requestTimeout.multipliedBy(3)).toNanos();
        ConcurrentLinkedQueue<String> revoked = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> deletedUsers = new ConcurrentLinkedQueue<>();
        String removedBank = null;
        ServerFacts server = ledger.serverFacts();
        try (ObpClient obp = new ObpClient(ledger.baseUrl(), ledger.consumerKey(), timeout)) {
            List<String> open = ledger.openConsents();
            Step consents = new Step("revoke " + open.size() + " open consent(s)");
            List<CompletableFuture<?>> first = new ArrayList<>();
            for (String id : open) {
                first.add(consents.call(
                        call(obp, server, Operation.REVOKE_CONSENT, owner, "BANK_ID", created.bank(), "CONSENT_ID", id),
                        id,
                        revoked,
                        200,
                        204));
            }
            Step users = new Step("delete " + created.users().size() + " user(s) made for this run");
            for (String id : created.users()) {
                first.add(users.call(
                        call(obp, server, Operation.DELETE_USER, owner, "USER_ID", id), id, deletedUsers, 200, 204));
            }
            await(first, deadline);
            consents.report(warnings);
            users.report(warnings);
            if (created.bank() != null) {
                ConcurrentLinkedQueue<String> banks = new ConcurrentLinkedQueue<>();
                Step bank = new Step("delete bank " + created.bank() + " (cascade)")
                        .removeWith(server.route(Operation.DELETE_BANK_CASCADE)
                                .map(r -> r.verb() + " " + r.path("BANK_ID", created.bank()) + " as a user holding "
                                        + Roles.CAN_DELETE_BANK_CASCADE + " at that bank")
                                .orElse(null));
                await(
                        List.of(bank.call(
                                call(obp, server, Operation.DELETE_BANK_CASCADE, owner, "BANK_ID", created.bank()),
                                created.bank(),
                                banks,
                                200,
                                204)),
                        deadline);
                bank.report(warnings);
                removedBank = banks.peek();
            }
        } catch (RuntimeException e) {
            warnings.add("cleanup: warning: " + Redactor.redact(String.valueOf(e.getMessage())));
        }
        revoked.forEach(ledger::consentRevoked);
        FixtureReport.Items removed = new FixtureReport.Items(
                removedBank,
                removedBank == null ? List.of() : created.accounts(),
                List.copyOf(deletedUsers),
                List.copyOf(revoked));
        warnings.forEach(say);
        List<String> parts = new ArrayList<>();
        parts.add(
                removedBank == null
                        ? "no bank"
                        : "bank " + removedBank + " with its "
                                + created.accounts().size() + " account(s)");
        if (!created.users().isEmpty())
            parts.add(deletedUsers.size() + " of " + created.users().size() + " user(s) made for this run");
        int wereOpen = ledger.openConsents().size() + revoked.size();
        if (wereOpen > 0) parts.add(revoked.size() + " of " + wereOpen + " open consent(s)");
        say.accept("cleanup: removed " + String.join(", ", parts)
                + (warnings.isEmpty() ? "" : " (see the warning" + (warnings.size() == 1 ? "" : "s") + " above)")
                + "; --keep leaves them for inspection");
        return new FixtureReport(created, removed, false, ownerId, ledger.credentialsFile(), List.copyOf(warnings));
    }

    /** One cleanup call where this server has it; a server without it fails the step with the reason. */
    private static CompletableFuture<Answer> call(
            ObpClient obp, ServerFacts server, Operation op, Fixture.User owner, String... values) {
        return server.route(op)
                .map(r -> obp.call(op.label, r.verb(), r.path(values), owner.token()))
                .orElseGet(() -> CompletableFuture.failedFuture(new SetupFailure(
                        op.label, 0, "the server has no " + op.candidates.get(0) + " nor an equivalent", null)));
    }

    private static void await(List<CompletableFuture<?>> work, long deadline) {
        try {
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new))
                    .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // the steps still pending report themselves as not answered
        } catch (Exception e) {
            // each step records its own failure
        }
    }

    /** One cleanup step over many items: its first failure becomes the step's one warning line. */
    private static final class Step {
        private final String what;
        private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final List<CompletableFuture<?>> calls = new ArrayList<>();
        private String removeWith;

        Step(String what) {
            this.what = what;
        }

        /** How a person removes what this step leaves, for its warning. */
        Step removeWith(String how) {
            removeWith = how;
            return this;
        }

        CompletableFuture<?> call(
                CompletableFuture<Answer> answer, String id, ConcurrentLinkedQueue<String> done, int... ok) {
            CompletableFuture<?> f = answer.handle((a, error) -> {
                if (error != null) {
                    Throwable cause = error.getCause() != null ? error.getCause() : error;
                    failures.add(
                            cause instanceof SetupFailure s
                                    ? s.obpMessage()
                                    : cause.getClass().getSimpleName());
                } else if (contains(ok, a.status()) || a.text("message").contains(ALREADY_REVOKED)) {
                    done.add(id);
                } else {
                    failures.add(a.status() + " " + Redactor.summarise(a.status(), a.body()));
                }
                return null;
            });
            calls.add(f);
            return f;
        }

        void report(List<String> warnings) {
            long unanswered = calls.stream().filter(c -> !c.isDone()).count();
            if (failures.isEmpty() && unanswered == 0) return;
            int failed = failures.size() + (int) unanswered;
            String first = failures.isEmpty() ? "no answer in time" : failures.peek();
            warnings.add(Redactor.redact("cleanup: warning: could not " + what + ": " + failed + " failed, first: "
                    + first + (removeWith == null ? "" : "; remove it with " + removeWith)
                    + " (the verdict and exit code are unchanged)"));
        }

        private static boolean contains(int[] ok, int status) {
            for (int s : ok) if (s == status) return true;
            return false;
        }
    }
}
