package obp.loadtest.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeptCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void keptCredentialsAreOwnerOnlyAndReadBackPerHost() throws Exception {
        Path keptDir = dir.resolve(".obp-loadtest");
        KeptCredentials kept = new KeptCredentials(keptDir, "http://127.0.0.1:8080");
        assertTrue(kept.load().isEmpty());
        kept.save(new KeptCredentials.Kept("ldtstabc", "Lt!9secret=Q", "user-1"));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept.file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keptDir)));
        assertEquals(
                new KeptCredentials.Kept("ldtstabc", "Lt!9secret=Q", "user-1"),
                kept.load().orElseThrow());
        assertTrue(
                new KeptCredentials(keptDir, "http://127.0.0.1:9090").load().isEmpty(),
                "another host has its own file");
        assertFalse(kept.load().orElseThrow().toString().contains("secret"), "toString masks the password");
        try (var files = Files.list(keptDir)) {
            assertEquals(1, files.count(), "no partial file left behind");
        }
    }

    @Test
    void hostsMapToSafeFileNames() {
        assertEquals("http_127.0.0.1_8080", KeptCredentials.slug("http://127.0.0.1:8080/"));
        assertEquals("https_obp.example.org", KeptCredentials.slug("https://obp.example.org"));
    }
}
