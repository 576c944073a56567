package obp.loadtest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The settings table, .env.example, run.sh's flag table and --help come from application.conf: prove none drifted. */
class SettingsDocumentationTest {

    @Test
    void readmeTableListsEverySetting() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (SettingSpec s : SettingsCatalog.get().all()) {
            assertTrue(
                    readme.contains("| `" + s.flag() + "` | `" + s.env() + "` | `" + s.path() + "` |"),
                    "README lacks " + s);
        }
    }

    @Test
    void envExampleListsEveryVariable() throws Exception {
        String example = Files.readString(Path.of(".env.example"));
        for (SettingSpec s : SettingsCatalog.get().all()) {
            assertTrue(example.contains(s.env() + "="), ".env.example lacks " + s.env());
        }
    }

    @Test
    void runShReadsTheCatalogueAsApplicationConfDeclaresIt() throws Exception {
        String fresh = SettingsCatalog.get().flagTable();
        String kept = Files.readString(Path.of(SettingsCatalog.FLAG_TABLE));
        if (!fresh.equals(kept)) {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/run-flags.txt"), fresh);
        }
        assertEquals(
                fresh,
                kept,
                SettingsCatalog.FLAG_TABLE + " is stale: application.conf changed. Take the fresh copy:"
                        + " cp target/run-flags.txt " + SettingsCatalog.FLAG_TABLE);
    }

    @Test
    void helpListsEveryFlagWithItsEnvVarAndAnswersWithoutBuilding() throws Exception {
        Process p = new ProcessBuilder("./run.sh", "--help")
                .redirectErrorStream(true)
                .start();
        String help = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), help);
        for (SettingSpec s : SettingsCatalog.get().all()) {
            assertTrue(help.contains(s.flag() + " VALUE") && help.contains(s.env()), "--help lacks " + s);
        }
        assertTrue(help.contains("3  setup failure"), "--help documents the exit codes");
    }
}
