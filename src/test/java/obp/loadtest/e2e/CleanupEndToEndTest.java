package obp.loadtest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import obp.loadtest.e2e.Launcher.Result;
import obp.loadtest.emulator.EmulatorState;
import obp.loadtest.emulator.FaultPlan;
import obp.loadtest.emulator.ObpEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Against a server as an operator meets it: the run removes what it created (or --keep leaves it),
 * and with no sandbox the first run keeps its user for the operator to make super admin, the next reuses it.
 */
@Tag("e2e")
class CleanupEndToEndTest {

    private static final Duration LIMIT = Duration.ofMinutes(2);
    private static final String[] SHORT = {
        "--loop-accounts",
        "2",
        "--loop-consents",
        "1",
        "--loop-v7",
        "1",
        "--workers-v7",
        "2",
        "--users-v7",
        "2",
        "--stall-probe",
        "false"
    };
    private ObpEmulator emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) emulator.kill();
    }

    private Result run(String... extra) throws Exception {
        List<String> flags = new java.util.ArrayList<>(List.of(SHORT));
        flags.addAll(List.of(extra));
        return Launcher.run(Launcher.against(emulator, flags.toArray(String[]::new)), LIMIT);
    }

    private List<String> testBanks() {
        return EmulatorState.of(emulator).bankIds().stream()
                .filter(b -> b.startsWith("ldtst-"))
                .toList();
    }

    @Test
    void aDefaultRunRemovesItsBankAccountsAndV7UsersAndKeepLeavesThem() throws Exception {
        emulator = ObpEmulator.start(FaultPlan.defaults().sandbox(true));
        Result r = run();
        assertEquals(0, r.exitCode(), r.output());
        JsonNode fixture = r.summary().path("fixture");
        String bank = fixture.path("created").path("bank").asText();
        assertTrue(bank.startsWith("ldtst-"), fixture.toString());
        assertEquals(
                3, fixture.path("created").path("accounts").size(), "the fixture account and one per accounts loop");
        assertEquals(List.of(), testBanks(), "the bank is gone");
        assertEquals(0, EmulatorState.of(emulator).accountCount(bank), "its accounts too");
        String bootstrap = fixture.path("bootstrap_user_id").asText();
        assertEquals(
                List.of(bootstrap),
                EmulatorState.of(emulator).userIds(),
                "the account holder and the v7 user are gone; the kept bootstrap user stays");
        assertEquals(bank, fixture.path("removed").path("bank").asText());
        assertEquals(3, fixture.path("removed").path("accounts").size());
        assertEquals(2, fixture.path("removed").path("users").size(), "the account holder and the v7 user");
        assertFalse(fixture.path("kept").asBoolean());
        assertTrue(
                r.output()
                        .contains("cleanup: removed bank " + bank
                                + " with its 3 account(s), 2 of 2 user(s) made for this run"),
                r.output());

        // The same user again, as on a real OBP: OBP keeps a deleted account's holder and gives the holder its views
        // back when it creates another account, after which its "my accounts" answers 400 (docs/obp-api.md §9.12).
        // The accounts were held by the first run's own holder, so this run's "my accounts" is clean.
        Result kept = run("--keep");
        assertEquals(0, kept.exitCode(), kept.output());
        assertEquals("CLEAN", kept.verdict(), kept.output());
        assertTrue(
                kept.output().contains("setup: reusing the kept bootstrap user"),
                "same host: the kept user is reused\n" + kept.output());
        JsonNode keptFixture = kept.summary().path("fixture");
        assertTrue(keptFixture.path("kept").asBoolean());
        String keptBank = keptFixture.path("created").path("bank").asText();
        assertEquals(List.of(keptBank), testBanks());
        assertEquals(3, EmulatorState.of(emulator).accountCount(keptBank));
        assertEquals(
                3,
                EmulatorState.of(emulator).userIds().size(),
                "the bootstrap user, the account holder and the v7 user stay");
        assertFalse(keptFixture.path("removed").path("bank").isTextual(), keptFixture.toString());
        assertTrue(kept.output().contains("cleanup: --keep: left bank " + keptBank), kept.output());
    }

    @Test
    void withoutSandboxTheFirstRunKeepsItsUserAndTheNextReusesItOnceItIsASuperAdmin() throws Exception {
        emulator = ObpEmulator.start(FaultPlan.defaults().sandbox(false));
        Result first = run();
        assertEquals(3, first.exitCode(), first.output());
        List<String> lines =
                first.output().lines().filter(l -> l.contains("setup failed:")).toList();
        assertEquals(1, lines.size(), first.output());
        String line = lines.get(0);
        String userId = EmulatorState.of(emulator).userIds().get(0);
        Path file = Launcher.CREDENTIALS.resolve("http_127.0.0.1_" + emulator.port() + ".properties");
        assertTrue(line.contains("add its user_id " + userId + " to super_admin_user_ids"), line);
        assertTrue(first.output().contains("kept the new bootstrap user's credentials in " + file), first.output());
        assertTrue(line.length() <= 300, line.length() + " characters: " + line);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        emulator.makeSuperAdmin(userId); // the operator's props change and restart
        Result second = run();
        assertEquals(0, second.exitCode(), second.output());
        assertTrue(second.output().contains("setup: reusing the kept bootstrap user"), second.output());
        assertTrue(second.output().contains("user_id " + userId + ")"), second.output());
        assertEquals(
                List.of(userId),
                EmulatorState.of(emulator).userIds(),
                "no new bootstrap user; the v7 user was removed");
    }
}
