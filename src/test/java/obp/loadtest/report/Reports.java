package obp.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import obp.loadtest.config.Settings;
import obp.loadtest.verdict.SharedFile;

/**
 * What a run leaves to read after it ended: the history comparison (added to the run's result as "history" before
 * its summary is written), and, at JVM exit once Gatling is through, the verdict page
 * beside the summary and in Gatling's report folder, Gatling's report regenerated from the partial
 * log after an interruption, and the closing line naming both pages.
 */
public final class Reports {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Path GATLING_RESULTS = Path.of("target", "gatling");
    /** Regenerating Gatling's report from a partial log: a JVM start and a parse; more than this and we give up. */
    private static final long REPORTS_ONLY_LIMIT_S = 90;

    private static final String LINK_ID = "obp-loadtest-verdict-link";

    private Reports() {}

    /**
     * The history comparison (--history, unless off), part of the run's result before its summary is written: compares
     * {@code summary} with the earlier runs of its folder, adds the "history" section to it and keeps it there as one
     * more run (through the redactor). Returns the console lines, never throwing: a failure costs one line.
     */
    public static List<String> history(Settings settings, ObjectNode summary) {
        String historySetting = String.valueOf(settings.masked().getOrDefault("history", "history/"))
                .trim();
        if (isOff(historySetting)) return List.of();
        try {
            Path folder = Path.of(historySetting);
            History.Result h = History.compare(summary, History.load(folder), shown(folder));
            summary.set("history", h.section());
            Files.createDirectories(folder);
            write(unique(folder, History.fileName(summary)), JSON.writeValueAsString(summary) + "\n");
            return h.lines();
        } catch (IOException | RuntimeException e) {
            return List.of("history: not kept: " + e.getMessage());
        }
    }

    /**
     * Everything after the summary, never throwing: a failure here costs one console line, not the
     * verdict. Renders {@code summary}, the run's result as written (never the file read back); {@code started}
     * tells this run's Gatling folder from older ones. Lines go to {@code console} (the run's live console, which
     * redacts every line); files pass through the redactor here ({@link #write}).
     */
    public static void write(Settings settings, JsonNode summary, Instant started, Consumer<String> console) {
        try {
            Path summaryFile = settings.summaryFile();
            boolean interrupted =
                    "INTERRUPTED".equals(summary.path("verdict").path("name").asText());

            Optional<Path> run = newestGatlingRun(started);
            String gatlingNote = null;
            if (run.isPresent() && !Files.isRegularFile(run.get().resolve("index.html"))) {
                gatlingNote = regenerate(run.get(), console);
            } else if (run.isEmpty()) {
                gatlingNote = interrupted
                        ? "no Gatling report: the run was interrupted before Gatling started its log"
                        : "no Gatling report";
            }
            Path index = run.map(r -> r.resolve("index.html"))
                    .filter(Files::isRegularFile)
                    .orElse(null);

            Path page = pagePath(settings, summaryFile);
            Path pageDir = page.toAbsolutePath().getParent();
            Files.createDirectories(pageDir);
            write(
                    page,
                    VerdictPage.render(
                            summary,
                            new VerdictPage.Links(
                                    index == null ? null : href(pageDir, index), href(pageDir, summaryFile))));
            if (index != null) {
                Path copy = index.resolveSibling("verdict.html");
                write(
                        copy,
                        VerdictPage.render(
                                summary, new VerdictPage.Links("index.html", href(copy.getParent(), summaryFile))));
                linkFromGatling(index);
            }
            console.accept("report: " + shown(page) + " (verdict) · "
                    + (index != null ? shown(index) + " (Gatling)" : gatlingNote));
        } catch (IOException | RuntimeException e) {
            console.accept("report: verdict page not written: " + e.getMessage());
        }
    }

    /** "off" (or false/no/none) turns history off. */
    static boolean isOff(String setting) {
        return switch (setting.toLowerCase(Locale.ROOT)) {
            case "off", "false", "no", "none", "0", "" -> true;
            default -> false;
        };
    }

    /** Given --html: that file; by default beside the summary, named after it (last_run.json → last_run.html). */
    static Path pagePath(Settings settings, Path summaryFile) {
        String html = String.valueOf(settings.masked().getOrDefault("html", "last_run.html"));
        if (settings.source("html") != Settings.Source.DEFAULT) return Path.of(html);
        String name = summaryFile.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return summaryFile.resolveSibling(base + ".html");
    }

