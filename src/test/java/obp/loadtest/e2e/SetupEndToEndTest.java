package obp.loadtest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import obp.loadtest.e2e.Launcher.Result;
import obp.loadtest.emulator.EmulatorState;
import obp.loadtest.emulator.FaultPlan;
import obp.loadtest.emulator.ObpEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Provisioning and the accounts and consent loops, end to end through ./run.sh against the emulator. */
@Tag("e2e")
class SetupEndToEndTest {

    private static final Duration LIMIT = Duration.ofMinutes(2);
    private ObpEmulator emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) emulator.kill();
    }

    private Result run(FaultPlan plan, String... flags) throws Exception {
        emulator = ObpEmulator.start(plan);
        return Launcher.run(Launcher.against(emulator, flags), LIMIT);
    }

    private String bank() {
        return EmulatorState.of(emulator).bankIds().stream()
                .filter(b -> b.startsWith("ldtst-"))
                .findFirst()
                .orElseThrow();
    }

    /** Setup stopped with exit 3 and exactly one line naming the step, status and message; no stack trace. */
    private static String oneSetupLine(Result r) {
        assertEquals(3, r.exitCode(), r.output());
        List<String> lines =
                r.output().lines().filter(l -> l.contains("setup failed:")).toList();
        assertEquals(1, lines.size(), r.output());
        assertFalse(r.output().contains("\tat "), "no stack trace:\n" + r.output());
        assertEquals("SETUP_FAILED", r.verdict());
        return lines.get(0);
    }

    @Test
    void accountLoopsLeaveOneAccountEach() throws Exception {
        // --keep: what setup and the loop created stays for the test to count
        Result r = run(
                FaultPlan.defaults().sandbox(true),
                "--loop-accounts",
                "3",
                "--loop-consents",
                "0",
                "--loop-v7",
                "0",
                "--keep");
        assertEquals(0, r.exitCode(), r.output());
        // three from the loop, plus the fixture account setup creates for the v7 sweep and consents
        assertEquals(3 + 1, EmulatorState.of(emulator).accountCount(bank()));
        assertTrue(
                r.output().contains("accounts / v4.0.0 create account"),
                "Gatling reports each request by readable name");
    }

    @Test
    void consentLoopsLeaveRevokedConsents() throws Exception {
        Result r = run(
                FaultPlan.defaults().sandbox(true), "--loop-accounts", "0", "--loop-consents", "3", "--loop-v7", "0");
        assertEquals(0, r.exitCode(), r.output());
        // three from the loop, plus setup's preflight consent
        assertEquals(3 + 1, EmulatorState.of(emulator).consentCount("REVOKED"));
        assertEquals(0, EmulatorState.of(emulator).consentCount("ACCEPTED"));
    }

    @Test
    void manyV7UsersAreProvisionedWithTheirRoles() throws Exception {
        Result r = run(
                FaultPlan.defaults().sandbox(true),
                "--loop-accounts",
                "0",
                "--loop-consents",
                "0",
                "--loop-v7",
                "1",
                "--workers-v7",
                "6",
                "--users-v7",
                "6",
                "--stall-probe",
                "false",
                "--keep");
        assertEquals(0, r.exitCode(), r.output());
        assertEquals(6, EmulatorState.of(emulator).userIds().size());
        for (String user : EmulatorState.of(emulator).userIds()) {
            assertTrue(
                    EmulatorState.of(emulator).roles(user).contains("CanGetDatabasePoolInfo"),
                    user + " has the v7 roles");
        }
    }

    @Test
    void wrongPasswordStopsSetup() throws Exception {
        emulator = ObpEmulator.start(FaultPlan.defaults().sandbox(true));
        Launcher.createUser(emulator, "ltexisting01", "Lt!9secretQ1");
        Result r = Launcher.run(
                Launcher.against(emulator, "--username", "ltexisting01", "--password", "Wrong!pass99"), LIMIT);
        String line = oneSetupLine(r);
        assertTrue(line.contains("DirectLogin ltexisting01: 401 OBP-20004"), line);
        assertTrue(line.contains("check --username and --password"), line);
    }

    @Test
    void userWhoIsNotASuperAdminIsToldWhichPropToSet() throws Exception {
        Result r = run(FaultPlan.defaults().sandbox(false));
        String line = oneSetupLine(r);
        assertTrue(line.contains("grant CanCreateEntitlementAtAnyBank: 403 OBP-20006"), line);
        String userId = EmulatorState.of(emulator).userIds().get(0);
        assertTrue(line.contains("add its user_id " + userId + " to super_admin_user_ids"), line);
    }

    @Test
    void unreachableHostIsOneLine() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Result r = Launcher.run(List.of("--host", "http://127.0.0.1:" + closedPort, "--consumer", "any-key"), LIMIT);
        String line = oneSetupLine(r);
        assertTrue(line.contains("cannot reach http://127.0.0.1:" + closedPort + " (connection refused)"), line);
    }

    @Test
    void knownServerPropsAreNamedInTheFix() throws Exception {
        assertTrue(oneSetupLine(run(FaultPlan.defaults().sandbox(true).skipEmailValidation(false)))
                .contains("authUser.skipEmailValidation=true"));
        emulator.kill();
        assertTrue(oneSetupLine(run(FaultPlan.defaults().sandbox(true).consentsAllowed(false)))
                .contains("consents.allowed=true"));
        emulator.kill();
        emulator = ObpEmulator.start(FaultPlan.defaults().sandbox(true));
        Result r = Launcher.run(List.of("--host", emulator.baseUrl(), "--consumer", "not-registered"), LIMIT);
        assertTrue(oneSetupLine(r).contains("the consumer key is not registered"));
    }
}
