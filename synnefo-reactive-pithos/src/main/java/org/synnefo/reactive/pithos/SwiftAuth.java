package org.synnefo.reactive.pithos;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.SynnefoException;
import org.synnefo.reactive.core.TokenProvider;
import org.synnefo.reactive.core.http.SynnefoHttpClient;
import org.synnefo.reactive.core.http.SynnefoRequest;
import org.synnefo.reactive.core.http.SynnefoResponse;
import org.synnefo.reactive.pithos.internal.Parse;
import reactor.core.publisher.Mono;

/**
 * OpenStack Swift's v1.0 authentication (tempauth, swauth and compatible): {@code GET <auth-url>} with
 * {@code X-Auth-User} / {@code X-Auth-Key} answers the storage URL ({@code X-Storage-Url}) and a token
 * ({@code X-Auth-Token} or {@code X-Storage-Token}).
 *
 * <p>Most callers never use this class directly but {@link PithosClient.Builder#swiftAuth(String, String,
 * String)}:
 *
 * <pre>{@code
 * PithosClient swift = PithosClient.builder()
 *         .swiftAuth("http://127.0.0.1:8089/auth/v1.0", "test:tester", "testing")
 *         .build();                         // account = the last segment of the storage URL (AUTH_test)
 * swift.withContainer("backups").uploadObject("db.dump", Path.of("db.dump"), UploadOptions.defaults());
 * }</pre>
 *
 * <p>Nothing is sent until the first call needs a token or the storage URL; the session is then cached.
 * {@link #tokenProvider()} re-authenticates when the server rejects the token (401, e.g. after a Swift
 * restart or when the token expired), once per request, as {@link TokenProvider#refresh(String)} defines;
 * a session about to expire ({@code X-Auth-Token-Expires}) is renewed before use. Concurrent callers share
 * one authentication round trip. A wrong user or key fails with the core's {@code UnauthorizedException}.
 * The key and tokens never appear in {@code toString()}, logs or exception messages. Thread-safe.
 */
public final class SwiftAuth {

    /** A session is renewed this long before the expiry the server announced. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

    private final String authUrl;
    private final String user;
    private final String key;
    private final SynnefoHttpClient http;
    private final Clock clock;
    private final AtomicReference<Mono<Session>> current = new AtomicReference<>();

    /**
     * What one authentication returned.
     *
     * @param token the token ({@code X-Auth-Token}, else {@code X-Storage-Token})
     * @param storageUrl the account's storage URL, e.g. {@code http://host:8080/v1/AUTH_test}
     * @param expiresAt when the server said the token expires, or null when it did not say
     */
    public record Session(String token, String storageUrl, Instant expiresAt) {

        /** Validates. */
        public Session {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(storageUrl, "storageUrl");
        }

        /** @return the storage URL without its last segment: the object-store root the client talks to */
        public String endpoint() {
            return splitStorageUrl(storageUrl)[0];
        }

        /** @return the account: the storage URL's last segment, decoded (e.g. {@code AUTH_test}) */
        public String account() {
            return splitStorageUrl(storageUrl)[1];
        }

        @Override
        public String toString() {
            return "SwiftAuth.Session[storageUrl=" + storageUrl + ", expiresAt=" + expiresAt
                    + ", token=<redacted>]";
        }
    }

    private SwiftAuth(String authUrl, String user, String key, ClientOptions options, Clock clock) {
        this.authUrl = Objects.requireNonNull(authUrl, "authUrl");
        this.user = Objects.requireNonNull(user, "user");
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = SynnefoHttpClient.create("swift-auth", authUrl, TokenProvider.none(),
                Objects.requireNonNull(options, "options"));
    }

    /**
     * @param authUrl the v1.0 auth URL, e.g. {@code http://127.0.0.1:8089/auth/v1.0}
     * @param user the user, e.g. {@code test:tester} (account:user for tempauth)
     * @param key the key (password)
     * @return the authenticator, with the default client options
     */
    public static SwiftAuth tempauth(String authUrl, String user, String key) {
        return tempauth(authUrl, user, key, ClientOptions.defaults());
    }

    /**
     * @param authUrl the v1.0 auth URL
     * @param user the user
     * @param key the key
     * @param options transport and resilience of the auth requests (share them with the client's)
     * @return the authenticator
     */
    public static SwiftAuth tempauth(String authUrl, String user, String key, ClientOptions options) {
        return new SwiftAuth(authUrl, user, key, options, Clock.systemUTC());
    }

