package org.synnefo.reactive.core;

import java.time.Duration;
import java.util.Objects;
import org.synnefo.reactive.core.http.SynnefoHttpClient;
import reactor.core.publisher.Mono;

/**
 * What every service client builder has in common: either a fixed endpoint and a token, or an
 * {@link EndpointResolver} (the Astakos client) that supplies both from the service catalog, plus the
 * shared {@link ClientOptions}. Service builders extend it and add their own settings.
 *
 * @param <B> the concrete builder type, returned by every setter
 */
public abstract class ServiceClientBuilder<B extends ServiceClientBuilder<B>> {

    private String endpoint;
    private TokenProvider tokens;
    private EndpointResolver resolver;
    private ClientOptions options;

    /** For subclasses. */
    protected ServiceClientBuilder() {
    }

    /**
     * Calls the service at a fixed API root (for example {@code https://cyclades.example.org/compute/v2.0}).
     *
     * @param url the API root URL
     * @return this builder
     */
    public B endpoint(String url) {
        this.endpoint = Objects.requireNonNull(url, "url");
        return self();
    }

    /**
     * @param token the user's token
     * @return this builder
     */
    public B token(String token) {
        this.tokens = TokenProvider.of(token);
        return self();
    }

    /**
     * @param provider the token provider
     * @return this builder
     */
    public B token(TokenProvider provider) {
        this.tokens = Objects.requireNonNull(provider, "provider");
        return self();
    }

    /**
     * Resolves the endpoint from the service catalog and the token from a resolver (the Astakos client),
     * sharing the resolver's options unless {@link #options} is set.
     *
     * @param endpointResolver the resolver
     * @return this builder
     */
    public B endpoints(EndpointResolver endpointResolver) {
        this.resolver = Objects.requireNonNull(endpointResolver, "endpointResolver");
        return self();
    }

    /**
     * @param clientOptions shared transport, resilience and observability options
     * @return this builder
     */
    public B options(ClientOptions clientOptions) {
        this.options = Objects.requireNonNull(clientOptions, "clientOptions");
        return self();
    }

    /**
     * The core HTTP client for what was set. With a resolver the catalog lookup is cached for the client's
     * life (the catalog does not change under a client), but a failed lookup is retried on the next call.
     *
     * @param serviceName a low-cardinality service name for observations, e.g. {@code compute}
     * @param serviceType the catalog type resolved with a resolver, e.g. {@code compute}
     * @return the HTTP client
     * @throws IllegalStateException when both or neither of endpoint and resolver are set
     * @throws NullPointerException when a fixed endpoint has no token
     */
    protected final SynnefoHttpClient httpClient(String serviceName, String serviceType) {
        if (resolver != null) {
            if (endpoint != null) {
                throw new IllegalStateException("set either endpoint(url) or endpoints(resolver), not both");
            }
            ClientOptions opts = options != null ? options : resolver.clientOptions();
            Mono<String> url = resolver.endpointUrl(serviceType)
                    .cache(v -> Duration.ofMillis(Long.MAX_VALUE), e -> Duration.ZERO, () -> Duration.ZERO);
            TokenProvider tp = tokens != null ? tokens : resolver.tokenProvider();
            return SynnefoHttpClient.create(serviceName, url, tp, opts);
        }
        if (endpoint == null) {
            throw new IllegalStateException("endpoint(url) or endpoints(resolver) is required");
        }
        Objects.requireNonNull(tokens, "token is required with endpoint(url)");
        String root = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        return SynnefoHttpClient.create(serviceName, root, tokens, options != null ? options : ClientOptions.defaults());
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
