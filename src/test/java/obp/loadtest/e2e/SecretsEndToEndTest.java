package obp.loadtest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import obp.loadtest.e2e.Launcher.Result;
import obp.loadtest.e2e.Launcher.Running;
import obp.loadtest.emulator.EmulatorState;
import obp.loadtest.emulator.FaultPlan;
import obp.loadtest.emulator.ObpEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * No secret in anything a run writes, even against a server that echoes each rejected token in its
 * 401 (as OBP's directlogin.scala does) and forgets every token mid-run; and none on any command line.
 */
@Tag("e2e")
class SecretsEndToEndTest {

    private static final Duration LIMIT = Duration.ofMinutes(3);
    private ObpEmulator emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) emulator.kill();
    }

    @Test
    void noSecretReachesConsoleLogSummaryOrReportWhenTokensAreInvalidatedMidRunAndEchoed() throws Exception {
        emulator = ObpEmulator.start(FaultPlan.defaults().sandbox(true));
        long startedMs = System.currentTimeMillis();
        Running run = Launcher.start(Launcher.against(
                emulator,
                "--loop-accounts",
                "1",
                "--loop-consents",
                "2",
                "--workers-v7",
                "2",
                "--users-v7",
                "2",
                "--duration-v7",
                "6s",
                "--pool-sample-interval",
                "200ms",
                "--stall-probe",
                "false",
                "--request-timeout",
                "5s",
                "--live",
                "all"));
        run.awaitLine(l -> l.contains("GET /users/current 200"), LIMIT);
        Set<String> secrets = new LinkedHashSet<>();
        secrets.addAll(EmulatorState.of(emulator).issuedTokens());
        secrets.addAll(EmulatorState.of(emulator).consentJwts());
        secrets.addAll(EmulatorState.of(emulator).passwords());
        secrets.add(emulator.consumerKey());
        emulator.invalidateTokens();
        Result r = run.await(LIMIT);

        assertTrue(
                secrets.size() >= 2 + 3 + 2 + 1,
                "tokens, consent JWTs, passwords and the consumer key: " + secrets.size());
        assertTrue(r.output().contains("GET /users/current 401"), "the sweep saw the rejected tokens:\n" + r.output());
        String summary = Files.readString(r.summaryFile());
        assertTrue(
                summary.contains("invalid or expired: ****"),
                "the pool sampler's echoed token reached the summary, masked:\n" + summary);
        assertTrue(r.output().contains("cleanup: warning:"), "cleanup met the invalidated token too:\n" + r.output());

        List<String> leaks = new ArrayList<>();
        leaks.addAll(leaks("console", r.output().getBytes(StandardCharsets.UTF_8), secrets));
        leaks.addAll(leaks("log", Files.readAllBytes(r.log()), secrets));
        leaks.addAll(leaks("summary", Files.readAllBytes(r.summaryFile()), secrets));
        List<Path> reports = reportFoldersSince(startedMs);
        assertEquals(1, reports.size(), "one Gatling report folder for this run: " + reports);
        int files = 0;
        try (Stream<Path> all = Files.walk(reports.get(0))) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                files++;
                leaks.addAll(leaks(f.toString(), Files.readAllBytes(f), secrets));
            }
        }
        assertTrue(
                files > 5 && Files.isRegularFile(reports.get(0).resolve("simulation.log")),
                "the report folder has its pages and simulation.log");
        assertEquals(List.of(), leaks);
    }

    @Test
    void noSecretOnAnyCommandLineDuringARun() throws Exception {
        emulator = ObpEmulator.start(FaultPlan.defaults().sandbox(true));
        String password = "Lt!9cmdLine7Q";
        Launcher.createUser(emulator, "ltcmdline01", password);
        Running run = Launcher.start(Launcher.against(
                emulator,
                "--username",
                "ltcmdline01",
                "--password",
                password,
                "--loop-accounts",
                "1",
                "--loop-consents",
                "1",
                "--loop-v7",
                "3",
                "--workers-v7",
                "2",
                "--users-v7",
                "2",
                "--stall-probe",
                "false"));
        // run.sh replaces its own command line (which held the flags) within milliseconds of starting.
        Thread.sleep(1000);
        Set<String> seen = new LinkedHashSet<>();
        Set<String> tokens = new LinkedHashSet<>();
        while (run.process.isAlive()) {
            seen.addAll(commandLines());
            tokens.addAll(EmulatorState.of(emulator).issuedTokens());
            Thread.sleep(100);
        }
        Result r = run.await(LIMIT);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(
                seen.stream().anyMatch(c -> c.contains("java") && c.contains("obp.loadtest.run.Main")),
                "run.sh's Gatling JVM was seen");
        Set<String> secrets = new LinkedHashSet<>(tokens);
        secrets.add(password);
        secrets.add(emulator.consumerKey());
        List<String> leaks = new ArrayList<>();
        for (String c : seen) {
            for (String s : secrets) {
                // Name the process, not the secret: a failing test must not print it either.
                if (c.contains(s))
                    leaks.add(c.replace(s, "<SECRET>")
                            .substring(0, Math.min(200, c.replace(s, "<SECRET>").length())));
            }
        }
        assertEquals(List.of(), leaks);
    }

    /** Every process's command line, arguments joined by spaces. */
    static Set<String> commandLines() {
        Set<String> out = new LinkedHashSet<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+"))
                    .toList()) {
                try {
                    byte[] raw = Files.readAllBytes(p.resolve("cmdline"));
                    if (raw.length > 0) out.add(new String(raw, StandardCharsets.UTF_8).replace('\0', ' '));
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list /proc", e);
        }
        return out;
    }

    /** Each secret found in {@code bytes} (as UTF-8), named by where it was. */
    static List<String> leaks(String where, byte[] bytes, Collection<String> secrets) {
        String haystack = new String(bytes, StandardCharsets.ISO_8859_1);
        List<String> found = new ArrayList<>();
        for (String s : secrets) {
            if (haystack.contains(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
                found.add(where + " holds " + s.substring(0, Math.min(6, s.length())) + "…");
            }
        }
        return found;
    }

    static List<Path> reportFoldersSince(long startedMs) throws IOException {
        Path root = Launcher.ROOT.resolve("target/gatling");
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory)
                    .filter(d -> d.toFile().lastModified() >= startedMs)
                    .toList();
        }
    }
}
