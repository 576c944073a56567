package obp.loadtest.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The run's settings, layered lowest first: application.conf defaults, a preset's shape, .env in
 * the project root, environment variables, then {@code -Dobp.*} properties (which is what run.sh
 * turns flags into). The one place that reads parameters; everything else asks this.
 */
public final class Settings {

    public enum Target {
        EMULATOR,
        SERVER
    }

    /** Where a value came from, named the way the user spelled it. */
    public enum Source {
        DEFAULT,
        PRESET,
        DOTENV,
        ENV,
        FLAG
    }

    /** The raw layers, so tests can build any combination without touching the process. */
    public record Layers(Map<String, String> dotEnv, Map<String, String> env, Map<String, String> properties) {

        /** This process's layers: .env in the project root (or the file OBP_ENV_FILE names), env, -D. */
        public static Layers of(Path projectRoot) {
            Properties sys = System.getProperties();
            Map<String, String> props = new HashMap<>();
            for (String name : sys.stringPropertyNames()) {
                if (name.startsWith("obp.")) props.put(name, sys.getProperty(name));
            }
            String envFile = System.getenv("OBP_ENV_FILE");
            Path dotEnv = envFile == null || envFile.isBlank() ? projectRoot.resolve(".env") : Path.of(envFile);
            return new Layers(DotEnv.read(dotEnv), System.getenv(), props);
        }
    }

    private record Value(String raw, Source source) {}

    private final Map<String, Value> values;
    private final Map<String, Object> typed;
    private final Target target;
    private final Preset preset;

    private Settings(Map<String, Value> values, Map<String, Object> typed, Target target, Preset preset) {
        this.values = values;
        this.typed = Collections.unmodifiableMap(typed);
        this.target = target;
        this.preset = preset;
        // Each concern's record, read once from the validated values: nothing reads them by key afterwards.
        server = new Server(
                target, str("host").replaceAll("/+$", ""), secret("consumer-key"), str("username"), secret("password"));
        loops = new Loops(integer("loop-accounts"), integer("loop-consents"), integer("loop-v7"));
        sweep = new Sweep(
                integer("workers-v7"),
                integer("users-v7"),
                duration("duration-v7"),
                duration("ramp-v7"),
                integer("rate-v7"),
                bool("search-v7"),
                integer("search-max-workers"),
                duration("search-step-duration"),
                bool("stall-probe"),
                bool("calibration"),
                integer("stop-after-timeouts"),
                duration("pool-sample-interval"));
        timing = new Timing(duration("request-timeout"), duration("slow-threshold"), duration("stop-grace"));
        live = new Live(str("live").trim().toLowerCase(Locale.ROOT), integer("live-digest-rate"));
        outputs = new Outputs(
                path("summary"),
                path("log"),
                path("junit"),
                path("markdown"),
                str("baseline").isBlank() ? Optional.empty() : Optional.of(Path.of(str("baseline"))),
                str("thresholds"),
                bool("strict"),
                str("run-id"),
                Shard.parse(str("shard")),
                bool("keep"),
                path("credentials-dir"));
        verdictTuning = new VerdictTuning(
                decimal("verdict.cap-ratio"),
                decimal("verdict.unreachable-ratio"),
                decimal("verdict.spike-ratio"),
                decimal("verdict.inflation-factor"),
                duration("verdict.inflation-min"),
                decimal("verdict.pool-share"));
        telemetryUrl = Optional.of(str("telemetry")).filter(url -> !url.isBlank());
        dashboard = new Dashboard(bool("dashboard"), integer("dashboard-port"));
    }

    /** Settings of this process: .env in the working directory, the environment, -D properties. */
    public static Settings fromEnvironment() {
        return load(Layers.of(Path.of("").toAbsolutePath()));
    }

