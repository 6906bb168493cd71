package org.synnefo.reactive.emulator.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.synnefo.reactive.emulator.EmulatorUser;

/**
 * The state shared by every emulated service: users and tokens, the quota ledger, the clock and
 * the server's configuration. Each service keeps its own resources; this object is what they
 * have in common.
 */
public final class EmulatorState {

    private final List<EmulatorUser> users = new CopyOnWriteArrayList<>();
    private final Map<String, EmulatorUser> byToken = new ConcurrentHashMap<>();
    private final Map<String, EmulatorUser> byUuid = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int blockSize;
    private final String blockHash;
    private final Path dataDir;
    private volatile String publicBaseUrl;
    private final Set<String> admins = ConcurrentHashMap.newKeySet();
    private final Set<String> inactive = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> tokenIssued = new ConcurrentHashMap<>();
    private volatile String serviceToken = DEFAULT_SERVICE_TOKEN;
    private volatile Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;

    /** The component (service) token accepted by the service-only account APIs unless configured. */
    public static final String DEFAULT_SERVICE_TOKEN = "emulator-service-token";
    /** How long a user token stays valid after the emulator starts, unless configured. */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofDays(30);

    public EmulatorState(List<EmulatorUser> users, Clock clock, int blockSize, String blockHash, Path dataDir) {
        this.clock = clock;
        this.blockSize = blockSize;
        this.blockHash = blockHash;
        this.dataDir = dataDir;
        users.forEach(this::addUser);
    }

    public void addUser(EmulatorUser user) {
        users.add(user);
        byToken.put(user.token(), user);
        byUuid.put(user.uuid(), user);
        tokenIssued.put(user.uuid(), clock.instant());
    }

    /** Adds a user who is a project administrator (approves applications, sees every project). */
    public void addAdmin(EmulatorUser user) {
        addUser(user);
        admins.add(user.uuid());
    }

    /** True when the user is a project administrator. */
    public boolean isAdmin(String uuid) {
        return uuid != null && admins.contains(uuid);
    }

    /** The regular users, without the administrators, in the order they were added. */
    public List<EmulatorUser> regularUsers() {
        return users.stream().filter(u -> !admins.contains(u.uuid())).toList();
    }

    /** Marks a user (in)active; an inactive user's token is refused with 401 "User inactive". */
    public void setActive(String uuid, boolean active) {
        if (active) {
            inactive.remove(uuid);
        } else {
            inactive.add(uuid);
        }
    }

    public boolean isActive(String uuid) {
        return !inactive.contains(uuid);
    }

    /** The component token of the service-only APIs ({@code /service_quotas}, commissions...). */
    public String serviceToken() {
        return serviceToken;
    }

    public void serviceToken(String token) {
        this.serviceToken = token;
    }

    public void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    /** When the user's token expires: issue time (the emulator's start) plus the token lifetime. */
    public Instant tokenExpires(EmulatorUser user) {
        return tokenIssued.getOrDefault(user.uuid(), Instant.EPOCH).plus(tokenLifetime);
    }

    /** Renews a user's token lifetime from now (the state's clock). */
    public void renewToken(String uuid) {
        tokenIssued.put(uuid, clock.instant());
    }

    /**
     * Throws the real 401 when the user may not use the API: inactive ("User inactive") or with an
     * expired token ("Authentication expired"), judged by the state's clock.
     */
    public void validate(EmulatorUser user) {
        if (!isActive(user.uuid())) {
            throw EmulatorFault.unauthorized("User inactive");
        }
        if (clock.instant().isAfter(tokenExpires(user))) {
            throw EmulatorFault.unauthorized("Authentication expired");
        }
    }

    public List<EmulatorUser> users() {
        return List.copyOf(users);
    }

    public Optional<EmulatorUser> userByToken(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(byToken.get(token));
    }

    public Optional<EmulatorUser> userByUuid(String uuid) {
        return uuid == null ? Optional.empty() : Optional.ofNullable(byUuid.get(uuid));
    }

    public Clock clock() {
        return clock;
    }

    public int blockSize() {
        return blockSize;
    }

    public String blockHash() {
        return blockHash;
    }

    /** The persistence directory, or {@code null} when everything is kept in memory. */
    public Path dataDir() {
        return dataDir;
    }

    /** The base URL advertised in the catalog and in public links, e.g. {@code http://127.0.0.1:8080}. */
    public String publicBaseUrl() {
        return publicBaseUrl;
    }

    public void publicBaseUrl(String url) {
        this.publicBaseUrl = url;
    }
}
