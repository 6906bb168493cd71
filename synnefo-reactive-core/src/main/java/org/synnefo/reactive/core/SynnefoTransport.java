package org.synnefo.reactive.core;

import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.timeout.WriteTimeoutHandler;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.transport.ProxyProvider;
import reactor.netty.http.HttpResources;
import reactor.netty.http.client.HttpClient;

/**
 * The network resources shared by every client built on it: one named Reactor Netty connection pool
 * and one configured {@code HttpClient} (timeouts, TLS, proxy). Build one per application (or use
 * {@link #shared()}), hand it to every client through {@link ClientOptions}, and {@link #dispose()} it
 * at shutdown. Every default is a documented constant.
 */
public final class SynnefoTransport {

    /** Default pool name, visible in Reactor Netty's own metrics. */
    public static final String DEFAULT_NAME = "synnefo";
    /** The largest piece of a response body handed on at once (Netty's default is 8 KiB). */
    private static final int RESPONSE_PIECE_MAX = 1 << 20;
    /**
     * Default maximum connections per remote host: 64. Bulk transfers run 8 concurrent block requests
     * per file and several files at once; 64 keeps them all busy without swamping a server.
     */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    /**
     * Default pending-acquire queue: 8192 requests may wait for a connection, so that thousands of
     * waiters sharing one client queue instead of failing; beyond that, acquisition fails fast.
     */
    public static final int DEFAULT_PENDING_ACQUIRE_MAX_COUNT = 8192;
    /** Default time a request may wait for a pooled connection: 45 s. */
    public static final Duration DEFAULT_PENDING_ACQUIRE_TIMEOUT = Duration.ofSeconds(45);
    /** Default idle time before a pooled connection is closed: 30 s, below common server keep-alives. */
    public static final Duration DEFAULT_MAX_IDLE_TIME = Duration.ofSeconds(30);
    /** Default lifetime of a pooled connection: 5 min, so DNS and load-balancer changes are picked up. */
    public static final Duration DEFAULT_MAX_LIFE_TIME = Duration.ofMinutes(5);
    /** Default interval of the background eviction of idle and expired connections: 30 s. */
    public static final Duration DEFAULT_EVICTION_INTERVAL = Duration.ofSeconds(30);
    /** Default TCP connect timeout: 10 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Default response timeout (from the request being fully sent to the response headers, and between
     * body reads): 60 s, long enough for a server hashing a large hashmap.
     */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Default write timeout: 60 s. A request body write that makes no progress for this long (a server that
     * stopped reading, a dead peer) fails with a transient timeout instead of hanging forever; the response
     * timeout only starts once the request is fully sent, so it cannot catch this.
     */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(60);

    private static volatile SynnefoTransport shared;

    private final String name;
    private final ConnectionProvider provider;
    private final HttpClient httpClient;
    private final Duration responseTimeout;
    private final Map<String, ConnectionPoolMetrics> poolMetrics = new ConcurrentHashMap<>();

