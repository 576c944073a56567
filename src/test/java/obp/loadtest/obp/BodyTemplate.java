package obp.loadtest.obp;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON bodies the run sends, one file each under {@code src/test/resources/bodies/}, with
 * {@code #{name}} placeholders inside JSON strings. Gatling fills them from session attributes of
 * the same names ({@code Timed.body(CREATE_ACCOUNT, LABEL)}); setup and tests fill them with
 * {@link #fill}, which JSON-escapes each value. Each body was checked against OBP's case classes
 * (docs/obp-api.md §2–4).
 */
public enum BodyTemplate {
    /** POST /obp/v3.0.0/users: username, password. */
    CREATE_USER("create-user.json"),
    /** POST /obp/v5.0.0/banks: bankId, bankCode. */
    CREATE_BANK("create-bank.json"),
    /** POST .../users/USER_ID/entitlements (v3.0.0 and v7.0.0): bankId ("" for a system role), roleName. */
    ADD_ENTITLEMENT("add-entitlement.json"),
    /** POST /obp/v4.0.0/banks/BANK_ID/accounts: label. OBP creates accounts with a zero balance only. */
    CREATE_ACCOUNT("create-account.json"),
    /** POST /obp/v3.0.0/banks/BANK_ID/accounts/ACCOUNT_ID/views: viewName (must start with "_"). */
    CREATE_VIEW("create-view.json"),
    /** POST /obp/v5.1.0/my/consents/IMPLICIT: bankId, accountId (the owner view of that account). */
    CREATE_CONSENT("create-consent.json"),
    /** POST /obp/v3.1.0/banks/BANK_ID/consents/CONSENT_ID/challenge: answer. */
    ANSWER_CONSENT_CHALLENGE("answer-consent-challenge.json"),
    /** POST /obp/v4.0.0/banks/BANK_ID/accounts/ACCOUNT_ID/account-access/grant: userId (to the system view owner). */
    GRANT_ACCOUNT_ACCESS("grant-account-access.json");

    // The placeholders, which are also the names of the Gatling session attributes the scenarios fill them from.
    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    public static final String BANK_ID = "bankId";
    public static final String BANK_CODE = "bankCode";
    public static final String ACCOUNT_ID = "accountId";
    public static final String ROLE_NAME = "roleName";
    public static final String LABEL = "label";
    public static final String VIEW_NAME = "viewName";
    public static final String ANSWER = "answer";
    public static final String USER_ID = "userId";

    /** In a holder: an enum's constructor cannot read the enum's own static fields. */
    private static final class Syntax {
        static final Pattern PLACEHOLDER = Pattern.compile("#\\{([A-Za-z][A-Za-z0-9_]*)}");
    }

    private final String resource;
    private final String template;
    private final Set<String> placeholders = new LinkedHashSet<>();

    BodyTemplate(String file) {
        this.resource = "bodies/" + file;
        try (InputStream in = BodyTemplate.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("no body template " + resource + " on the classpath");
            this.template = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m = Syntax.PLACEHOLDER.matcher(template);
        while (m.find()) placeholders.add(m.group(1));
    }

    /**
     * The classpath path for Gatling's {@code ElFileBody}, once the session attributes a scenario
     * fills are exactly this body's placeholders: a scenario and a body that disagree fail when the
     * simulation is built, not as a 400 from the server mid-run.
     */
    public String resourceFilledBy(String... sessionKeys) {
        if (!placeholders().equals(Set.of(sessionKeys))) {
            throw new IllegalStateException(
                    resource + " takes " + placeholders() + ", the scenario fills " + List.of(sessionKeys));
        }
        return resource;
    }

    /** The session attributes (or {@link #fill} keys) the body needs. */
    public Set<String> placeholders() {
        return placeholders;
    }

    /**
     * The body with every {@code #{name}} replaced by {@code values.get(name)}, JSON-escaped. Every
     * placeholder needs a value and every value a placeholder, so a misspelt name fails at once.
     */
    public String fill(Map<String, String> values) {
        if (!placeholders.equals(values.keySet())) {
            throw new IllegalArgumentException(resource + " takes " + placeholders + ", given " + values.keySet());
        }
        Matcher m = Syntax.PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (m.find()) {
            String escaped = new String(JsonStringEncoder.getInstance().quoteAsString(values.get(m.group(1))));
            m.appendReplacement(out, Matcher.quoteReplacement(escaped));
        }
        return m.appendTail(out).toString();
    }
}
