package obp.loadtest.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import obp.loadtest.emulator.EmulatorState;
import obp.loadtest.emulator.FaultPlan;
import obp.loadtest.emulator.ObpEmulator;
import obp.loadtest.obp.ServerFacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The end of a run against the emulator: what setup created is removed, or kept with --keep; a failing step is one warning. */
class CleanupTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private ObpEmulator emulator;
    private final List<String> lines = new ArrayList<>();

    @AfterEach
    void stop() {
        if (emulator != null) emulator.kill();
    }

    private Fixture provision(Ledger ledger, int users) {
        emulator = ObpEmulator.start(FaultPlan.defaults().sandbox(true));
        try (ObpClient client = new ObpClient(emulator.baseUrl(), emulator.consumerKey(), TIMEOUT)) {
            return new Provisioner(client, lines::add, ledger)
                    .provision(new Provisioner.Plan("", "", users, true, true, null, true, ServerFacts.assumed()));
        }
    }

    @Test
    void theBankItsAccountsTheUsersItMadeAndOpenConsentsAreRemoved() {
        Ledger ledger = new Ledger();
        Fixture f = provision(ledger, 3);
        ledger.consentCreated("consent-never-revoked"); // unknown to the server: revoking it fails, as one warning
        assertEquals(4, EmulatorState.of(emulator).userIds().size(), "bootstrap + the account holder + 2 v7 users");
        assertNotEquals(f.bootstrap().userId(), f.holder().userId(), "the run's accounts have a holder of its own");

        var r = Cleanup.atEnd(ledger, false, false, TIMEOUT, lines::add);

        assertFalse(EmulatorState.of(emulator).bankIds().contains(f.bankId()));
        assertEquals(0, EmulatorState.of(emulator).accountCount(f.bankId()));
        assertEquals(
                List.of(f.bootstrap().userId()), EmulatorState.of(emulator).userIds(), "only the bootstrap user stays");
        assertEquals(f.bankId(), r.removed().bank());
        assertEquals(List.of(f.accountId()), r.removed().accounts());
        assertEquals(3, r.removed().users().size());
        assertFalse(r.kept());
        assertEquals(1, r.warnings().size(), lines.toString());
        assertTrue(
                r.warnings().get(0).startsWith("cleanup: warning: could not revoke 1 open consent(s): 1 failed"),
                r.warnings().get(0));
        assertTrue(
                lines.get(lines.size() - 1)
                        .startsWith("cleanup: removed bank " + f.bankId()
                                + " with its 1 account(s), 3 of 3 user(s) made for this run"),
                lines.toString());
    }

    @Test
    void keepLeavesEverything() {
        Ledger ledger = new Ledger();
        Fixture f = provision(ledger, 2);
        var r = Cleanup.atEnd(ledger, true, false, TIMEOUT, lines::add);
        assertTrue(EmulatorState.of(emulator).bankIds().contains(f.bankId()));
        assertEquals(3, EmulatorState.of(emulator).userIds().size(), "bootstrap, holder, v7 user");
        assertTrue(r.kept());
        assertNull(r.removed().bank());
        assertEquals(f.bankId(), r.created().bank());
        assertTrue(
                lines.get(lines.size() - 1).startsWith("cleanup: --keep: left bank " + f.bankId()), lines.toString());
    }

    @Test
    void anUnreachableServerIsWarningsNotAFailure() {
        Ledger ledger = new Ledger();
        provision(ledger, 2);
        emulator.refuseConnections(true);
        var r = Cleanup.atEnd(ledger, false, true, TIMEOUT, lines::add);
        assertNull(r.removed().bank());
        assertEquals(2, r.warnings().size(), lines.toString()); // the users step and the bank step
        assertTrue(lines.stream().allMatch(l -> !l.contains("\tat ")), "no stack trace");
    }
}