    private SynnefoTransport(Builder b) {
        this.name = b.name;
        this.responseTimeout = b.responseTimeout;
        this.provider = ConnectionProvider.builder(b.name)
                .maxConnections(b.maxConnections)
                .pendingAcquireMaxCount(b.pendingAcquireMaxCount)
                .pendingAcquireTimeout(b.pendingAcquireTimeout)
                .maxIdleTime(b.maxIdleTime)
                .maxLifeTime(b.maxLifeTime)
                .evictInBackground(b.evictionInterval)
                .metrics(true, () -> new ConnectionProvider.MeterRegistrar() {
                    @Override
                    public void registerMetrics(String poolName, String id, SocketAddress remoteAddress,
                            ConnectionPoolMetrics metrics) {
                        poolMetrics.put(id, metrics);
                    }

                    @Override
                    public void deRegisterMetrics(String poolName, String id, SocketAddress remoteAddress) {
                        poolMetrics.remove(id);
                    }
                })
                .build();
        HttpClient client = HttpClient.create(provider)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) b.connectTimeout.toMillis())
                .responseTimeout(b.responseTimeout)
                .doOnRequest((request, connection) -> {
                    // per request, because pooled connections drop per-request handlers on release
                    if (!b.writeTimeout.isZero()) {
                        connection.addHandlerLast("synnefo.writeTimeout",
                                new WriteTimeoutHandler(b.writeTimeout.toMillis(), TimeUnit.MILLISECONDS));
                    }
                })
                .keepAlive(true)
                .compress(false)
                // Netty's HTTP decoder cuts bodies into 8 KiB pieces by default, each one a trip through the
                // reactive chain (and, for downloads, a digest call and a copy): 128 Ki pieces per GiB.
                // With a larger bound a piece is whatever one socket read brought (up to 64 KiB).
                .httpResponseDecoder(spec -> spec.maxChunkSize(RESPONSE_PIECE_MAX));
        if (b.insecure) {
            SslContext insecure;
            try {
                insecure = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
            } catch (SSLException e) {
                throw new IllegalStateException("cannot build the insecure TLS context", e);
            }
            client = client.secure(spec -> spec.sslContext(insecure));
        } else if (b.sslContext != null) {
            SslContext ctx = b.sslContext;
            client = client.secure(spec -> spec.sslContext(ctx));
        }
        if (b.proxyHost != null) {
            String host = b.proxyHost;
            int port = b.proxyPort;
            String user = b.proxyUser;
            String password = b.proxyPassword;
            String nonProxy = b.nonProxyHosts;
            client = client.proxy(spec -> {
                ProxyProvider.Builder p = spec.type(ProxyProvider.Proxy.HTTP).host(host).port(port);
                if (user != null) {
                    p.username(user).password(u -> password);
                }
                if (nonProxy != null) {
                    p.nonProxyHosts(nonProxy);
                }
            });
        }
        this.httpClient = client;
    }

    /** @return a builder with the documented defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The process-wide default transport, created on first use with the documented defaults. Clients
     * built without an explicit transport share it. Disposing it is allowed; the next call creates a new one.
     *
     * @return the shared transport
     */
    public static SynnefoTransport shared() {
        SynnefoTransport s = shared;
        if (s == null || s.isDisposed()) {
            synchronized (SynnefoTransport.class) {
                s = shared;
                if (s == null || s.isDisposed()) {
                    s = builder().name(DEFAULT_NAME + "-shared").build();
                    shared = s;
                }
            }
        }
        return s;
    }

    /** @return the pool name */
    public String name() {
        return name;
    }

    /** @return the configured response timeout */
    public Duration responseTimeout() {
        return responseTimeout;
    }

    /**
     * The configured Reactor Netty client. For the library's own HTTP layer
     * ({@code org.synnefo.reactive.core.internal}); service modules never use it directly.
     *
     * @return the client
     */
    public HttpClient httpClient() {
        return httpClient;
    }

    /**
     * A snapshot of the pool, summed over all remote hosts: how many connections are acquired (in use),
     * idle, allocated, and how many requests wait for one. Lets tests and health checks prove that no
     * connection leaked.
     *
     * @return the snapshot
     */
    public PoolStats poolStats() {
        int acquired = 0;
        int idle = 0;
        int allocated = 0;
        int pending = 0;
        for (ConnectionPoolMetrics m : List.copyOf(poolMetrics.values())) {
            acquired += m.acquiredSize();
            idle += m.idleSize();
            allocated += m.allocatedSize();
            pending += m.pendingAcquireSize();
        }
        return new PoolStats(acquired, idle, allocated, pending);
    }

    /** @return whether {@link #dispose()} was called */
    public boolean isDisposed() {
        return provider.isDisposed();
    }

    /** Closes every pooled connection now. Clients built on this transport stop working. */
    public void dispose() {
        provider.dispose();
    }

    /** @return a Mono that closes every pooled connection when subscribed */
    public Mono<Void> disposeLater() {
        return provider.disposeLater();
    }

    /**
     * Stops the event-loop threads that every transport of the process shares (Reactor Netty's global loop
     * resources), for a program that is about to exit, such as a command-line tool after its work: while
     * those threads sit in {@code epoll_wait}, HotSpot's exit waits up to 300 ms for them to leave native
     * code. Subscribe after the transports are disposed; a transport used afterwards starts new loops. It
     * stops everything else on those loops as well: any Reactor Netty server or client of the process that
     * uses the default loop resources (a Spring WebFlux application, for one) must not use it.
     *
     * @param timeout how long the loops may take to stop
     * @return completes when the loops have stopped (or the timeout passed)
     */
    public static Mono<Void> shutdownSharedEventLoops(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return HttpResources.disposeLoopsAndConnectionsLater(Duration.ZERO, timeout);
    }

    @Override
    public String toString() {
        return "SynnefoTransport[" + name + ", " + poolStats() + "]";
    }

    /**
     * Connection pool figures.
     *
     * @param acquired connections in use
     * @param idle connections idle in the pool
     * @param allocated connections open (acquired + idle)
     * @param pendingAcquire requests waiting for a connection
     */
    public record PoolStats(int acquired, int idle, int allocated, int pendingAcquire) {
    }

    /** Builds a {@link SynnefoTransport}. */
    public static final class Builder {
        private String name = DEFAULT_NAME;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int pendingAcquireMaxCount = DEFAULT_PENDING_ACQUIRE_MAX_COUNT;
        private Duration pendingAcquireTimeout = DEFAULT_PENDING_ACQUIRE_TIMEOUT;
        private Duration maxIdleTime = DEFAULT_MAX_IDLE_TIME;
        private Duration maxLifeTime = DEFAULT_MAX_LIFE_TIME;
        private Duration evictionInterval = DEFAULT_EVICTION_INTERVAL;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
        private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
        private SslContext sslContext;
        private boolean insecure;
        private String proxyHost;
        private int proxyPort;
        private String proxyUser;
        private String proxyPassword;
        private String nonProxyHosts;

        private Builder() {
        }

        /** @param name the pool name @return this */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name);
            return this;
        }

        /** @param max connections per remote host (default {@value #DEFAULT_MAX_CONNECTIONS}) @return this */
        public Builder maxConnections(int max) {
            this.maxConnections = positive(max, "maxConnections");
            return this;
        }

        /** @param max requests that may wait for a connection; -1 for no limit @return this */
        public Builder pendingAcquireMaxCount(int max) {
            this.pendingAcquireMaxCount = max;
            return this;
        }

        /** @param timeout how long a request may wait for a connection @return this */
        public Builder pendingAcquireTimeout(Duration timeout) {
            this.pendingAcquireTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** @param idle idle time before a pooled connection is closed @return this */
        public Builder maxIdleTime(Duration idle) {
            this.maxIdleTime = Objects.requireNonNull(idle);
            return this;
        }

        /** @param life lifetime of a pooled connection @return this */
        public Builder maxLifeTime(Duration life) {
            this.maxLifeTime = Objects.requireNonNull(life);
            return this;
        }

        /** @param interval background eviction interval; {@link Duration#ZERO} disables it @return this */
        public Builder evictionInterval(Duration interval) {
            this.evictionInterval = Objects.requireNonNull(interval);
            return this;
        }

        /** @param timeout TCP connect timeout @return this */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** @param timeout response timeout @return this */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /**
         * @param timeout how long one write of a request body may make no progress; {@link Duration#ZERO}
         *        disables it (default {@link #DEFAULT_WRITE_TIMEOUT})
         * @return this
         */
        public Builder writeTimeout(Duration timeout) {
            if (Objects.requireNonNull(timeout).isNegative()) {
                throw new IllegalArgumentException("writeTimeout must not be negative");
            }
            this.writeTimeout = timeout;
            return this;
        }

        /** @param context a custom TLS context (own trust store, client certificates) @return this */
        public Builder sslContext(SslContext context) {
            this.sslContext = context;
            return this;
        }

        /**
         * Turns OFF TLS certificate verification. Anyone on the network path can then read and change
         * the traffic, tokens included. For test clouds with self-signed certificates only.
         *
         * @return this
         */
        public Builder insecureTrustAllCertificatesDangerous() {
            this.insecure = true;
            return this;
        }

        /**
         * Sends requests through an HTTP proxy.
         *
         * @param host proxy host
         * @param port proxy port
         * @return this
         */
        public Builder proxy(String host, int port) {
            this.proxyHost = Objects.requireNonNull(host);
            this.proxyPort = port;
            return this;
        }

        /** @param user proxy user @param password proxy password @return this */
        public Builder proxyCredentials(String user, String password) {
            this.proxyUser = user;
            this.proxyPassword = password;
            return this;
        }

        /** @param regex hosts that bypass the proxy (Java regex) @return this */
        public Builder nonProxyHosts(String regex) {
            this.nonProxyHosts = regex;
            return this;
        }

        /** @return the transport */
        public SynnefoTransport build() {
            return new SynnefoTransport(this);
        }

        private static int positive(int v, String what) {
            if (v <= 0) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return v;
        }
    }
}