    static SwiftAuth tempauth(String authUrl, String user, String key, ClientOptions options, Clock clock) {
        return new SwiftAuth(authUrl, user, key, options, clock);
    }

    /** @return the auth URL */
    public String authUrl() {
        return authUrl;
    }

    /** @return the user */
    public String user() {
        return user;
    }

    /**
     * Authenticates now (one round trip, not cached; {@link #session()} is the cached form).
     *
     * @return the new session
     */
    public Mono<Session> authenticate() {
        return http.exchange(SynnefoRequest.get().header("X-Auth-User", user).header("X-Auth-Key", key)
                .expect(200, 204).operation("swiftAuth")).map(this::session);
    }

    private Session session(SynnefoResponse r) {
        String token = r.headers().firstOrNull("X-Auth-Token");
        if (token == null || token.isEmpty()) {
            token = r.headers().firstOrNull("X-Storage-Token");
        }
        String storage = r.headers().firstOrNull("X-Storage-Url");
        if (token == null || token.isEmpty() || storage == null || storage.isEmpty()) {
            throw new SynnefoException("Swift auth at " + authUrl + " answered " + r.status()
                    + " without X-Auth-Token and X-Storage-Url: is this a v1.0 auth URL?");
        }
        splitStorageUrl(storage); // fail early on a storage URL without an account segment
        Instant expires = null;
        Long secs = Parse.longOrNull(r.headers().firstOrNull("X-Auth-Token-Expires"));
        if (secs != null) {
            expires = clock.instant().plusSeconds(secs);
        }
        return new Session(token, storage, expires);
    }

    /**
     * The cached session: authenticates on first use, and again when the cached one is about to expire.
     * A failed authentication is not cached.
     *
     * @return the session
     */
    public Mono<Session> session() {
        return Mono.defer(() -> {
            Mono<Session> m = cached();
            return m.flatMap(s -> s.expiresAt() != null
                    && !clock.instant().plus(EXPIRY_MARGIN).isBefore(s.expiresAt()) ? replace(m) : Mono.just(s));
        });
    }

    private Mono<Session> cached() {
        Mono<Session> m = current.get();
        if (m != null) {
            return m;
        }
        Mono<Session> fresh = newSession();
        return current.compareAndSet(null, fresh) ? fresh : current.get();
    }

    /** One shared round trip; an error is not cached (the next subscriber authenticates again). */
    private Mono<Session> newSession() {
        return Mono.defer(this::authenticate).cacheInvalidateIf(s -> false);
    }

    /** Replaces {@code seen} by a new session, unless another caller already replaced it. */
    private Mono<Session> replace(Mono<Session> seen) {
        Mono<Session> fresh = newSession();
        return current.compareAndSet(seen, fresh) ? fresh : current.get();
    }

    /** @return a session whose token is not {@code rejected} (re-authenticating when the cached one is) */
    private Mono<Session> refreshed(String rejected) {
        return Mono.defer(() -> {
            Mono<Session> seen = cached();
            return seen.flatMap(s -> s.token().equals(rejected) ? replace(seen) : Mono.just(s));
        });
    }

    /** @return the storage URL of the (cached) session */
    public Mono<String> storageUrl() {
        return session().map(Session::storageUrl);
    }

    /**
     * A token provider backed by the cached session: {@code refresh} re-authenticates when the rejected
     * token is the current one (and returns the newer one when another request already did).
     *
     * @return the provider
     */
    public TokenProvider tokenProvider() {
        return new TokenProvider() {
            @Override
            public Mono<String> token() {
                return session().map(Session::token);
            }

            @Override
            public Mono<String> refresh(String rejectedToken) {
                return refreshed(rejectedToken).map(Session::token);
            }

            @Override
            public String toString() {
                return "TokenProvider[swift tempauth " + user + ", token=<redacted>]";
            }
        };
    }

    /** @return {endpoint, account} of a storage URL such as {@code http://h/v1/AUTH_test} */
    static String[] splitStorageUrl(String storageUrl) {
        String u = storageUrl;
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        int slash = u.lastIndexOf('/');
        URI uri = URI.create(u);
        if (slash < 0 || uri.getRawPath() == null || uri.getRawPath().isEmpty() || slash < u.indexOf("://") + 3) {
            throw new SynnefoException("storage URL without an account segment: " + storageUrl);
        }
        return new String[] {u.substring(0, slash),
                URLDecoder.decode(u.substring(slash + 1), StandardCharsets.UTF_8)};
    }

    @Override
    public String toString() {
        return "SwiftAuth[" + authUrl + ", user=" + user + ", key=<redacted>]";
    }
}
