package obp.loadtest.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import obp.loadtest.config.Settings;
import obp.loadtest.verdict.Thresholds;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The pipelines in docs/ci parse, have every step a CI job needs, and use thresholds this version accepts. */
class PipelinesTest {

    private static final Path GITHUB = Path.of("docs/ci/github-actions.yml");
    private static final Path GITLAB = Path.of("docs/ci/gitlab-ci.yml");
    private static final List<String> ARTIFACTS = List.of(
            "last_run.html", "last_run.json", "last_run.md", "target/gatling/", "target/obp-loadtest/junit.xml");
    private static final Pattern THRESHOLD = Pattern.compile("--threshold '([^']*)'");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws Exception {
        return (Map<String, Object>) new Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertNotNull(o);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Map<String, Object> job) {
        return (List<Map<String, Object>>) job.get("steps");
    }

    private static Map<String, Object> step(Map<String, Object> job, String usesPrefix) {
        return steps(job).stream()
                .filter(s -> String.valueOf(s.get("uses")).startsWith(usesPrefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no step uses " + usesPrefix));
    }

    private static String runStep(Map<String, Object> job) {
        return steps(job).stream()
                .map(s -> String.valueOf(s.get("run")))
                .filter(r -> r.contains("./run.sh"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no step runs ./run.sh"));
    }

    @Test
    void githubWorkflowHasEveryStep() throws Exception {
        Map<String, Object> jobs = map(yaml(GITHUB).get("jobs"));
        assertEquals(List.of("smoke", "load-test"), new ArrayList<>(jobs.keySet()));
        for (String name : jobs.keySet()) {
            Map<String, Object> job = map(jobs.get(name));
            step(job, "actions/checkout@");
            Map<String, Object> java = map(step(job, "actions/setup-java@").get("with"));
            assertEquals("17", String.valueOf(java.get("java-version")));
            assertEquals("maven", java.get("cache"));
            String run = runStep(job);
            assertTrue(run.contains("--threshold"), run);
            assertNoSecretsOnTheCommandLine(run);
            Map<String, Object> junit = step(job, "mikepenz/action-junit-report@");
            assertEquals("always()", junit.get("if"), "results are published when the run fails too");
            assertEquals("target/obp-loadtest/junit.xml", map(junit.get("with")).get("report_paths"));
            Map<String, Object> upload = step(job, "actions/upload-artifact@");
            assertEquals("always()", upload.get("if"));
            List<String> paths = String.valueOf(map(upload.get("with")).get("path"))
                    .lines()
                    .map(String::trim)
                    .toList();
            assertTrue(paths.containsAll(ARTIFACTS), paths.toString());
            // The gate is run.sh's exit code: nothing may swallow it.
            Map<String, Object> runStep = steps(job).stream()
                    .filter(s -> String.valueOf(s.get("run")).contains("./run.sh"))
                    .findFirst()
                    .orElseThrow();
            assertFalse(runStep.containsKey("continue-on-error"), "the run step gates the job");
            assertFalse(run.contains("|| true"), run);
        }
        assertTrue(runStep(map(jobs.get("smoke"))).contains("--target emulator"));
        Map<String, Object> server = map(jobs.get("load-test"));
        assertTrue(runStep(server).contains("--target server"));
        Map<String, Object> env = map(server.get("env"));
        assertEquals("${{ secrets.OBP_API_HOST }}", env.get("OBP_API_HOST"));
        assertEquals("${{ secrets.OBP_CONSUMER_KEY }}", env.get("OBP_CONSUMER_KEY"));
    }

    @Test
    void gitlabJobsHaveEveryStep() throws Exception {
        Map<String, Object> file = yaml(GITLAB);
        Map<String, Object> template = map(file.get(".obp-loadtest"));
        assertTrue(
                String.valueOf(template.get("image")).matches("maven:.*temurin-17.*"),
                "JDK 17 and Maven: " + template.get("image"));
        Map<String, Object> artifacts = map(template.get("artifacts"));
        assertEquals("always", artifacts.get("when"), "artifacts are kept when the run fails too");
        assertTrue(((List<?>) artifacts.get("paths")).containsAll(ARTIFACTS), artifacts.toString());
        assertEquals(
                "target/obp-loadtest/junit.xml", map(artifacts.get("reports")).get("junit"));
        for (String name : List.of("obp-loadtest-smoke", "obp-loadtest")) {
            Map<String, Object> job = map(file.get(name));
            assertEquals(".obp-loadtest", job.get("extends"));
            assertFalse(job.containsKey("allow_failure"), "the job gates the pipeline");
            String script = String.join(
                    "\n",
                    ((List<?>) job.get("script")).stream().map(String::valueOf).toList());
            assertTrue(script.contains("./run.sh") && script.contains("--threshold"), script);
            assertNoSecretsOnTheCommandLine(script);
        }
        assertTrue(String.valueOf(map(file.get("obp-loadtest-smoke")).get("script"))
                .contains("--target emulator"));
        assertTrue(String.valueOf(map(file.get("obp-loadtest")).get("script")).contains("--target server"));
    }

    private static void assertNoSecretsOnTheCommandLine(String command) {
        for (String flag : List.of("--host", "--consumer", "--username", "--password", "secrets.", "$OBP_", "${OBP_")) {
            assertFalse(command.contains(flag), "secrets come from the environment, not the command line: " + command);
        }
    }

    @Test
    void everyThresholdInThePipelinesIsAcceptedByThisVersion() throws Exception {
        Settings defaults = Settings.load(new Settings.Layers(Map.of(), Map.of(), Map.of()));
        List<Thresholds.Endpoint> endpoints = RunEndpoints.of(defaults, true, true, true);
        for (Path file : List.of(GITHUB, GITLAB)) {
            Matcher m = THRESHOLD.matcher(Files.readString(file));
            int found = 0;
            while (m.find()) {
                found++;
                List<String> problems = new ArrayList<>();
                Thresholds.resolve(m.group(1), endpoints, problems);
                assertEquals(List.of(), problems, file + ": " + m.group(1));
            }
            assertTrue(found >= 4, file + " sets thresholds");
        }
    }

    @Test
    void theReadmeLinksThePipelines() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(
                readme.contains("(docs/ci/github-actions.yml)") && readme.contains("(docs/ci/gitlab-ci.yml)"),
                "README links docs/ci");
    }
}
