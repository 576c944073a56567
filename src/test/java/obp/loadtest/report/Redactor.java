package obp.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The one redactor: every secret the run learns (password, consumer key, each DirectLogin token,
 * each Consent-JWT, admin credentials) is registered here, and every text that leaves the process
 * (console, run log, summary JSON, setup-failure lines, pool-sample reasons) passes through
 * {@link #redact}, which replaces each with {@value #MASK}.
 *
 * Two patterns back the registry up for secrets the run never saw: a JWT-shaped string, and
 * whatever follows OBP's "DirectLogin token is invalid or expired:" (OBP appends the rejected
 * token there, see obp-api/src/main/scala/code/api/directlogin.scala).
 */
public final class Redactor {

    /** What every secret reads as once redacted; the settings mask with the same text. */
    public static final String MASK = obp.loadtest.config.Settings.MASK;

    /** Shorter values would mask ordinary words; no secret this tool handles is that short. */
    static final int MIN_LENGTH = 4;

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    /** The secrets longest first (so a secret containing another is masked whole), rebuilt on each new one. */
    private static volatile String[] longestFirst = new String[0];

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
    private static final Pattern ECHOED_TOKEN =
            Pattern.compile("(token is invalid or expired:?\\s*)[^\\s\"',;)\\]}]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern DIRECT_LOGIN_VALUE =
            Pattern.compile("((?:token|password|consumer_key)\\s*=\\s*\"?)[^\\s\",]+", Pattern.CASE_INSENSITIVE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Redactor() {}

    /** Remembers a secret for the rest of the process (null, blank and very short values are ignored). */
    public static void register(String secret) {
        if (secret == null || secret.isBlank() || secret.length() < MIN_LENGTH) return;
        boolean added = SECRETS.add(secret);
        // The same value as it reads inside a JSON string (a password may hold a quote or a backslash).
        String escaped = jsonEscaped(secret);
        if (!escaped.equals(secret)) added |= SECRETS.add(escaped);
        if (added) resort();
    }

    private static synchronized void resort() {
        String[] sorted = SECRETS.toArray(String[]::new);
        java.util.Arrays.sort(sorted, Comparator.comparingInt(String::length).reversed());
        longestFirst = sorted;
    }

    /** The text with every registered secret, JWT-shaped string and echoed token replaced by {@value #MASK}. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text;
        for (String s : longestFirst) {
            if (out.contains(s)) out = out.replace(s, MASK);
        }
        out = JWT.matcher(out).replaceAll(MASK);
        out = ECHOED_TOKEN
                .matcher(out)
                .replaceAll(m -> m.group(1).replace("\\", "\\\\").replace("$", "\\$") + MASK);
        out = DIRECT_LOGIN_VALUE
                .matcher(out)
                .replaceAll(m -> m.group(1).replace("\\", "\\\\").replace("$", "\\$") + MASK);
        return out;
    }

    /**
     * An OBP error answer as one safe phrase: its {@code message}, redacted; or, when the body has
     * no message, the status and the body's field names only, never its values (a body without a
     * message may be a {@code token} or {@code jwt} answer).
     */
    public static String summarise(int status, JsonNode json) {
        if (json == null || json.isMissingNode() || json.isNull()) return "status " + status + ", empty body";
        String message = json.path("message").asText("");
        if (!message.isBlank()) return redact(message);
        if (!json.isObject())
            return "status " + status + ", a JSON " + json.getNodeType().name().toLowerCase() + " without a message";
        Set<String> fields = new TreeSet<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) fields.add(it.next());
        return "status " + status + ", no message; fields: " + (fields.isEmpty() ? "none" : String.join(", ", fields));
    }

    /** Replaces System.out and System.err with redacting streams (idempotent). */
    public static synchronized void guardStandardStreams() {
        if (!(System.out instanceof Guarded)) System.setOut(new Guarded(System.out));
        if (!(System.err instanceof Guarded)) System.setErr(new Guarded(System.err));
    }

    /** Redacts whole lines before passing them on: System.out and System.err become one, so whatever prints (Gatling too) is redacted. */
    static final class Guarded extends PrintStream {
        Guarded(PrintStream target) {
            super(new LineRedactingStream(target), true, StandardCharsets.UTF_8);
        }
    }

    private static final class LineRedactingStream extends LineStream {
        private final PrintStream target;

        LineRedactingStream(PrintStream target) {
            this.target = target;
        }

        @Override
        protected void line(byte[] line) {
            target.print(redact(new String(line, StandardCharsets.UTF_8)));
            target.flush();
        }

        /** A PrintStream flushes after every print: a partial line waits for its end, so a secret split across prints is still seen whole. */
        @Override
        public synchronized void flush() {
            target.flush();
        }

        @Override
        public synchronized void close() {
            endPartialLine();
            target.flush();
        }
    }

    private static String jsonEscaped(String s) {
        try {
            String quoted = JSON.writeValueAsString(s);
            return quoted.substring(1, quoted.length() - 1);
        } catch (Exception e) {
            return s;
        }
    }
}
