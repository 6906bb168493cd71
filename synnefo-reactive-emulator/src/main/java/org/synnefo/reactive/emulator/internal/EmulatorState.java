package org.synnefo.reactive.emulator.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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