    public static Settings load(Layers layers) {
        SettingsCatalog catalog = SettingsCatalog.get();
        List<String> problems = new ArrayList<>();
        for (String name : layers.properties().keySet()) {
            if (name.startsWith("obp.") && catalog.byKey(name.substring(4)).isEmpty()) {
                problems.add("unknown setting -D" + name + " (see ./run.sh --help)");
            }
        }
        Map<String, Value> values = new LinkedHashMap<>();
        for (SettingSpec s : catalog.all()) {
            values.put(s.key(), layered(s, layers));
        }
        Preset preset = Preset.NONE;
        try {
            preset = Preset.valueOf(values.get("preset").raw().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(describe(catalog.require("preset"), values.get("preset"))
                    + " must be one of none, smoke, default, stress, soak, spike; got '"
                    + values.get("preset").raw() + "'");
        }
        for (Map.Entry<String, String> e : preset.shape().entrySet()) {
            if (values.get(e.getKey()).source() == Source.DEFAULT)
                values.put(e.getKey(), new Value(e.getValue(), Source.PRESET));
        }
        Map<String, Object> typed = new LinkedHashMap<>();
        for (SettingSpec s : catalog.all()) {
            Object parsed = parse(s, values.get(s.key()), problems);
            if (parsed != null) typed.put(s.key(), parsed);
        }
        Target target = resolveTarget(values, problems);
        if (problems.isEmpty()) checkCombinations(values, typed, target, problems);
        if (!problems.isEmpty()) throw new SettingsException(problems);
        // The embedded emulator's own checks of its section are the emulator's (run/SettingsCheck asks it).
        return new Settings(values, typed, target, preset);
    }

    /**
     * One section of the catalogue alone ({@code emulator}: the keys {@code emulator.*}), through the same
     * layers and with the same one-line messages, its keys without the prefix: what a program that is not
     * the load test (the standalone emulator) reads, so a bad load-test setting cannot stop it. An unknown
     * {@code -Dobp.<section>.*} property is a problem; every other setting is left unread.
     */
    public static Section section(Layers layers, String name) {
        String prefix = name + ".";
        SettingsCatalog catalog = SettingsCatalog.get();
        List<String> problems = new ArrayList<>();
        for (String property : layers.properties().keySet()) {
            if (property.startsWith("obp." + prefix)
                    && catalog.byKey(property.substring(4)).isEmpty()) {
                problems.add("unknown setting -D" + property + " (see the obp." + name
                        + " keys of src/test/resources/application.conf)");
            }
        }
        Map<String, Object> section = new LinkedHashMap<>();
        Map<String, Source> sources = new LinkedHashMap<>();
        for (SettingSpec s : catalog.all()) {
            if (!s.key().startsWith(prefix)) continue;
            Value v = layered(s, layers);
            Object parsed = parse(s, v, problems);
            String key = s.key().substring(prefix.length());
            if (parsed != null) section.put(key, plain(parsed));
            sources.put(key, v.source());
        }
        if (!problems.isEmpty()) throw new SettingsException(problems);
        return new Section(ConfigFactory.parseMap(section), sources);
    }

    /** A section's values (keys without the section's prefix) and where each came from. */
    public record Section(Config values, Map<String, Source> sources) {
        public Source source(String key) {
            return sources.getOrDefault(key, Source.DEFAULT);
        }
    }

    private static Value layered(SettingSpec s, Layers layers) {
        Value v = new Value(s.defaultValue(), Source.DEFAULT);
        if (layers.dotEnv().containsKey(s.env())) v = new Value(layers.dotEnv().get(s.env()), Source.DOTENV);
        if (layers.env().containsKey(s.env())) v = new Value(layers.env().get(s.env()), Source.ENV);
        if (layers.properties().containsKey(s.path()))
            v = new Value(layers.properties().get(s.path()), Source.FLAG);
        return v;
    }

    /** Names the spelling the user used, so the message points at what to change. */
    private static String describe(SettingSpec s, Value v) {
        return switch (v.source()) {
            case ENV -> s.env() + " (environment)";
            case DOTENV -> s.env() + " (in .env)";
            default -> s.flag();
        };
    }

    private static Object parse(SettingSpec s, Value v, List<String> problems) {
        String raw = v.raw().trim();
        String name = describe(s, v);
        switch (s.type()) {
            case INT -> {
                return number(raw, name, Integer::parseInt, n -> n >= 0, "0 or more", "a whole number", problems);
            }
            case DECIMAL -> {
                boolean unbounded =
                        s.key().startsWith("verdict.spike") || s.key().equals("verdict.inflation-factor");
                return number(
                        raw,
                        name,
                        Double::parseDouble,
                        d -> !(d < 0 || d > 1 && !unbounded),
                        "between 0 and 1",
                        "a number",
                        problems);
            }
            case BOOLEAN -> {
                switch (raw.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on", "1" -> {
                        return true;
                    }
                    case "false", "no", "off", "0" -> {
                        return false;
                    }
                    default -> {
                        problems.add(name + " must be true or false, got '" + raw + "'");
                        return null;
                    }
                }
            }
            case DURATION -> {
                Optional<Duration> d = Durations.parse(raw);
                if (d.isEmpty())
                    problems.add(name + " must be a duration like 500ms, 30s or 2m (a bare number is seconds), got '"
                            + raw + "'");
                return d.orElse(null);
            }
            case SECRET -> {
                return Secret.of(v.raw());
            }
            default -> {
                return v.raw();
            }
        }
    }