    /** This run's Gatling folder: the newest one that changed since the run started. */
    static Optional<Path> newestGatlingRun(Instant started) {
        if (!Files.isDirectory(GATLING_RESULTS)) return Optional.empty();
        long since = started.toEpochMilli() - 1_000;
        try (Stream<Path> dirs = Files.list(GATLING_RESULTS)) {
            return dirs.filter(Files::isDirectory)
                    .filter(d -> Files.isRegularFile(d.resolve("simulation.log"))
                            || Files.isRegularFile(d.resolve("index.html")))
                    .filter(d -> modified(d) >= since)
                    .max(Comparator.comparingLong(Reports::modified));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Gatling writes no report when interrupted; its reports-only mode builds one from the log it
     * left. Returns null when the report now exists, else the one line that says why not.
     */
    static String regenerate(Path run, Consumer<String> console) {
        Path log = run.resolve("simulation.log");
        try {
            if (!Files.isRegularFile(log) || Files.size(log) == 0) {
                return "no Gatling report: the interrupted run's simulation.log is empty (Gatling buffers it and did not flush it)";
            }
        } catch (IOException e) {
            return "no Gatling report: " + e.getMessage();
        }
        try {
            console.accept("gatling: building the report from the interrupted run's simulation.log ("
                    + Files.size(log) / 1024 + " KB, Gatling's reports-only mode)");
        } catch (IOException e) {
            return "no Gatling report: " + e.getMessage();
        }
        // In this JVM, where Gatling is loaded and warm: a JVM of its own took seconds to start and load it, the
        // largest part of the time from a stop to the exit.
        int[] status = {-1};
        Thread build = new Thread(
                () -> {
                    try {
                        status[0] = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
                            "-rf",
                            run.toAbsolutePath().getParent().toString(),
                            "-ro",
                            run.getFileName().toString()
                        });
                    } catch (Exception | LinkageError e) {
                        // reported below: no index.html
                    }
                },
                "obp-loadtest-gatling-report");
        build.setDaemon(true);
        build.start();
        try {
            build.join(TimeUnit.SECONDS.toMillis(REPORTS_ONLY_LIMIT_S));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "no Gatling report: interrupted while Gatling built it";
        }
        if (build.isAlive())
            return "no Gatling report: its reports-only mode took more than " + REPORTS_ONLY_LIMIT_S + " s";
        if (Files.isRegularFile(run.resolve("index.html"))) return null;
        return "no Gatling report: Gatling could not build one from the partial simulation.log (status " + status[0]
                + ")";
    }

    /** Gatling's index.html cannot be configured, so a small fixed link to the verdict page is added once, before </body>. */
    static void linkFromGatling(Path index) throws IOException {
        String html = Files.readString(index, StandardCharsets.UTF_8);
        if (html.contains(LINK_ID)) return;
        String link = "<a id=\"" + LINK_ID
                + "\" href=\"verdict.html\" style=\"position:fixed;right:16px;bottom:16px;z-index:10000;"
                + "background:#b3261e;color:#fff;padding:8px 14px;border-radius:6px;font:600 14px sans-serif;text-decoration:none;"
                + "box-shadow:0 2px 6px rgba(0,0,0,.3)\">obp-loadtest verdict →</a>";
        int at = html.lastIndexOf("</body>");
        write(index, at < 0 ? html + link : html.substring(0, at) + link + html.substring(at));
    }

    private static Path unique(Path folder, String name) {
        Path p = folder.resolve(name);
        for (int i = 2; Files.exists(p); i++) p = folder.resolve(name.replace(".json", "-" + i + ".json"));
        return p;
    }

    private static String href(Path fromDir, Path target) {
        Path rel = fromDir.toAbsolutePath()
                .normalize()
                .relativize(target.toAbsolutePath().normalize());
        return rel.toString().replace(File.separatorChar, '/').replace(" ", "%20");
    }

    /** A path as the user would type it: relative to the working directory when inside it. */
    static String shown(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    private static long modified(Path p) {
        try {
            long dir = Files.getLastModifiedTime(p).toMillis();
            Path log = p.resolve("simulation.log");
            return Files.isRegularFile(log)
                    ? Math.max(dir, Files.getLastModifiedTime(log).toMillis())
                    : dir;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Every file this class writes passes here, through the redactor. */
    private static void write(Path file, String content) throws IOException {
        SharedFile.write(file, Redactor.redact(content));
    }
}
