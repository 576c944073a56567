package obp.loadtest.emulator;

import static obp.loadtest.emulator.WireClient.auth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deleting what a run created, a rejected token echoed as OBP does, and the test levers (invalidate tokens, super admin). */
class CleanupEndpointsContractTest {
    ObpEmulator obp;
    WireClient wire;

    @BeforeEach
    void start() {
        obp = ObpEmulator.start(FaultPlan.defaults()); // sandbox off
        wire = new WireClient(obp);
    }

    @AfterEach
    void stop() {
        obp.kill();
    }

    private String[] admin(String name) {
        return wire.admin(name);
    }

    @Test
    void deleteUserNeedsCanDeleteUserAndAnswers200True() {
        String[] admin = admin("cleanadmin1");
        String[] victim = wire.user("cleanvictim1");
        var denied = wire.send("DELETE", "/obp/v4.0.0/users/" + admin[0], null, auth(victim[1]));
        assertEquals(403, denied.status());
        assertTrue(denied.message().contains("CanDeleteUser"), denied.message());

        var ok = wire.send("DELETE", "/obp/v4.0.0/users/" + victim[0], null, auth(admin[1]));
        assertEquals(200, ok.status(), ok.body());
        assertEquals("true", ok.body());
        assertFalse(EmulatorState.of(obp).userIds().contains(victim[0]));
        assertEquals(
                401,
                wire.get("/obp/v3.0.0/users/current", auth(victim[1])).status(),
                "the deleted user's token is gone too");
        assertEquals(
                404,
                wire.send("DELETE", "/obp/v4.0.0/users/" + victim[0], null, auth(admin[1]))
                        .status());
    }

    @Test
    void deleteBankCascadeRemovesTheBankAndItsAccounts() {
        String[] admin = admin("cleanadmin2");
        wire.bank(admin, "ldtst-cascade");
        assertEquals(201, wire.createAccount(admin[1], "ldtst-cascade").status());
        assertEquals(1, EmulatorState.of(obp).accountCount("ldtst-cascade"));

        var ok = wire.send("DELETE", "/obp/v4.0.0/management/cascading/banks/ldtst-cascade", null, auth(admin[1]));
        assertEquals(200, ok.status(), ok.body());
        assertEquals("true", ok.body());
        assertFalse(EmulatorState.of(obp).bankIds().contains("ldtst-cascade"));
        assertEquals(0, EmulatorState.of(obp).accountCount("ldtst-cascade"));
        assertEquals(
                404,
                wire.send("DELETE", "/obp/v4.0.0/management/cascading/banks/ldtst-cascade", null, auth(admin[1]))
                        .status());
    }

    @Test
    void anInvalidatedTokenIsRejectedWithTheTokenEchoedAsOBPDoes() {
        String[] u = wire.user("cleanecho1");
        assertEquals(200, wire.get("/obp/v3.0.0/users/current", auth(u[1])).status());
        obp.invalidateTokens();
        var rejected = wire.get("/obp/v7.0.0/users/current", auth(u[1]));
        assertEquals(401, rejected.status());
        // obp-api/src/main/scala/code/api/directlogin.scala: DirectLoginInvalidToken + the token
        assertEquals("OBP-20003: This DirectLogin token is invalid or expired: " + u[1], rejected.message());
    }
}
