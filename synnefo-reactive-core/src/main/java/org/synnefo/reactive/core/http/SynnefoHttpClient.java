package org.synnefo.reactive.core.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.EndpointResolver;
import org.synnefo.reactive.core.TokenProvider;
import org.synnefo.reactive.core.internal.HttpEngine;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one HTTP layer every service client uses: it resolves the service root, adds the token, runs the
 * request through observation, retry (idempotent requests and transient failures only), circuit breaker,
 * optional rate limiter and bulkhead, and turns any unexpected status into a typed
 * {@code SynnefoHttpException} parsed from the Synnefo fault envelope. Immutable and thread-safe; one
 * instance per service endpoint.
 */
public final class SynnefoHttpClient {

    private final String serviceName;
    private final Mono<String> baseUrl;
    private final TokenProvider tokens;
    private final ClientOptions options;
    private final HttpEngine engine;

    private SynnefoHttpClient(String serviceName, Mono<String> baseUrl, TokenProvider tokens, ClientOptions options) {
        this.serviceName = serviceName;
        this.baseUrl = baseUrl;
        this.tokens = tokens;
        this.options = options;
        this.engine = new HttpEngine(serviceName, baseUrl, tokens, options);
    }

    /**
     * A client for one service at a known root URL.
     *
     * @param serviceName a low-cardinality service name for observations and the breaker (e.g. {@code compute})
     * @param baseUrl the service's API root URL (no trailing slash needed)
     * @param tokens the token provider
     * @param options shared options (transport, resilience, observability)
     * @return the client
     */
    public static SynnefoHttpClient create(String serviceName, String baseUrl, TokenProvider tokens,
            ClientOptions options) {
        return create(serviceName, Mono.just(baseUrl), tokens, options);
    }

    /**
     * A client for one service whose root URL is resolved lazily (e.g. from the service catalog).
     *
     * @param serviceName a low-cardinality service name
     * @param baseUrl the root URL, resolved on each call (cache it upstream)
     * @param tokens the token provider
     * @param options shared options
     * @return the client
     */
    public static SynnefoHttpClient create(String serviceName, Mono<String> baseUrl, TokenProvider tokens,
            ClientOptions options) {
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(options, "options");
        return new SynnefoHttpClient(serviceName, baseUrl, tokens, options);
    }

    /**
     * A client for the catalog entry of {@code serviceType}, with the resolver's token and options.
     *
     * @param serviceName a low-cardinality service name
     * @param serviceType the catalog type, e.g. {@code object-store}
     * @param resolver the endpoint resolver (the Astakos client)
     * @return the client
     */
    public static SynnefoHttpClient fromResolver(String serviceName, String serviceType, EndpointResolver resolver) {
        return create(serviceName, resolver.endpointUrl(serviceType), resolver.tokenProvider(),
                resolver.clientOptions());
    }

    /** @return the service name */
    public String serviceName() {
        return serviceName;
    }

    /** @return the service root URL */
    public Mono<String> baseUrl() {
        return baseUrl;
    }

    /** @return the token provider */
    public TokenProvider tokenProvider() {
        return tokens;
    }

    /** @return the options */
    public ClientOptions options() {
        return options;
    }

    /**
     * Sends the request and aggregates the body. An unexpected status fails with a typed exception.
     *
     * @param request the request
     * @return the response
     */
    public Mono<SynnefoResponse> exchange(SynnefoRequest request) {
        return engine.exchange(request);
    }

    /**
     * Sends the request and decodes the JSON body; an empty body (204, HEAD) gives an empty Mono.
     *
     * @param request the request
     * @param type the body type
     * @param <T> the type
     * @return the decoded body
     */
    public <T> Mono<T> retrieve(SynnefoRequest request, Class<T> type) {
        Objects.requireNonNull(type, "type");
        return exchange(request).handle((r, sink) -> {
            if (r.body().length > 0) {
                sink.next(r.as(type));
            }
        });
    }

    /**
     * Sends the request and decodes the JSON body; an empty body gives an empty Mono.
     *
     * @param request the request
     * @param type the body type
     * @param <T> the type
     * @return the decoded body
     */
    public <T> Mono<T> retrieve(SynnefoRequest request, TypeReference<T> type) {
        Objects.requireNonNull(type, "type");
        return exchange(request).handle((r, sink) -> {
            if (r.body().length > 0) {
                sink.next(r.as(type));
            }
        });
    }

    /**
     * Sends the request and parses the JSON body as a tree; an empty body gives an empty Mono.
     *
     * @param request the request
     * @return the tree
     */
    public Mono<JsonNode> retrieveJson(SynnefoRequest request) {
        return exchange(request).handle((r, sink) -> {
            if (r.body().length > 0) {
                sink.next(r.json());
            }
        });
    }

    /**
     * Sends the request and discards the body.
     *
     * @param request the request
     * @return completion
     */
    public Mono<Void> send(SynnefoRequest request) {
        return exchange(request).then();
    }

    /**
     * Sends the request and streams the body to {@code handler} without aggregating it. The handler gets
     * the response head (status and headers, empty body) and the body as heap {@link ByteBuffer}s it owns.
     * Unexpected statuses fail before the handler is called; retries apply only up to that point (a body
     * that breaks midway fails the returned Flux with a transient {@code SynnefoTransportException}, and
     * the caller decides, e.g. re-fetching one block). Cancelling releases the connection.
     *
     * @param request the request
     * @param handler maps head and body to the results
     * @param <T> the result type
     * @return the results
     */
    public <T> Flux<T> exchangeStreaming(SynnefoRequest request,
            BiFunction<SynnefoResponse, Flux<ByteBuffer>, Publisher<T>> handler) {
        return engine.exchangeStreaming(request, handler);
    }

    /**
     * Like {@link #exchangeStreaming}, but without copying the body: for handlers that copy or digest each
     * chunk at once (into a buffer of their own, a hash, a file channel), which saves one allocation and
     * one copy of every received byte.
     *
     * <p><b>The chunks are transient.</b> Each {@link ByteBuffer} is a read-only view of a network
     * buffer that is <b>valid only during the {@code onNext} call that delivers it</b>: the network
     * buffer is released, and its memory reused for other data, as soon as that call returns. The handler
     * must therefore consume every chunk synchronously inside {@code onNext} ({@code map},
     * {@code doOnNext}, {@code handle}, {@code reduce} into its own storage) and must never keep one,
     * queue it or hand it to another thread: no {@code publishOn}, {@code buffer}, {@code collectList},
     * {@code flatMap}/{@code concatMap} over the chunks themselves, no returning the chunks as results.
     * A chunk kept past its {@code onNext} silently reads other data later. When in doubt, use
     * {@link #exchangeStreaming}, whose chunks the handler owns.
     *
     * <p>Everything else is as in {@link #exchangeStreaming}: unexpected statuses fail before the handler
     * is called, retries apply only up to that point, cancelling releases the connection (and the buffers
     * not yet delivered).
     *
     * @param request the request
     * @param handler maps head and body to the results, consuming each chunk inside its {@code onNext}
     * @param <T> the result type
     * @return the results
     */
    public <T> Flux<T> exchangeStreamingTransient(SynnefoRequest request,
            BiFunction<SynnefoResponse, Flux<ByteBuffer>, Publisher<T>> handler) {
        return engine.exchangeStreamingTransient(request, handler);
    }

    @Override
    public String toString() {
        return "SynnefoHttpClient[" + serviceName + "]";
    }
}
