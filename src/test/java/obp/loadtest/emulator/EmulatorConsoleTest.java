package obp.loadtest.emulator;

import static obp.loadtest.emulator.WireClient.auth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The standalone emulator's console: each command does to the wire what the real event does. */
class EmulatorConsoleTest {

    private static String operate(ObpEmulator obp, String input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EmulatorMain.operate(
                obp, new BufferedReader(new StringReader(input)), new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void downRefusesConnectionsAndUpServesAgain() {
        try (ObpEmulator obp = ObpEmulator.start(FaultPlan.defaults())) {
            assertEquals(200, new WireClient(obp).get("/obp/v7.0.0/root").status());
            String said = operate(obp, "down\n");
            assertTrue(said.startsWith("down: connections to port "), said);
            assertThrows(
                    ConnectException.class,
                    () -> new Socket().connect(new InetSocketAddress("127.0.0.1", obp.port()), 1000));
            operate(obp, "up\n");
            assertEquals(200, new WireClient(obp).get("/obp/v7.0.0/root").status());
        }
    }

    @Test
    void forgetTokensRejectsEveryIssuedTokenAndSuperAdminGrantsAnyRole() {
        try (ObpEmulator obp = ObpEmulator.start(FaultPlan.defaults())) {
            WireClient wire = new WireClient(obp);
            String[] u = wire.user("consoleuser1");
            String grant = "{\"bank_id\": \"\", \"role_name\": \"CanGetAnyUser\"}";
            assertEquals(
                    403,
                    wire.post("/obp/v5.1.0/users/" + u[0] + "/entitlements", grant, auth(u[1]))
                            .status());
            operate(obp, "super-admin " + u[0] + "\n");
            assertEquals(
                    201,
                    wire.post("/obp/v5.1.0/users/" + u[0] + "/entitlements", grant, auth(u[1]))
                            .status());
            operate(obp, "forget-tokens\n");
            assertEquals(401, wire.get("/obp/v3.0.0/users/current", auth(u[1])).status());
        }
    }

    @Test
    void statusCountsRequestsAndAnUnknownCommandListsTheCommands() {
        try (ObpEmulator obp = ObpEmulator.start(FaultPlan.defaults())) {
            new WireClient(obp).get("/obp/v7.0.0/root");
            new WireClient(obp).get("/obp/v7.0.0/root");
            String said = operate(obp, "status\nfly\nsuper-admin\n");
            // The pool's figures are live (a connection may still be on its way back): their shape, not their values.
            assertTrue(said.contains("port " + obp.port() + " · 2 requests served · pool "), said);
            assertTrue(said.matches("(?s).*pool \\d+ active, \\d+ idle, 0 waiting of \\d+\\n.*"), said);
            assertTrue(said.contains("commands: " + EmulatorMain.COMMANDS), said);
            assertTrue(said.contains("super-admin takes one user_id"), said);
        }
    }
}
