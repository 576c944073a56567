package obp.loadtest.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this run has created on the server, recorded as it happens (setup and the Gatling loops
 * both write here), so the end of the run can remove it, even after a setup failure half-way. One
 * per process: a run is one JVM.
 */
public final class Ledger {

    private static final Ledger RUN = new Ledger();

    private volatile String baseUrl;
    private volatile String consumerKey;
    /** The user whose token removes things at the end: the bootstrap user, once logged in. */
    private volatile Fixture.User owner;

    private volatile String credentialsFile;
    /** Where cleanup's calls go on this server (the Go tool's endpoints until the preflight says otherwise). */
    private volatile obp.loadtest.obp.ServerFacts serverFacts = obp.loadtest.obp.ServerFacts.assumed();

    private volatile String bankId;
    private final Set<String> accounts = ConcurrentHashMap.newKeySet();
    private final Map<String, String> users = new ConcurrentHashMap<>();
    /** consent_id → still open (created, not yet revoked). */
    private final Map<String, Boolean> consents = new ConcurrentHashMap<>();

    private final List<String> order = new ArrayList<>();

    Ledger() {}

    public static Ledger run() {
        return RUN;
    }

    void server(String url, String key) {
        baseUrl = url;
        consumerKey = key;
    }

    void owner(Fixture.User user, String keptAt) {
        owner = user;
        credentialsFile = keptAt;
    }

    void serverFacts(obp.loadtest.obp.ServerFacts facts) {
        serverFacts = facts;
    }

    obp.loadtest.obp.ServerFacts serverFacts() {
        return serverFacts;
    }

    void bank(String id) {
        bankId = id;
    }

    /** A throwaway user (not the bootstrap user, which is kept for reuse or belongs to the operator). */
    void user(String userId, String username) {
        users.put(userId, username);
        synchronized (order) {
            order.add(userId);
        }
    }

    public void account(String accountId) {
        if (accountId != null && !accountId.isBlank()) accounts.add(accountId);
    }

    public void consentCreated(String consentId) {
        if (consentId != null && !consentId.isBlank()) consents.putIfAbsent(consentId, true);
    }

    public void consentRevoked(String consentId) {
        if (consentId != null) consents.computeIfPresent(consentId, (k, open) -> false);
    }

    String baseUrl() {
        return baseUrl;
    }

    String consumerKey() {
        return consumerKey;
    }

    Fixture.User owner() {
        return owner;
    }

    String credentialsFile() {
        return credentialsFile;
    }

    String bankId() {
        return bankId;
    }

    List<String> accounts() {
        return List.copyOf(accounts);
    }

    List<String> users() {
        synchronized (order) {
            return List.copyOf(order);
        }
    }

    List<String> consents() {
        return List.copyOf(consents.keySet());
    }

    List<String> openConsents() {
        List<String> open = new ArrayList<>();
        consents.forEach((id, isOpen) -> {
            if (isOpen) open.add(id);
        });
        return open;
    }
}
