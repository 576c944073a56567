package obp.loadtest.setup;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import obp.loadtest.obp.ApiVersions;
import obp.loadtest.obp.Operation;
import obp.loadtest.obp.ServerFacts;
import obp.loadtest.obp.V7Endpoint;
import obp.loadtest.report.Redactor;
import obp.loadtest.setup.ObpClient.Answer;

/**
 * Learns the server before any load, from what it publishes (docs/obp-api.md §1): the versions it
 * serves ({@code GET /obp/v4.0.0/api/versions}, confirmed by the newest one's root), the endpoints it
 * has (its resource docs when they answer in time; otherwise, and for what they do not list, an
 * unauthenticated request to each endpoint: OBP routes before it authenticates, so a missing one is 404
 * OBP-10404 and a present one 401), and, once logged in, the roles it knows with their scope
 * ({@code GET .../roles}). Nothing is created: every request here reads, or is refused unauthenticated.
 */
public final class Preflight {

    /** Where OBP lists its versions; served from v4.0.0 on, so older versions cannot hide it. */
    static final String API_VERSIONS = "/obp/v4.0.0/api/versions";
    /** Resource docs can take long to build (and never come on some servers): the probes are quicker. */
    static final Duration RESOURCE_DOCS_BUDGET = Duration.ofSeconds(2);
    /** OBP's "no such URI": the one answer that says an endpoint is absent. */
    static final String NOT_FOUND_CODE = "OBP-10404";

    private final ObpClient obp;

    public Preflight(ObpClient obp) {
        this.obp = obp;
    }

    /**
     * Versions, root and endpoints, for the calls of {@code phases} (cleanup's always) and, when the
     * server serves v7.0.0 and {@code sweep} is not empty, the v7 sweep's endpoints. Roles come later
     * ({@link #withRoles}): reading them needs a login.
     */
    public ServerFacts learn(Set<Operation.Phase> phases, List<V7Endpoint> sweep, boolean needsV7) {
        try {
            return learnAll(phases, sweep, needsV7);
        } catch (CompletionException e) {
            if (e.getCause() instanceof SetupFailure f) throw f;
            throw e;
        }
    }

