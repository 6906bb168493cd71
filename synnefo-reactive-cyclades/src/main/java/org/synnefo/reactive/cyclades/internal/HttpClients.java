package org.synnefo.reactive.cyclades.internal;

import java.time.Duration;
import java.util.Objects;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.EndpointResolver;
import org.synnefo.reactive.core.TokenProvider;
import org.synnefo.reactive.core.http.SynnefoHttpClient;
import reactor.core.publisher.Mono;

/**
 * Builds the core HTTP client of one service from what a client builder collected: either a fixed
 * endpoint and token, or a resolver (catalog). Not API.
 */
public final class HttpClients {

    private HttpClients() {
    }

    /**
     * @param serviceName low-cardinality service name for observations ({@code compute}...)
     * @param serviceType catalog type used with a resolver
     * @param endpoint fixed API root, or null
     * @param tokens token provider for a fixed endpoint, or null
     * @param resolver resolver, or null
     * @param options options, or null for the resolver's (or the defaults)
     * @return the HTTP client
     */
    public static SynnefoHttpClient build(String serviceName, String serviceType, String endpoint,
            TokenProvider tokens, EndpointResolver resolver, ClientOptions options) {
        if (resolver != null) {
            if (endpoint != null) {
                throw new IllegalStateException("set either endpoint(url) or endpoints(resolver), not both");
            }
            ClientOptions opts = options != null ? options : resolver.clientOptions();
            // The catalog does not change while a client lives; a failed lookup is retried on the next call.
            Mono<String> url = resolver.endpointUrl(serviceType)
                    .cache(v -> Duration.ofMillis(Long.MAX_VALUE), e -> Duration.ZERO, () -> Duration.ZERO);
            TokenProvider tp = tokens != null ? tokens : resolver.tokenProvider();
            return SynnefoHttpClient.create(serviceName, url, tp, opts);
        }
        Objects.requireNonNull(endpoint, "endpoint(url) or endpoints(resolver) is required");
        Objects.requireNonNull(tokens, "token is required with endpoint(url)");
        String root = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        return SynnefoHttpClient.create(serviceName, root, tokens, options != null ? options : ClientOptions.defaults());
    }
}
