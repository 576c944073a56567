package obp.loadtest.verdict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file the run leaves for others to read (the summary, the verdict page, Gatling's index: CI, a web
 * server): replaced in one move, so an interrupted write never leaves half a file, and readable by all.
 */
public final class SharedFile {

    private SharedFile() {}

    /** Writes {@code content} (UTF-8) to {@code file}, creating its folder; the caller redacts it first. */
    public static void write(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, "." + file.getFileName(), ".partial");
        try {
            // A temp file is owner-only; what is shared is read by others.
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its defaults apply
        }
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