    private ServerFacts learnAll(Set<Operation.Phase> phases, List<V7Endpoint> sweep, boolean needsV7) {
        long start = System.nanoTime();
        List<String> versions = versions();
        // Said before anything else is asked: the run cannot go on.
        if (needsV7 && !versions.contains(ApiVersions.V7))
            throw new SetupFailure(
                    "preflight",
                    0,
                    "this server serves OBP " + ServerFacts.range(versions) + "; the v7 sweep needs v7.0.0",
                    "--loop-v7 0 runs the accounts and consents phases on it; an OBP-API with v7.0.0 runs the sweep");
        String newest = versions.get(versions.size() - 1);
        CompletableFuture<Answer> rootAnswer = obp.get("preflight: root", "/obp/" + newest + "/root", (String) null);
        Map<String, Boolean> documented = new HashMap<>();
        String from = resourceDocs(newest, documented);
        JsonNode root = rootAnswer.join().body();

        // Every candidate of every call under the version it would be called at, and the sweep's endpoints.
        Map<String, CompletableFuture<Boolean>> present = new LinkedHashMap<>();
        Map<Operation, List<ServerFacts.Route>> candidates = new EnumMap<>(Operation.class);
        for (Operation op : Operation.values()) {
            // Setup creates the fixture account (and shares it) whatever runs, and cleanup removes what the run made.
            boolean needed = phases.contains(op.phase)
                    || op.phase == Operation.Phase.SETUP
                    || op.phase == Operation.Phase.CLEANUP
                    || op == Operation.CREATE_ACCOUNT;
            if (!needed) continue;
            String version = ApiVersions.newestUpTo(versions, op.version).orElse(newest);
            List<ServerFacts.Route> routes = new ArrayList<>();
            for (Operation.Endpoint e : op.candidates) {
                ServerFacts.Route r = new ServerFacts.Route(op, version, e);
                routes.add(r);
                present.computeIfAbsent(r.toString(), k -> has(r.verb(), r.path(), e.template(), documented));
            }
            candidates.put(op, routes);
        }
        boolean v7 = versions.contains(ApiVersions.V7);
        Map<String, CompletableFuture<Boolean>> sweepPresent = new LinkedHashMap<>();
        if (v7) {
            for (V7Endpoint e : sweep) sweepPresent.put(e.name(), has("GET", e.path(), e.template(), documented));
        }
        CompletableFuture.allOf(present.values().toArray(CompletableFuture[]::new))
                .join();
        CompletableFuture.allOf(sweepPresent.values().toArray(CompletableFuture[]::new))
                .join();

        Map<Operation, ServerFacts.Route> chosen = new EnumMap<>(Operation.class);
        candidates.forEach((op, routes) -> routes.stream()
                .filter(r -> present.get(r.toString()).join())
                .findFirst()
                .ifPresent(r -> chosen.put(op, r)));
        Set<String> missing = new HashSet<>();
        sweepPresent.forEach((name, f) -> {
            if (!f.join()) missing.add(name);
        });
        Set<Operation.Phase> looked = EnumSet.copyOf(phases.isEmpty() ? Set.of(Operation.Phase.CLEANUP) : phases);
        looked.add(Operation.Phase.SETUP);
        looked.add(Operation.Phase.CLEANUP);
        return new ServerFacts(
                versions,
                root.path("version").asText(newest),
                root.path("git_commit").asText(""),
                from,
                looked,
                chosen,
                null,
                missing,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** The facts with the server's roles, read as a logged-in user (unknown, and said so, when it cannot be read). */
    public ServerFacts withRoles(ServerFacts facts, String token) {
        long start = System.nanoTime();
        String newest = facts.versions().get(facts.versions().size() - 1);
        Map<String, Boolean> roles = roles("/obp/" + newest + "/roles", token)
                .or(() -> roles("/obp/v2.1.0/roles", token))
                .orElse(null);
        return new ServerFacts(
                facts.versions(),
                facts.rootVersion(),
                facts.gitCommit(),
                facts.endpointsFrom(),
                facts.phases(),
                facts.routes(),
                roles,
                facts.missingV7(),
                facts.preflightMs() + (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * The numbered OBP versions the server serves, oldest first: its own list, the newest confirmed by
     * its root; or, when it has no list, the known versions whose root answers.
     */
    List<String> versions() {
        Answer listed =
                obp.get("preflight: API versions", API_VERSIONS, (String) null).join();
        List<String> versions = new ArrayList<>();
        if (listed.status() == 200) {
            for (JsonNode v : listed.body().path("scanned_api_versions")) {
                String name = v.path("API_VERSION").asText("");
                if ("obp".equals(v.path("urlPrefix").asText())
                        && ApiVersions.isNumbered(name)
                        && !versions.contains(name)) versions.add(name);
            }
            versions.sort(ApiVersions.ORDER);
            // A listed version may be switched off (api_disabled_versions): its routes are gone, so its root
            // answers 404. Any other answer (a passing 500 on a loaded server) leaves the listed version in.
            while (!versions.isEmpty()
                    && rootStatus(versions.get(versions.size() - 1)).join() == 404)
                versions.remove(versions.size() - 1);
        }
        if (versions.isEmpty()) {
            Map<String, CompletableFuture<Boolean>> roots = new TreeMap<>(ApiVersions.ORDER);
            for (String v : ApiVersions.KNOWN) roots.put(v, rootAnswers(v));
            roots.forEach((v, ok) -> {
                if (ok.join()) versions.add(v);
            });
        }
        if (versions.isEmpty())
            throw new SetupFailure(
                    "preflight: API versions",
                    listed.status(),
                    "no OBP API version answers its root (" + Redactor.summarise(listed.status(), listed.body()) + ")",
                    "check --host: it should be the OBP-API's base URL, e.g. http://127.0.0.1:8080");
        return versions;
    }

    private CompletableFuture<Boolean> rootAnswers(String version) {
        return rootStatus(version).thenApply(status -> status == 200);
    }

    private CompletableFuture<Integer> rootStatus(String version) {
        return obp.get("preflight: root " + version, "/obp/" + version + "/root", (String) null)
                .thenApply(Answer::status);
    }

    /** Fills {@code documented} ("VERB /template" → true) from the resource docs; says where the endpoints came from. */
    private String resourceDocs(String version, Map<String, Boolean> documented) {
        String path = "/obp/" + version + "/resource-docs/" + version + "/obp";
        Answer a;
        try {
            a = obp.get("preflight: resource docs", path, null, RESOURCE_DOCS_BUDGET)
                    .join();
        } catch (CompletionException e) {
            return "probes (resource docs: no answer within " + RESOURCE_DOCS_BUDGET.toSeconds() + " s)";
        }
        JsonNode docs = a.body().path("resource_docs");
        if (a.status() != 200 || !docs.isArray())
            return "probes (resource docs: " + a.status() + " " + cut(Redactor.summarise(a.status(), a.body())) + ")";
        for (JsonNode d : docs)
            documented.put(
                    d.path("request_verb").asText() + " "
                            + d.path("request_url").asText(),
                    true);
        return "resource docs " + version + " (" + docs.size() + " endpoints)";
    }

    /** Listed in the resource docs, or else answered by the server as anything but OBP's "no such URI". */
    private CompletableFuture<Boolean> has(String verb, String path, String template, Map<String, Boolean> documented) {
        if (documented.containsKey(verb + " " + template)) return CompletableFuture.completedFuture(true);
        return obp.call("preflight: probe " + verb + " " + path, verb, path, null)
                .thenApply(a -> !(a.status() == 404 && a.text("message").startsWith(NOT_FOUND_CODE)));
    }

    private Optional<Map<String, Boolean>> roles(String path, String token) {
        Answer a;
        try {
            a = obp.get("preflight: roles", path, token).join();
        } catch (CompletionException e) {
            return Optional.empty();
        }
        if (a.status() != 200 || !a.body().path("roles").isArray()) return Optional.empty();
        Map<String, Boolean> roles = new TreeMap<>();
        for (JsonNode r : a.body().path("roles"))
            roles.put(r.path("role").asText(), r.path("requires_bank_id").asBoolean(false));
        return roles.isEmpty() ? Optional.empty() : Optional.of(roles);
    }

    private static String cut(String text) {
        return text.length() <= 80 ? text : text.substring(0, 79) + "…";
    }
}
