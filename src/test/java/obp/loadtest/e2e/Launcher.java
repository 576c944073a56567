package obp.loadtest.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import obp.loadtest.emulator.ObpEmulator;
import obp.loadtest.obp.BodyTemplate;
import obp.loadtest.run.Main;

/**
 * Runs {@code ./run.sh} the way a user does, as a child process, against an emulator the test
 * started (so the test owns its faults, its request count and its life). Each run gets its own
 * log and summary file; .env is bypassed so a developer's own settings cannot leak in.
 */
final class Launcher {

    static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path OUT = ROOT.resolve("target/e2e");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A finished run: exit code, everything it printed, its log and summary files. */
    record Result(int exitCode, String output, Path log, Path summaryFile, Duration took) {
        JsonNode summary() {
            try {
                return JSON.readTree(summaryFile.toFile());
            } catch (IOException e) {
                throw new AssertionError("no readable summary at " + summaryFile + "; output:\n" + output, e);
            }
        }

        String verdict() {
            return summary().path("verdict").path("name").asText();
        }

        String logText() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                throw new AssertionError("no log at " + log, e);
            }
        }
    }

    /** A run in progress, for tests that act on it mid-way (kill the server, send SIGINT). */
    static final class Running {
        final Process process;
        final Path outputFile;
        final Path log;
        final Path summary;
        final long startNanos = System.nanoTime();

        Running(Process process, Path outputFile, Path log, Path summary) {
            this.process = process;
            this.outputFile = outputFile;
            this.log = log;
            this.summary = summary;
        }

        String outputSoFar() {
            try {
                return Files.readString(outputFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        /** Waits until the output shows a line matching {@code seen}. */
        void awaitLine(Predicate<String> seen, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                if (outputSoFar().lines().anyMatch(seen)) return;
                if (!process.isAlive()) fail("run ended before the expected line; output:\n" + outputSoFar());
                Thread.sleep(50);
            }
            process.destroyForcibly();
            fail("no expected line within " + limit + "; output:\n" + outputSoFar());
        }

        /**
         * Sends the run {@code SIGINT} (Ctrl-C) or {@code SIGTERM}, as {@code kill -NAME pid}. Ctrl-C first checks the
         * run did not say it ignores it: a test JVM started with SIGINT ignored (nohup, or {@code &} from a script)
         * passes that on to the run, and its Ctrl-C would then time out without saying why.
         */
        void signal(String name) throws IOException, InterruptedException {
            if (name.equals("INT") && outputSoFar().contains(Main.WILL_NOT_STOP))
                fail("these tests were started with SIGINT ignored (nohup, or & from a script), and so was the run:"
                        + " Ctrl-C cannot be tested; run them in the foreground\n" + outputSoFar());
            kill(name);
        }

        /** {@code kill -NAME pid}, unchecked: for a test of what an ignored signal does. */
        void kill(String name) throws IOException, InterruptedException {
            new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .start()
                    .waitFor();
        }

        Result await(Duration limit) throws InterruptedException {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail("run.sh did not finish within " + limit + "; output:\n" + outputSoFar());
            }
            return new Result(
                    process.exitValue(), outputSoFar(), log, summary, Duration.ofNanos(System.nanoTime() - startNanos));
        }
    }

    private Launcher() {}

    /** Registers a user on the emulator the way any client would (POST /obp/v3.0.0/users). */
    static void createUser(ObpEmulator emulator, String username, String password)
            throws IOException, InterruptedException {
        String body =
                BodyTemplate.CREATE_USER.fill(Map.of(BodyTemplate.USERNAME, username, BodyTemplate.PASSWORD, password));
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/obp/v3.0.0/users"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) fail("could not create " + username + ": " + r.statusCode() + " " + r.body());
    }

    /** Flags that point a run at the emulator with short timeouts, then the test's own flags. */
    static List<String> against(ObpEmulator emulator, String... flags) {
        List<String> args =
                new ArrayList<>(List.of("--host", emulator.baseUrl(), "--consumer", emulator.consumerKey()));
        args.addAll(Arrays.asList(flags));
        return args;
    }

    static Result run(List<String> args, Duration limit) throws IOException, InterruptedException {
        return start(args).await(limit);
    }

    /** With extra environment variables: how a test hands a run its server and secrets (never on a command line). */
    static Result run(List<String> args, Duration limit, Map<String, String> env)
            throws IOException, InterruptedException {
        return start(args, env).await(limit);
    }

    static Running start(List<String> args) throws IOException {
        return start(args, Map.of());
    }

    /** As a shell script's background job, or nohup, starts it: with SIGINT ignored, which the run inherits. */
    static Running startIgnoringCtrlC(List<String> args) throws IOException {
        return start(List.of("bash", "-c", "trap '' INT; exec \"$@\"", "bash"), args, Map.of());
    }

    /** Where runs keep an auto-created user's credentials: under target/, never the developer's own. */
    static final Path CREDENTIALS = OUT.resolve("credentials");

    /** With extra environment variables (set after the developer's OBP_* ones are dropped). */
    static Running start(List<String> args, Map<String, String> extraEnv) throws IOException {
        return start(List.of(), args, extraEnv);
    }

    /** Through {@code launcher} (a command that runs the rest of its arguments), when not empty. */
    private static Running start(List<String> launcher, List<String> args, Map<String, String> extraEnv)
            throws IOException {
        Files.createDirectories(OUT);
        String id = UUID.randomUUID().toString().substring(0, 8);
        Path log = OUT.resolve(id + ".log");
        Path summary = OUT.resolve(id + ".json");
        Path output = OUT.resolve(id + ".out");
        // JUnit XML and Markdown beside the summary (<id>-junit.xml, <id>.md), not in the project root.
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(
                "./run.sh",
                "--log",
                log.toString(),
                "--summary",
                summary.toString(),
                "--junit",
                OUT.resolve(id + "-junit.xml").toString(),
                "--markdown",
                OUT.resolve(id + ".md").toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("OBP_"));
        env.put("OBP_ENV_FILE", OUT.resolve("no-such.env").toString());
        // Tests keep no history unless they ask for it (a --history flag outranks this).
        env.put("OBP_HISTORY", "off");
        // Run what this test JVM runs: no rebuild of target/test-classes under its feet.
        env.put("OBP_SKIP_BUILD", "1");
        env.put("OBP_CLASSPATH", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        env.put("OBP_CREDENTIALS_DIR", CREDENTIALS.toString());
        env.putAll(extraEnv);
        return new Running(pb.start(), output, log, summary);
    }
}
