package org.synnefo.reactive.emulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.synnefo.reactive.emulator.internal.AdminService;
import org.synnefo.reactive.emulator.internal.Endpoints;
import org.synnefo.reactive.emulator.internal.EmulatorContext;
import org.synnefo.reactive.emulator.internal.EmulatorState;
import org.synnefo.reactive.emulator.internal.FaultInjector;
import org.synnefo.reactive.emulator.internal.QuotaLedger;
import org.synnefo.reactive.emulator.internal.Router;
import org.synnefo.reactive.emulator.internal.ServiceHandler;
import org.synnefo.reactive.emulator.internal.astakos.AstakosServices;
import org.synnefo.reactive.emulator.internal.astakos.ProjectRegistry;
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
    /** The default component (service) token of the service-only account APIs. */
    public static final String DEFAULT_SERVICE_TOKEN = EmulatorState.DEFAULT_SERVICE_TOKEN;
    /** The largest request head (request line plus headers) accepted, in bytes; larger ones get 431. */
    public static final int MAX_HEADER_SIZE = 16 * 1024;
    /** The default project administrator (approves project applications). */
    public static final EmulatorUser DEFAULT_ADMIN = new EmulatorUser("0d6c3a52-8f4e-4b1a-9c7d-3e5f1a2b4c68",
            "admin@example.org", "Emulator Admin", "admin@example.org", "emulator-admin-token");

    private final DisposableServer server;
    private final EmulatorState state;
    private final EmulatorContext context;
    private final FaultInjector faults;
    private final String baseUrl;
    private final String localUrl;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SynnefoEmulator(DisposableServer server, EmulatorState state, EmulatorContext context,
            FaultInjector faults, String baseUrl, String localUrl) {
        this.server = server;
        this.localUrl = localUrl;
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

    /** The server's own address (not the advertised one), for seeding over loopback. */
    String localUrl() {
        return localUrl;
    }

    /** The identity endpoint to authenticate against: {@code <baseUrl>/identity/v2.0}. */
    public String authUrl() {
        return baseUrl + Endpoints.IDENTITY;
    }

    /** The port the server is bound to. */
    public int port() {
        return server.port();
    }

    /** The regular users the emulator knows (not the administrator), the first being the default user. */
    public List<EmulatorUser> users() {
        return state.regularUsers();
    }

    /** The first user's token. */
    public String token() {
        return users().get(0).token();
    }

    /** The project administrator: approves and denies project applications, sees every project. */
    public EmulatorUser adminUser() {
        return state.users().stream().filter(u -> state.isAdmin(u.uuid())).findFirst().orElseThrow();
    }

    /** The component token accepted by {@code /service_quotas}, commissions and service user catalogs. */
    public String serviceToken() {
        return state.serviceToken();
    }

    /**
     * The fault injector, to make the server misbehave on purpose: {@code faults().add(FaultRule...)},
     * {@code clear()}, and counters of how often each rule matched and fired.
     */
    public FaultInjector faults() {
        return faults;
    }

    /** Seeds and adjusts projects and their capacities; the same as {@link EmulatorProjects#of}. */
    public EmulatorProjects projects() {
        return new EmulatorProjects(context.lookup(ProjectRegistry.class).orElseThrow());
    }

    /** Deactivates (or reactivates) a user: an inactive user's token is refused with 401 "User inactive". */
    public void setUserActive(String uuid, boolean active) {
        state.setActive(uuid, active);
    }

    /** Internal wiring, for the emulator's own services and seeding code; not a stable API. */
    public EmulatorContext context() {
        return context;
    }

    /** Blocks the calling thread until the server is closed (for the standalone main; never on an event loop). */
    public void awaitClose() {
        server.onDispose().block();
    }

    /**
     * Stops the server, releases its port, then closes what the services hold (the Pithos journal
     * file when there is a data directory), so another emulator may open the same data directory in
     * this JVM. Closing twice does nothing more.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.disposeNow(Duration.ofSeconds(5));
        } finally {
            context.closeAll();
        }
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
        private EmulatorUser admin = DEFAULT_ADMIN;
        private String serviceToken = DEFAULT_SERVICE_TOKEN;
        private Duration tokenLifetime = EmulatorState.DEFAULT_TOKEN_LIFETIME;
        private boolean adminApi;
        private final Map<String, ResourceCapacity> systemCapacities =
                new LinkedHashMap<>(EmulatorProjects.DEFAULT_SYSTEM_CAPACITIES);

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

        /**
         * How long emulated asynchronous state changes take (a server build with its {@code progress}
         * rising from 0 to 100, a shutdown, a port or volume becoming ready), judged by the
         * {@link #clock(Clock) clock}; default zero (immediate). A few seconds looks realistic in a demo.
         */
        public Builder stateDelay(Duration stateDelay) {
            if (stateDelay.isNegative()) {
                throw new IllegalArgumentException("stateDelay must not be negative");
            }
            this.stateDelay = stateDelay;
            return this;
        }

        /** Adds a user; when none is added two default users exist. */
        public Builder user(EmulatorUser user) {
            users.add(Objects.requireNonNull(user));
            return this;
        }

        /** The project administrator; default {@link #DEFAULT_ADMIN}. */
        public Builder admin(EmulatorUser admin) {
            this.admin = Objects.requireNonNull(admin);
            return this;
        }

        /** The component token of the service-only account APIs; default {@link #DEFAULT_SERVICE_TOKEN}. */
        public Builder serviceToken(String serviceToken) {
            this.serviceToken = Objects.requireNonNull(serviceToken);
            return this;
        }

        /** How long user tokens are valid after the start (judged by the clock); default 30 days. */
        public Builder tokenLifetime(Duration tokenLifetime) {
            this.tokenLifetime = Objects.requireNonNull(tokenLifetime);
            return this;
        }

        /** Serves the admin API under {@code /_emulator} (fault rules over HTTP); default off. */
        public Builder adminApi(boolean enabled) {
            this.adminApi = enabled;
            return this;
        }

        /**
         * The capacity every system project gets for a resource (both project and member limit); defaults
         * are {@link EmulatorProjects#DEFAULT_SYSTEM_CAPACITIES}.
         */
        public Builder systemProjectCapacity(String resource, long capacity) {
            systemCapacities.put(Objects.requireNonNull(resource), ResourceCapacity.of(capacity));
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
            state.addAdmin(admin);
            state.serviceToken(serviceToken);
            state.tokenLifetime(tokenLifetime);
            QuotaLedger ledger = new QuotaLedger();
            systemCapacities.forEach((r, c) ->
                    ledger.defaultCapacity(r, new QuotaLedger.Capacity(c.projectCapacity(), c.memberCapacity())));
            EmulatorContext context = new EmulatorContext(state, ledger, stateDelay);
            List<ServiceHandler> handlers = new ArrayList<>();
            try {
                handlers.addAll(AstakosServices.create(context));
                handlers.addAll(PithosServices.create(context));
                handlers.addAll(CycladesServices.create(context));
            } catch (RuntimeException e) {
                context.closeAll();
                throw e;
            }
            FaultInjector faults = new FaultInjector();
            Router router = new Router(state, handlers, faults, adminApi ? new AdminService(faults) : null);
            DisposableServer server;
            try {
                server = HttpServer.create()
                        .host(host)
                        .port(port)
                        .httpRequestDecoder(spec -> spec.maxHeaderSize(MAX_HEADER_SIZE)
                                .maxInitialLineLength(MAX_HEADER_SIZE))
                        .handle(router::handle)
                        .bindNow(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                // the services are open (the journal): a failed bind must not leak them
                context.closeAll();
                throw e;
            }
            String own = "http://" + host + ":" + server.port();
            String advertised = publicUrl != null ? stripSlash(publicUrl) : own;
            state.publicBaseUrl(advertised);
            return new SynnefoEmulator(server, state, context, faults, advertised, own);
        }

        private static String stripSlash(String url) {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
    }
}