    /** A number setting, parsed and in range; null, with the problem added, when it is not a number or out of range. */
    private static <N> N number(
            String raw,
            String name,
            Function<String, N> parse,
            Predicate<N> inRange,
            String range,
            String kind,
            List<String> problems) {
        try {
            N n = parse.apply(raw);
            if (inRange.test(n)) return n;
            problems.add(name + " must be " + range + ", got '" + raw + "'");
        } catch (NumberFormatException e) {
            problems.add(name + " must be " + kind + ", got '" + raw + "'");
        }
        return null;
    }

    private static Target resolveTarget(Map<String, Value> values, List<String> problems) {
        String t = values.get("target").raw().trim().toLowerCase(Locale.ROOT);
        boolean hostConfigured = values.get("host").source() != Source.DEFAULT;
        switch (t) {
            case "emulator":
                return Target.EMULATOR;
            case "server":
                return Target.SERVER;
            case "auto":
                return hostConfigured ? Target.SERVER : Target.EMULATOR;
            default:
                problems.add(describe(SettingsCatalog.get().require("target"), values.get("target"))
                        + " must be auto, emulator or server, got '"
                        + values.get("target").raw() + "'");
                return Target.EMULATOR;
        }
    }

    private static void checkCombinations(
            Map<String, Value> values, Map<String, Object> typed, Target target, List<String> problems) {
        SettingsCatalog c = SettingsCatalog.get();
        String host = (String) typed.get("host");
        boolean hostOk = validHost(host);
        if (!hostOk) {
            problems.add(describe(c.require("host"), values.get("host"))
                    + " must be a URL like http://127.0.0.1:8080, got '" + host + "'");
        }
        if (hostOk && target == Target.SERVER && ((Secret) typed.get("consumer-key")).isBlank()) {
            problems.add("--consumer (OBP_CONSUMER_KEY) is required against a real server (" + host
                    + "); set it in .env, or drop --host to use the built-in emulator");
        }
        boolean hasUser = !((String) typed.get("username")).isEmpty();
        boolean hasPassword = !((Secret) typed.get("password")).reveal().isEmpty();
        if (hasUser != hasPassword) {
            problems.add("--username and --password go together: give both, or neither to auto-create a user");
        }
        boolean sweep = (int) typed.get("loop-v7") > 0 || !((Duration) typed.get("duration-v7")).isZero();
        int workers = (int) typed.get("workers-v7");
        int users = (int) typed.get("users-v7");
        if (!sweep && (int) typed.get("loop-accounts") == 0 && (int) typed.get("loop-consents") == 0) {
            problems.add("nothing to run: --loop-accounts, --loop-consents and --loop-v7 are all 0");
        }
        if (sweep && workers < 1)
            problems.add(describe(c.require("workers-v7"), values.get("workers-v7"))
                    + " must be at least 1 when the v7 sweep runs");
        if (sweep && users < 1)
            problems.add(describe(c.require("users-v7"), values.get("users-v7"))
                    + " must be at least 1 when the v7 sweep runs");
        if (sweep && users > workers && workers >= 1 && (int) typed.get("rate-v7") == 0) {
            problems.add("--users-v7 (" + users + ") is more than --workers-v7 (" + workers
                    + "): workers take users round-robin, so " + (users - workers) + " would never be used");
        }
        if ((boolean) typed.get("search-v7")) {
            if ((int) typed.get("search-max-workers") < 1)
                problems.add(describe(c.require("search-max-workers"), values.get("search-max-workers"))
                        + " must be at least 1");
            if (((Duration) typed.get("search-step-duration")).isZero())
                problems.add(describe(c.require("search-step-duration"), values.get("search-step-duration"))
                        + " must be more than 0");
            if ((int) typed.get("rate-v7") > 0)
                problems.add("--search-v7 steps concurrent workers (closed model): leave --rate-v7 at 0");
        }
        String live = ((String) typed.get("live")).trim().toLowerCase(Locale.ROOT);
        if (!List.of("all", "auto", "flags", "off").contains(live)) {
            problems.add(describe(c.require("live"), values.get("live")) + " must be all, auto, flags or off, got '"
                    + typed.get("live") + "'");
        }
        int port = (int) typed.get("dashboard-port");
        if (port < 0 || port > 65535) {
            problems.add(describe(c.require("dashboard-port"), values.get("dashboard-port"))
                    + " must be a port from 1 to 65535, or 0 for a free one");
        }
        if ((int) typed.get("rate-v7") > 0 && ((Duration) typed.get("duration-v7")).isZero()) {
            problems.add(describe(c.require("rate-v7"), values.get("rate-v7"))
                    + " starts sweeps for a time: give --duration-v7 too");
        }
        try {
            if (Shard.parse((String) typed.get("shard")).isPresent() && target == Target.EMULATOR) {
                problems.add(
                        "--shard splits one run over several generators against one server: give --host (each shard with the built-in emulator would load a server of its own)");
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        for (String key : List.of("request-timeout", "slow-threshold")) {
            if (((Duration) typed.get(key)).isZero())
                problems.add(describe(c.require(key), values.get(key)) + " must be more than 0");
        }
        String scope = ((String) typed.get("emulator.connection-scope")).toLowerCase(Locale.ROOT);
        if (!scope.equals("request") && !scope.equals("writes")) {
            problems.add(describe(c.require("emulator.connection-scope"), values.get("emulator.connection-scope"))
                    + " must be request or writes, got '" + scope + "'");
        }
        String baseline = (String) typed.get("baseline");
        if (!baseline.isBlank() && !Files.isRegularFile(Path.of(baseline))) {
            problems.add(
                    describe(c.require("baseline"), values.get("baseline")) + " names no file: '" + baseline + "'");
        }
    }

    static boolean validHost(String host) {
        try {
            URI uri = new URI(host);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && !uri.getHost().isBlank()
                    && (uri.getPath() == null
                            || uri.getPath().isEmpty()
                            || uri.getPath().equals("/"))
                    && uri.getQuery() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    // --- what the rest of the project reads ---------------------------------------------------

    /** The server and who the run logs in as. */
    public record Server(Target target, String host, Secret consumerKey, String username, Secret password) {}

    /** The accounts and consents phases' loops, and the v7 sweep's (0 skips a phase). */
    public record Loops(int accounts, int consents, int v7) {}

    /** The v7 sweep: its workers, users and shape, and what runs beside it. */
    public record Sweep(
            int workers,
            int users,
            Duration duration,
            Duration ramp,
            int rate,
            boolean search,
            int searchMaxWorkers,
            Duration searchStepDuration,
            boolean stallProbe,
            boolean calibration,
            int stopAfterTimeouts,
            Duration poolSampleInterval) {}

    /** What a request may take, and a stop's grace. */
    public record Timing(Duration requestTimeout, Duration slowThreshold, Duration stopGrace) {}

    /** The live console: all, auto, flags or off, and the digest's rate. */
    public record Live(String mode, int digestRate) {}

    /** Where the run writes, what it compares with and how it fails. */
    public record Outputs(
            Path summary,
            Path log,
            Path junit,
            Path markdown,
            Optional<Path> baseline,
            String thresholds,
            boolean strict,
            String runId,
            Optional<Shard> shard,
            boolean keep,
            Path credentialsDir) {}

    /** The verdict's tuning (docs/verdict.md). */
    public record VerdictTuning(
            double capRatio,
            double unreachableRatio,
            double spikeRatio,
            double inflationFactor,
            Duration inflationMin,
            double poolShare) {}

    /** The live page (--dashboard) and its port on 127.0.0.1 (0 = a free one). */
    public record Dashboard(boolean on, int port) {}

    private final Server server;
    private final Dashboard dashboard;
    private final Loops loops;
    private final Sweep sweep;
    private final Timing timing;
    private final Live live;
    private final Outputs outputs;
    private final VerdictTuning verdictTuning;
    private final Optional<String> telemetryUrl;

    public Server server() {
        return server;
    }

    public Loops loops() {
        return loops;
    }

    public Sweep sweep() {
        return sweep;
    }

    public Timing timing() {
        return timing;
    }

    public Live liveConsole() {
        return live;
    }

    public Outputs outputs() {
        return outputs;
    }

    public VerdictTuning verdictTuning() {
        return verdictTuning;
    }

    // --- shorthands of the records, what most of the project reads ----------------------------

    public boolean embedded() {
        return target == Target.EMULATOR;
    }

    public Preset preset() {
        return preset;
    }
    /** The server's base URL without a trailing slash (the configured host; the emulator's is chosen at start). */
    public String host() {
        return server.host();
    }

    public Secret consumerKey() {
        return server.consumerKey();
    }

    public String username() {
        return server.username();
    }

    public Secret password() {
        return server.password();
    }

    public int loopAccounts() {
        return loops.accounts();
    }

    public int loopConsents() {
        return loops.consents();
    }

    public int loopV7() {
        return loops.v7();
    }

    public int workersV7() {
        return sweep.workers();
    }

    public int usersV7() {
        return sweep.users();
    }

    public Duration durationV7() {
        return sweep.duration();
    }

    public Duration rampV7() {
        return sweep.ramp();
    }
    /** Sweeps started per second (open model); 0 = the closed model of --workers-v7. */
    public int rateV7() {
        return sweep.rate();
    }
    /** Capacity search: the v7 workers step up level by level instead of one load shape. */
    public boolean searchV7() {
        return sweep.search();
    }

    public int searchMaxWorkers() {
        return sweep.searchMaxWorkers();
    }

    public Duration searchStepDuration() {
        return sweep.searchStepDuration();
    }
    /** The v7 sweep's load shape, the whole run's (a shard's part: {@link LoadShape#share}). */
    public LoadShape loadShape() {
        return LoadShape.of(this);
    }
    /** all, auto, flags or off. */
    public String live() {
        return live.mode();
    }

    public int liveDigestRate() {
        return live.digestRate();
    }
    /** The sweep runs when it has loops to do or a duration to fill. */
    public boolean sweepRuns() {
        return loopV7() > 0 || !durationV7().isZero();
    }

    public Duration requestTimeout() {
        return timing.requestTimeout();
    }

    public Duration slowThreshold() {
        return timing.slowThreshold();
    }

    public boolean stallProbe() {
        return sweep.stallProbe();
    }

    public boolean strict() {
        return outputs.strict();
    }

    public int stopAfterTimeouts() {
        return sweep.stopAfterTimeouts();
    }

    /** After a stop, how long requests in flight may still end before they are abandoned. */
    public Duration stopGrace() {
        return timing.stopGrace();
    }

    public Duration poolSampleInterval() {
        return sweep.poolSampleInterval();
    }

    public Optional<Path> baseline() {
        return outputs.baseline();
    }

    public Path summaryFile() {
        return outputs.summary();
    }
    /** This generator's shard of the run (--shard I/N); empty when it runs the whole load. */
    public Optional<Shard> shard() {
        return outputs.shard();
    }
    /** --run-id as given (empty = derived from the shape, see {@link Shard#runId}). */
    public String runId() {
        return outputs.runId();
    }

    public Path logFile() {
        return outputs.log();
    }
    /** Leave what the run created on the server (no end-of-run cleanup). */
    public boolean keep() {
        return outputs.keep();
    }
    /** Where an auto-created bootstrap user's credentials are kept and looked for. */
    public Path credentialsDir() {
        return outputs.credentialsDir();
    }
    /** The user's thresholds as one string, ';'-separated (parsed and judged in verdict/Threshold). */
    public String thresholds() {
        return outputs.thresholds();
    }

    public Path junitFile() {
        return outputs.junit();
    }

    public Path markdownFile() {
        return outputs.markdown();
    }

    public double verdictCapRatio() {
        return verdictTuning.capRatio();
    }

    public double verdictUnreachableRatio() {
        return verdictTuning.unreachableRatio();
    }

    public double verdictSpikeRatio() {
        return verdictTuning.spikeRatio();
    }

    public double verdictInflationFactor() {
        return verdictTuning.inflationFactor();
    }

    public Duration verdictInflationMin() {
        return verdictTuning.inflationMin();
    }

    public double verdictPoolShare() {
        return verdictTuning.poolShare();
    }

    public boolean calibration() {
        return sweep.calibration();
    }

    /** The live page on 127.0.0.1 while the run lasts (report/LiveDashboard). */
    public boolean dashboard() {
        return dashboard.on();
    }

    /** The live page's port (0 = a free one). */
    public int dashboardPort() {
        return dashboard.port();
    }

    /** The Prometheus port's URL of the server's Telemetry, when the user named one (never a port it did not name). */
    public Optional<String> telemetryUrl() {
        return telemetryUrl;
    }

    /** The {@code obp.emulator} section with every value resolved through the layers (its secrets revealed: the emulator's own). */
    public Config emulator() {
        Map<String, Object> section = new LinkedHashMap<>();
        typed.forEach((key, v) -> {
            if (key.startsWith("emulator.")) section.put(key.substring("emulator.".length()), plain(v));
        });
        return ConfigFactory.parseMap(section);
    }

    /** What a masked secret reads as, here, in {@link Secret} and in {@code report/Redactor}. */
    public static final String MASK = "****";

    /** Every setting by config key, secrets masked: what may be printed or written to a summary. */
    public Map<String, Object> masked() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (SettingSpec s : SettingsCatalog.get().all()) {
            Object v = typed.get(s.key());
            if (v instanceof Duration d) v = Durations.format(d);
            // A secret prints itself masked (an empty one stays empty, so the summary shows none was given). The
            // report/Redactor, which the run registers secrets() with, masks them again wherever else they appear.
            if (v instanceof Secret secret) v = secret.toString();
            out.put(s.key(), v);
        }
        out.put("target", target.name().toLowerCase(Locale.ROOT));
        out.put("model-v7", rateV7() > 0 ? "open" : "closed");
        out.put("load-shape", loadShape().describe());
        return out;
    }

    /** The raw value of every secret setting (each consumer key of a comma-separated list too), for the redactor. */
    public List<String> secrets() {
        List<String> out = new ArrayList<>();
        typed.values().forEach(v -> {
            if (v instanceof Secret secret) out.addAll(secret.parts());
        });
        return out;
    }

    /** Where each setting that is not a built-in default came from, for the start-of-run banner. */
    public Map<String, String> overrides() {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, Object> shown = masked();
        values.forEach((key, v) -> {
            if (v.source() != Source.DEFAULT)
                out.put(key, shown.get(key) + " (" + v.source().name().toLowerCase(Locale.ROOT) + ")");
        });
        return out;
    }

    public Source source(String key) {
        return values.get(key).source();
    }

    /** A value as a typesafe Config holds it: a duration as written, a secret as itself. */
    private static Object plain(Object v) {
        if (v instanceof Duration d) return Durations.format(d);
        if (v instanceof Secret s) return s.reveal();
        return v;
    }

    private String str(String key) {
        return (String) typed.get(key);
    }

    private Secret secret(String key) {
        return (Secret) typed.get(key);
    }

    private int integer(String key) {
        return (int) typed.get(key);
    }

    private boolean bool(String key) {
        return (boolean) typed.get(key);
    }

    private Duration duration(String key) {
        return (Duration) typed.get(key);
    }

    private double decimal(String key) {
        return (double) typed.get(key);
    }

    private Path path(String key) {
        return Path.of(str(key));
    }
}
