package obp.loadtest.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import obp.loadtest.config.SettingSpec;
import obp.loadtest.config.SettingsCatalog;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** deploy/kubernetes checked offline: the manifests parse, pod k runs shard k+1 of N, and no secret is inlined. */
class KubernetesManifestsTest {

    private static final Path DIR = Path.of("deploy/kubernetes");

    @Test
    void indexedJobMapsTheCompletionIndexToTheShard() throws Exception {
        Map<String, Object> job = only("shards-job.yaml");
        assertEquals("Job", job.get("kind"));
        Map<String, Object> spec = map(job, "spec");
        assertEquals("Indexed", spec.get("completionMode"));
        int n = (int) spec.get("completions");
        assertEquals(n, spec.get("parallelism"), "every shard runs at once");
        assertEquals(0, spec.get("backoffLimit"), "a retried shard would load the server twice");
        Map<String, Object> container = container(job);
        String script = String.join("\n", strings(container.get("args")));
        assertTrue(
                script.contains("$((JOB_COMPLETION_INDEX + 1))"),
                "0-based completion index to 1-based shard: " + script);
        assertTrue(script.contains("--shard \"$shard/$SHARDS\""), script);
        assertTrue(script.contains("--summary \"/summaries/shard-$shard.json\""), script);
        assertEquals(String.valueOf(n), env(container).get("SHARDS").get("value"), "SHARDS equals completions");
        assertTrue(mounts(container).contains("/summaries"));
        // Shard 1..N for indexes 0..N-1, as the shell arithmetic does.
        for (int index = 0; index < n; index++) {
            assertEquals(
                    obp.loadtest.config.Shard.parse((index + 1) + "/" + n)
                            .orElseThrow()
                            .index(),
                    index + 1);
        }
    }

    @Test
    void mergeJobReadsEveryShardFromTheSameVolume() throws Exception {
        Map<String, Object> job = only("merge-job.yaml");
        String script = String.join("\n", strings(container(job).get("args")));
        assertTrue(script.contains("./run.sh merge") && script.contains("/summaries/shard-*.json"), script);
        assertEquals(claim(only("shards-job.yaml")), claim(job), "shards and merge share one volume");
        assertEquals(claim(job), map(only("summaries-pvc.yaml"), "metadata").get("name"));
    }

    /** Every secret setting that the manifests pass comes from a Secret; no manifest carries a Secret's data. */
    @Test
    void noSecretIsInlined() throws Exception {
        Set<String> secretEnv = SettingsCatalog.get().all().stream()
                .filter(SettingSpec::secret)
                .map(SettingSpec::env)
                .collect(Collectors.toSet());
        assertTrue(secretEnv.contains("OBP_CONSUMER_KEY") && secretEnv.contains("OBP_PASSWORD"), secretEnv.toString());
        List<String> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml"))
                    .sorted()
                    .toList();
        }
        assertFalse(files.isEmpty());
        int fromSecret = 0;
        for (String f : files) {
            for (Map<String, Object> doc : docs(f)) {
                assertFalse("Secret".equals(doc.get("kind")), f + " holds a Secret: create it with kubectl instead");
                if (!"Job".equals(doc.get("kind"))) continue;
                for (Map.Entry<String, Map<String, Object>> e :
                        env(container(doc)).entrySet()) {
                    boolean secret = secretEnv.contains(e.getKey());
                    if (!secret) continue;
                    assertFalse(e.getValue().containsKey("value"), f + ": " + e.getKey() + " is inlined");
                    assertNotNull(
                            map(map(e.getValue(), "valueFrom"), "secretKeyRef"),
                            f + ": " + e.getKey() + " not from a Secret");
                    fromSecret++;
                }
                String args = String.join("\n", strings(container(doc).get("args")));
                for (String flag : List.of("--password", "--consumer"))
                    assertFalse(args.contains(flag), f + " passes " + flag);
            }
        }
        assertTrue(fromSecret >= 2, "the shards take the consumer key and password from the Secret");
    }

    @Test
    void dockerfileBuildsFromAJdkImageWithMaven() throws Exception {
        String dockerfile = Files.readString(DIR.resolve("Dockerfile"));
        assertTrue(dockerfile.lines().anyMatch(l -> l.startsWith("FROM ") && l.contains("temurin-17")), dockerfile);
        assertTrue(dockerfile.contains("mvn -B -q -o test-compile"), dockerfile);
        assertFalse(
                dockerfile.contains("OBP_PASSWORD") || dockerfile.contains("OBP_CONSUMER_KEY"),
                "no secret in the image");
    }

    private static List<Map<String, Object>> docs(String file) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object d : new Yaml().loadAll(Files.readString(DIR.resolve(file)))) {
            if (d != null) out.add(cast(d));
        }
        return out;
    }

    private static Map<String, Object> only(String file) throws Exception {
        List<Map<String, Object>> d = docs(file);
        assertEquals(1, d.size(), file);
        return d.get(0);
    }

    private static Map<String, Object> container(Map<String, Object> job) {
        List<Object> containers =
                list(map(map(map(job, "spec"), "template"), "spec").get("containers"));
        assertEquals(1, containers.size());
        return cast(containers.get(0));
    }

    private static Map<String, Map<String, Object>> env(Map<String, Object> container) {
        Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        Object env = container.get("env");
        if (env != null) for (Object e : list(env)) out.put((String) cast(e).get("name"), cast(e));
        return out;
    }

    private static List<String> mounts(Map<String, Object> container) {
        return list(container.get("volumeMounts")).stream()
                .map(m -> (String) cast(m).get("mountPath"))
                .toList();
    }

    private static Object claim(Map<String, Object> job) {
        Object volume = list(map(map(map(job, "spec"), "template"), "spec").get("volumes"))
                .get(0);
        return map(cast(volume), "persistentVolumeClaim").get("claimName");
    }

    private static Map<String, Object> map(Map<String, Object> m, String key) {
        Object v = m.get(key);
        assertNotNull(v, "no " + key + " in " + m.keySet());
        return cast(v);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    private static List<String> strings(Object o) {
        return list(o).stream().map(String::valueOf).toList();
    }
}
