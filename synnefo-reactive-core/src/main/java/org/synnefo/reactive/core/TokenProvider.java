package org.synnefo.reactive.core;

import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * Supplies the {@code X-Auth-Token} of each request. Implementations never expose the token through
 * {@code toString()}; the HTTP layer never logs it or puts it in an exception.
 */
@FunctionalInterface
public interface TokenProvider {

    /**
     * The token to send with the next request.
     *
     * @return the token; an empty Mono means "send no token"
     */
    Mono<String> token();

    /**
     * Called once when a request sent with {@code rejectedToken} got a 401, so that a provider that can
     * refresh (re-authenticate) does so. The request is then sent once more with the returned token.
     *
     * @param rejectedToken the token the server rejected
     * @return a fresh token, or empty (the default) when this provider cannot refresh, in which case the
     *         401 is signalled to the caller
     */
    default Mono<String> refresh(String rejectedToken) {
        return Mono.empty();
    }

    /**
     * A provider of one fixed token.
     *
     * @param token the token
     * @return the provider
     */
    static TokenProvider of(String token) {
        Objects.requireNonNull(token, "token");
        Mono<String> value = Mono.just(token);
        return new TokenProvider() {
            @Override
            public Mono<String> token() {
                return value;
            }

            @Override
            public String toString() {
                return "TokenProvider[static, token=<redacted>]";
            }
        };
    }

    /**
     * A provider that sends no token (public endpoints such as {@code /resources}).
     *
     * @return the provider
     */
    static TokenProvider none() {
        return Mono::empty;
    }
}
