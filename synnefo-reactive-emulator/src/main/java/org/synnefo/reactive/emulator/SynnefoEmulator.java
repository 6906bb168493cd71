package org.synnefo.reactive.emulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.synnefo.reactive.emulator.internal.EmulatorContext;
import org.synnefo.reactive.emulator.internal.EmulatorState;
import org.synnefo.reactive.emulator.internal.FaultInjector;
import org.synnefo.reactive.emulator.internal.QuotaLedger;
import org.synnefo.reactive.emulator.internal.Router;
import org.synnefo.reactive.emulator.internal.ServiceHandler;
import org.synnefo.reactive.emulator.internal.astakos.AstakosServices;
import org.synnefo.reactive.emulator.internal.cyclades.CycladesServices;
import org.synnefo.reactive.emulator.internal.pithos.PithosServices;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * An embedded, Synnefo-compatible HTTP server: identity, account, compute, network, volume, image and
 * object-store APIs on one port, speaking the real wire protocol. Build one with {@link #builder()},
 * {@link Builder#start() start} it (port 0 by default picks a free port), point clients at
 * {@link #authUrl()} with one of {@link #users()}' tokens, and {@link #close()} it when done.
 */
public final class SynnefoEmulator implements AutoCloseable {

    /** The default Pithos block size, as in a stock Synnefo deployment: 4 MiB. */
    public static final int DEFAULT_BLOCK_SIZE = 4 * 1024 * 1024;
    /** The default Pithos block hash algorithm. */
    public static final String DEFAULT_BLOCK_HASH = "sha256";

    private final DisposableServer server;
    private final EmulatorState state;
    private final EmulatorContext context;
    private final FaultInjector faults;
    private final String baseUrl;

    private SynnefoEmulator(DisposableServer server, EmulatorState state, EmulatorContext context,
            FaultInjector faults, String baseUrl) {
        this.server = server;
        this.state = state;
        this.context = context;
        this.faults = faults;
        this.baseUrl = baseUrl;
    }

    /** A builder with two default users and in-memory storage. */
    public static Builder builder() {
        return new Builder();
    }

    /** The base URL every endpoint in the catalog starts with, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The identity endpoint to authenticate against: {@code <baseUrl>/identity/v2.0}. */
    public String authUrl() {
        return baseUrl + "/identity/v2.0";
    }

    /** The port the server is bound to. */
    public int port() {
        return server.port();
    }

    /** The users the emulator knows, the first being the default user. */
    public List<EmulatorUser> users() {
        return state.users();
    }

    /** The first user's token. */
    public String token() {
        return state.users().get(0).token();
    }

    /** The fault injector, to make the server misbehave on purpose. */
    public FaultInjector faults() {
        return faults;
    }

    /** Internal wiring, for the emulator's own services and seeding code; not a stable API. */
    public EmulatorContext context() {
        return context;
    }

    /** Stops the server and releases its port. */
    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }

    /** Configures and starts an emulator. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String publicUrl;
        private int blockSize = DEFAULT_BLOCK_SIZE;
        private String blockHash = DEFAULT_BLOCK_HASH;
        private Path dataDir;
        private Clock clock = Clock.systemUTC();
        private Duration stateDelay = Duration.ZERO;
        private final List<EmulatorUser> users = new ArrayList<>();

        private Builder() {
        }

        /** The address to bind; default 127.0.0.1 (loopback only). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** The port to bind; default 0 (a free port). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The base URL to advertise in the catalog and public links; default the server's own address. */
        public Builder publicUrl(String publicUrl) {
            this.publicUrl = publicUrl;
            return this;
        }

        /** The Pithos block size in bytes; default {@link #DEFAULT_BLOCK_SIZE}. */
        public Builder blockSize(int blockSize) {
            if (blockSize <= 0) {
                throw new IllegalArgumentException("blockSize must be positive");
            }
            this.blockSize = blockSize;
            return this;
        }

        /** The Pithos block hash algorithm; default {@code sha256}. */
        public Builder blockHash(String blockHash) {
            this.blockHash = Objects.requireNonNull(blockHash);
            return this;
        }

        /** Persist blocks and metadata under this directory; default none (in memory). */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** The clock for anything time-based; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** How long emulated asynchronous state changes take; default zero (immediate). */
        public Builder stateDelay(Duration stateDelay) {
            this.stateDelay = Objects.requireNonNull(stateDelay);
            return this;
        }

        /** Adds a user; when none is added two default users exist. */
        public Builder user(EmulatorUser user) {
            users.add(Objects.requireNonNull(user));
            return this;
        }

        /** Binds and starts the server; it accepts connections when this returns. */
        public SynnefoEmulator start() {
            List<EmulatorUser> all = new ArrayList<>(users);
            if (all.isEmpty()) {
                all.add(new EmulatorUser("5f3b2a9e-1c8d-4e7a-9b0c-2d6f8e1a3c57", "user@example.org",
                        "Example User", "user@example.org", "emulator-token-0001"));
                all.add(new EmulatorUser("a1c9e4d2-7b3f-4c8a-8e5d-6f2b9c0d1e34", "other@example.org",
                        "Other User", "other@example.org", "emulator-token-0002"));
            }
            EmulatorState state = new EmulatorState(all, clock, blockSize, blockHash, dataDir);
            EmulatorContext context = new EmulatorContext(state, new QuotaLedger(), stateDelay);
            List<ServiceHandler> handlers = new ArrayList<>();
            handlers.addAll(AstakosServices.create(context));
            handlers.addAll(PithosServices.create(context));
            handlers.addAll(CycladesServices.create(context));
            FaultInjector faults = new FaultInjector();
            Router router = new Router(state, handlers, faults);
            DisposableServer server = HttpServer.create()
                    .host(host)
                    .port(port)
                    .handle(router::handle)
                    .bindNow(Duration.ofSeconds(10));
            String own = "http://" + host + ":" + server.port();
            String advertised = publicUrl != null ? stripSlash(publicUrl) : own;
            state.publicBaseUrl(advertised);
            return new SynnefoEmulator(server, state, context, faults, advertised);
        }

        private static String stripSlash(String url) {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
    }
}
