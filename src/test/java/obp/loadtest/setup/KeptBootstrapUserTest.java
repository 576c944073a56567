package obp.loadtest.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import obp.loadtest.emulator.EmulatorState;
import obp.loadtest.emulator.FaultPlan;
import obp.loadtest.emulator.ObpEmulator;
import obp.loadtest.obp.ServerFacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The auto-created bootstrap user is kept per host and reused; a kept user that no longer logs in is replaced. */
class KeptBootstrapUserTest {

    @TempDir
    Path dir;

    private ObpEmulator emulator;
    private final List<String> lines = new ArrayList<>();

    @AfterEach
    void stop() {
        if (emulator != null) emulator.kill();
    }

    private Fixture provision() {
        try (ObpClient client = new ObpClient(emulator.baseUrl(), emulator.consumerKey(), Duration.ofSeconds(10))) {
            return new Provisioner(client, lines::add, new Ledger())
                    .provision(new Provisioner.Plan("", "", 1, false, false, dir, true, ServerFacts.assumed()));
        }
    }

    @Test
    void theFirstRunKeepsItsUserTheNextReusesItAndAStaleOneIsReplaced() {
        emulator = ObpEmulator.start(FaultPlan.defaults().sandbox(true));
        KeptCredentials kept = new KeptCredentials(dir, emulator.baseUrl());

        Fixture first = provision();
        KeptCredentials.Kept k = kept.load().orElseThrow();
        assertEquals(first.bootstrap().username(), k.username());
        assertEquals(first.bootstrap().userId(), k.userId());
        assertTrue(
                lines.stream()
                        .anyMatch(l ->
                                l.startsWith("setup: kept the new bootstrap user's credentials in " + kept.file())),
                lines.toString());

        Fixture second = provision();
        assertEquals(first.bootstrap().userId(), second.bootstrap().userId());
        assertEquals(
                java.util.Set.of(
                        first.bootstrap().userId(),
                        first.holder().userId(),
                        second.holder().userId()),
                java.util.Set.copyOf(EmulatorState.of(emulator).userIds()),
                "no second bootstrap user: each provisioning made only its account holder (cleanup deletes it)");
        assertTrue(
                lines.stream().anyMatch(l -> l.startsWith("setup: reusing the kept bootstrap user " + k.username())),
                lines.toString());

        kept.save(new KeptCredentials.Kept(k.username(), "Wrong!pass99", k.userId()));
        Fixture third = provision();
        assertNotEquals(first.bootstrap().userId(), third.bootstrap().userId());
        assertEquals(
                third.bootstrap().username(), kept.load().orElseThrow().username(), "the new user is kept instead");
        assertTrue(lines.stream().anyMatch(l -> l.contains("no longer logs in (OBP-20004")), lines.toString());
        assertFalse(String.join("\n", lines).contains(k.password()), "no password in any line");
    }
}
