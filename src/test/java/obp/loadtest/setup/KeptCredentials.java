package obp.loadtest.setup;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * The bootstrap user this tool created on a server, kept so the operator can make exactly that
 * user a super admin and the next run against the same host logs in as it again. One file per
 * host, readable by the owner only (0600, in a 0700 directory, git-ignored).
 */
public final class KeptCredentials {

    /** A kept user: what DirectLogin needs, and its user_id for the operator's props. */
    public record Kept(String username, String password, String userId) {
        @Override
        public String toString() {
            return "Kept[" + username + ", ****, " + userId + "]";
        }
    }

    private final Path file;
    private final String host;

    public KeptCredentials(Path dir, String baseUrl) {
        this.host = baseUrl;
        this.file = dir.resolve(slug(baseUrl) + ".properties");
    }

    public Path file() {
        return file;
    }

    /** "http://127.0.0.1:8080" → "http_127.0.0.1_8080": one file per scheme, host and port. */
    static String slug(String baseUrl) {
        return baseUrl.replaceAll("/+$", "").replaceAll("[^A-Za-z0-9.-]+", "_");
    }

    public Optional<Kept> load() {
        if (!Files.isRegularFile(file)) return Optional.empty();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            return Optional.empty();
        }
        String username = p.getProperty("username", "");
        String password = p.getProperty("password", "");
        if (username.isBlank() || password.isBlank()) return Optional.empty();
        return Optional.of(new Kept(username, password, p.getProperty("user_id", "")));
    }

    /** Writes the file owner-only from the first byte (created 0600, then moved into place). */
    public void save(Kept kept) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            createPrivateDirectory(dir);
            Path partial = dir.resolve(file.getFileName() + ".partial");
            Files.deleteIfExists(partial);
            createPrivateFile(partial);
            Properties p = new Properties();
            p.setProperty("host", host);
            p.setProperty("username", kept.username());
            p.setProperty("password", kept.password());
            p.setProperty("user_id", kept.userId());
            try (Writer w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                p.store(w, "obp-loadtest bootstrap user for " + host + " (owner-only; delete to start afresh)");
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep credentials in " + file + ": " + e.getMessage(), e);
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        try {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }

    private static void createPrivateFile(Path f) throws IOException {
        try {
            Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(f);
        } catch (FileAlreadyExistsException e) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
