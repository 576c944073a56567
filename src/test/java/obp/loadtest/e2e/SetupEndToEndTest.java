package obp.loadtest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        java.util.regex.Matcher holder = java.util.regex.Pattern.compile(
                        "created the account holder \\S+ \\(user_id ([^)]+)\\)")
                .matcher(r.output());
        assertTrue(holder.find(), r.output());
        List<String> v7Users =
                new java.util.ArrayList<>(EmulatorState.of(emulator).userIds());
        assertTrue(v7Users.remove(holder.group(1)), "--keep left the account holder too");
        assertEquals(6, v7Users.size());
        assertEquals(
                List.of("CanCreateAccount"),
                EmulatorState.of(emulator).roles(holder.group(1)),
                "the holder needs only to create accounts");
        for (String user : v7Users) {
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

    @Test
    void aServerWithoutV7RunsTheLoopsOnTheVersionsItHas() throws Exception {
        // OBP of 2024: v1.2.1 … v5.1.0, bank-scoped consent calls only, resource docs broken (no Redis)
        Result r = run(
                FaultPlan.defaults().sandbox(true).maxVersion("v5.1.0").resourceDocs(false),
                "--loop-accounts",
                "1",
                "--loop-consents",
                "1",
                "--loop-v7",
                "0");
        assertEquals(0, r.exitCode(), r.output());
        JsonNode server = r.summary().path("server");
        assertTrue(server.path("endpoints_from").asText().startsWith("probes"), server.toString());
        assertEquals(
                "v5.1.0",
                server.path("versions").get(server.path("versions").size() - 1).asText());
        Map<String, JsonNode> calls = new HashMap<>();
        server.path("calls").forEach(c -> calls.put(c.path("name").asText(), c));
        assertEquals(
                "v5.1.0 GET /banks/BANK_ID/accounts/ACCOUNT_ID/VIEW_ID/account",
                calls.get("account details").path("used").asText());
        assertEquals(
                "v5.1.0 POST /banks/BANK_ID/my/consents/IMPLICIT",
                calls.get("create IMPLICIT consent").path("used").asText());
        assertEquals("substituted", calls.get("revoke consent").path("how").asText());
        assertEquals("as is", calls.get("create account").path("how").asText());
        for (JsonNode e : r.summary().path("endpoints"))
            e.path("statuses")
                    .fieldNames()
                    .forEachRemaining(status -> assertTrue(status.startsWith("2"), e.toString()));
        assertTrue(r.output().contains("server: consents: revoke consent: v5.1.0 GET"), r.output());
        assertTrue(r.output().lines().allMatch(l -> l.length() <= 300), r.output());
    }

    @Test
    void theSweepOnAServerWithoutV7IsOneLineBeforeAnything() throws Exception {
        Result r = run(FaultPlan.defaults().sandbox(true).maxVersion("v5.1.0"));
        String line = oneSetupLine(r);
        assertTrue(line.contains("this server serves OBP v1.2.1 … v5.1.0; the v7 sweep needs v7.0.0"), line);
        assertTrue(line.contains("--loop-v7 0"), line);
        assertTrue(EmulatorState.of(emulator).userIds().isEmpty(), "nothing was created");
        assertTrue(EmulatorState.of(emulator).bankIds().stream().noneMatch(b -> b.startsWith("ldtst-")));
    }

    @Test
    void aServerWithResourceDocsIsReadFromThem() throws Exception {
        Result r = run(
                FaultPlan.defaults().sandbox(true), "--loop-accounts", "1", "--loop-consents", "1", "--loop-v7", "0");
        assertEquals(0, r.exitCode(), r.output());
        JsonNode server = r.summary().path("server");
        assertTrue(server.path("endpoints_from").asText().startsWith("resource docs v7.0.0"), server.toString());
        server.path("calls").forEach(c -> assertEquals("as is", c.path("how").asText(), c.toString()));
    }

    @Test
    void whereNewUsersCannotLogInTheOperatorsUserHoldsTheAccountsAndTheRunSaysWhatThatCosts() throws Exception {
        emulator = ObpEmulator.start(FaultPlan.defaults().sandbox(true).skipEmailValidation(false));
        Launcher.createUser(emulator, "ltoperator01", "Lt!9operatorQ");
        emulator.validateUser("ltoperator01");
        Result r = Launcher.run(
                Launcher.against(
                        emulator,
                        "--username",
                        "ltoperator01",
                        "--password",
                        "Lt!9operatorQ",
                        "--loop-accounts",
                        "1",
                        "--loop-consents",
                        "1",
                        "--loop-v7",
                        "0"),
                LIMIT);
        assertEquals(0, r.exitCode(), r.output());
        List<String> warned = r.output()
                .lines()
                .filter(l -> l.contains("new users cannot log in here"))
                .toList();
        assertEquals(1, warned.size(), r.output());
        assertTrue(warned.get(0).contains("ltoperator01 holds the run's accounts"), warned.get(0));
        assertTrue(warned.get(0).contains("OBP-30018"), warned.get(0));
        assertTrue(warned.get(0).contains("user_account_validated=true"), warned.get(0));
    }

    @Test
    void aUserTheRunCreatedButMayNotLogInIsToldWhichPropLetsNewUsersIn() throws Exception {
        String line = oneSetupLine(run(FaultPlan.defaults().sandbox(true).skipEmailValidation(false)));
        assertTrue(line.contains("401 OBP-20004"), line);
        assertTrue(line.contains("set user_account_validated=true"), line);
        assertFalse(line.contains("check --username and --password"), line);
    }
}
