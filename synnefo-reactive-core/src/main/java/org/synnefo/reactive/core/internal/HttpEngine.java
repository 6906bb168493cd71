package org.synnefo.reactive.core.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.RetryOptions;
import org.synnefo.reactive.core.SynnefoException;
import org.synnefo.reactive.core.TokenProvider;
import org.synnefo.reactive.core.UnauthorizedException;
import org.synnefo.reactive.core.http.ResponseHeaders;
import org.synnefo.reactive.core.http.SynnefoRequest;
import org.synnefo.reactive.core.http.SynnefoResponse;
import org.synnefo.reactive.core.json.SynnefoJson;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.util.retry.Retry;

/**
 * Executes {@link SynnefoRequest}s over the transport's Reactor Netty client. The pipeline of one call:
 * operation observation, then retry (idempotent requests, transient failures), then per attempt the
 * endpoint's breaker, rate limiter and bulkhead, then the attempt observation around one exchange (plus
 * at most one re-send after a 401 when the token provider refreshes).
 *
 * <p>Logs (System.Logger {@value #LOGGER_NAME}, DEBUG only) carry the method, the token-free URL, the
 * status and the attempt; never a header value or a token.
 */
public final class HttpEngine {

    /** The System.Logger name of the HTTP layer. */
    public static final String LOGGER_NAME = "org.synnefo.reactive.core.http";

    private static final System.Logger LOG = System.getLogger(LOGGER_NAME);
    private static final byte[] EMPTY = new byte[0];

    private final String serviceName;
    private final Mono<String> baseUrl;
    private final TokenProvider tokens;
    private final ClientOptions options;
    private final Resilience resilience;
    private final Instrumentation instrumentation;

    /**
     * Creates the engine of one client.
     *
     * @param serviceName the low-cardinality service name
     * @param baseUrl the service root URL, resolved per call
     * @param tokens the token provider
     * @param options the shared options
     */
    public HttpEngine(String serviceName, Mono<String> baseUrl, TokenProvider tokens, ClientOptions options) {
        this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.options = Objects.requireNonNull(options, "options");
        this.resilience = Resilience.of(options);
        this.instrumentation = new Instrumentation(serviceName, options.observationRegistry(),
                options.meterRegistry());
    }

    /**
     * Sends the request and aggregates the body.
     *
     * @param request the request
     * @return the response (expected status) or a typed error
     */
    public Mono<SynnefoResponse> exchange(SynnefoRequest request) {
        Objects.requireNonNull(request, "request");
        // single(), not Mono.from(): the latter cancels upstream after the value, which would tag a
        // successful operation as cancelled and could abort the pooled connection
        return execute(request, this::sendAggregated).single();
    }

    /**
     * Sends the request and streams the body to the handler.
     *
     * @param request the request
     * @param handler maps the head and the body chunks to results
     * @param <T> the result type
     * @return the results
     */
    public <T> Flux<T> exchangeStreaming(SynnefoRequest request,
            BiFunction<SynnefoResponse, Flux<ByteBuffer>, Publisher<T>> handler) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(handler, "handler");
        return execute(request, (call, token, attempt) -> sendStreaming(call, token, attempt, handler, false));
    }

    /**
     * Sends the request and streams the body to the handler as transient views of the received network
     * buffers: each {@link ByteBuffer} is read-only and valid only while the handler's {@code onNext}
     * for it runs (the network buffer is released right after). The handler must consume each buffer
     * synchronously and keep no reference to it.
     *
     * @param request the request
     * @param handler maps the head and the body chunks to results; consumes each chunk inside onNext
     * @param <T> the result type
     * @return the results
     */
    public <T> Flux<T> exchangeStreamingTransient(SynnefoRequest request,
            BiFunction<SynnefoResponse, Flux<ByteBuffer>, Publisher<T>> handler) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(handler, "handler");
        return execute(request, (call, token, attempt) -> sendStreaming(call, token, attempt, handler, true));
    }

    /** The per-call facts every stage needs. */
    private record Call(SynnefoRequest request, String wireUrl, String safeUrl, String endpointKey,
            Instrumentation.State operation, AtomicBoolean refreshed) {
        String method() {
            return request.method().name();
        }
    }

    @FunctionalInterface
    private interface Sender<T> {
        Flux<T> send(Call call, String token, Instrumentation.State attempt);
    }

    private <T> Flux<T> execute(SynnefoRequest request, Sender<T> sender) {
        return Flux.defer(() -> {
            Instrumentation.State op = new Instrumentation.State();
            Flux<T> flow = baseUrl
                    .switchIfEmpty(Mono.error(() -> new SynnefoException(
                            "no base URL for service '" + serviceName + "'")))
                    .flatMapMany(base -> {
                        String wire = Urls.wireUrl(base, request);
                        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
                        Call call = new Call(request, wire, Urls.redact(wire), serviceName + " " + Urls.redact(trimmed),
                                op, new AtomicBoolean());
                        Flux<T> attempt = Flux.defer(() -> attemptWithAuth(call, sender));
                        Flux<T> guarded = resilience.decorate(attempt, call.endpointKey())
                                .onErrorMap(e -> !(e instanceof BodyPhaseFailure),
                                        e -> Errors.map(e, call.method(), call.safeUrl(), serviceName, null));
                        return withRetry(guarded, call).onErrorMap(BodyPhaseFailure.class, Throwable::getCause);
                    });
            return instrumentation.operation(flow, request, op);
        });
    }

    private <T> Flux<T> attemptWithAuth(Call call, Sender<T> sender) {
        return tokens.token()
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMapMany(tok -> {
                    String token = tok.filter(t -> !t.isEmpty()).orElse(null);
                    Flux<T> first = instrumentedSend(call, token, sender);
                    if (token == null) {
                        return first;
                    }
                    return first.onErrorResume(
                            e -> e instanceof UnauthorizedException && call.refreshed().compareAndSet(false, true),
                            e -> tokens.refresh(token)
                                    .map(Optional::of)
                                    .defaultIfEmpty(Optional.empty())
                                    .flatMapMany(fresh -> fresh.isPresent() && !fresh.get().isEmpty()
                                            ? logRefresh(call).thenMany(instrumentedSend(call, fresh.get(), sender))
                                            : Flux.error(e)));
                });
    }

    private static Mono<Void> logRefresh(Call call) {
        return Mono.fromRunnable(() -> LOG.log(Level.DEBUG, () -> call.method() + " " + call.safeUrl()
                + " got 401: sending once more with a refreshed token"));
    }

    private <T> Flux<T> instrumentedSend(Call call, String token, Sender<T> sender) {
        return Flux.defer(() -> {
            Instrumentation.State attempt = new Instrumentation.State();
            Flux<T> f = sender.send(call, token, attempt)
                    .onErrorMap(e -> !(e instanceof BodyPhaseFailure),
                            e -> Errors.map(e, call.method(), call.safeUrl(), serviceName, token))
                    .doOnError(e -> logFailure(call, BodyPhaseFailure.unwrap(e)));
            return instrumentation.attempt(f, call.request(), attempt);
        });
    }

    private static void logFailure(Call call, Throwable e) {
        LOG.log(Level.DEBUG, () -> call.method() + " " + call.safeUrl() + " failed: " + e.getClass().getSimpleName()
                + ": " + e.getMessage());
    }

    private <T> Flux<T> withRetry(Flux<T> source, Call call) {
        RetryOptions ro = options.retry();
        if (ro.maxAttempts() <= 1 || !call.request().isIdempotent()) {
            return source;
        }
        return source.retryWhen(Retry.from(signals -> signals.concatMap(signal -> {
            Throwable failure = signal.failure();
            long retries = signal.totalRetries();
            Duration delay = RetryPolicy.nextDelay(ro, retries, failure);
            if (delay == null) {
                return Mono.error(failure);
            }
            instrumentation.retry(call.request(), failure);
            LOG.log(Level.DEBUG, () -> call.method() + " " + call.safeUrl() + ": attempt " + (retries + 1) + "/"
                    + ro.maxAttempts() + " failed (" + failure.getMessage() + "); retrying in " + delay.toMillis()
                    + " ms");
            return Mono.delay(delay, Schedulers.parallel());
        })));
    }

    // ------------------------------------------------------------------------------------- exchanges

    private Flux<SynnefoResponse> sendAggregated(Call call, String token, Instrumentation.State attempt) {
        return prepare(call, token)
                .responseSingle((resp, body) -> {
                    int status = resp.status().code();
                    attempt.status = status;
                    call.operation().status = status;
                    ResponseHeaders headers = ResponseHeaders.of(resp.responseHeaders());
                    return body.asByteArray().defaultIfEmpty(EMPTY).flatMap(bytes -> {
                        logResponse(call, status, bytes.length);
                        if (call.request().isExpected(status)) {
                            return Mono.just(new SynnefoResponse(status, headers, bytes, call.method(),
                                    call.safeUrl()));
                        }
                        return Mono.error(Faults.toException(status, resp.status().reasonPhrase(), headers, bytes,
                                call.method(), call.safeUrl(), token));
                    });
                })
                .flux();
    }

    private <T> Flux<T> sendStreaming(Call call, String token, Instrumentation.State attempt,
            BiFunction<SynnefoResponse, Flux<ByteBuffer>, Publisher<T>> handler, boolean transientBuffers) {
        // once the handler has the head, no failure may be retried: the handler may have consumed data
        AtomicBoolean handed = new AtomicBoolean();
        return prepare(call, token).response((HttpClientResponse resp, reactor.netty.ByteBufFlux body) -> {
            int status = resp.status().code();
            attempt.status = status;
            call.operation().status = status;
            ResponseHeaders headers = ResponseHeaders.of(resp.responseHeaders());
            if (!call.request().isExpected(status)) {
                // read the fault body fully so the connection goes back to the pool before any retry
                return body.aggregate().asByteArray().defaultIfEmpty(EMPTY).flatMapMany(bytes -> {
                    logResponse(call, status, bytes.length);
                    return Flux.error(Faults.toException(status, resp.status().reasonPhrase(), headers, bytes,
                            call.method(), call.safeUrl(), token));
                });
            }
            logResponse(call, status, -1);
            SynnefoResponse head = new SynnefoResponse(status, headers, EMPTY, call.method(), call.safeUrl());
            // Reactor Netty releases each received buffer once onNext returns: a view is only safe for a
            // handler that consumes it inside onNext; everyone else gets a copy of their own
            Flux<ByteBuffer> data = transientBuffers ? body.map(HttpEngine::transientView)
                    : body.map(HttpEngine::heapCopy);
            Publisher<T> results;
            handed.set(true);
            try {
                results = handler.apply(head, data);
            } catch (RuntimeException e) {
                return Flux.error(new BodyPhaseFailure(e));
            }
            return Flux.from(results);
        }).onErrorMap(e -> handed.get() && !(e instanceof BodyPhaseFailure),
                e -> new BodyPhaseFailure(Errors.map(e, call.method(), call.safeUrl(), serviceName, token)));
    }

    private static ByteBuffer heapCopy(ByteBuf buf) {
        ByteBuffer copy = ByteBuffer.allocate(buf.readableBytes());
        buf.readBytes(copy);
        copy.flip();
        return copy;
    }

    private static ByteBuffer transientView(ByteBuf buf) {
        // read-only, so a handler cannot scribble over pooled memory that the pool hands out again
        return buf.nioBuffer().asReadOnlyBuffer();
    }

    private static void logResponse(Call call, int status, int bytes) {
        LOG.log(Level.DEBUG, () -> call.method() + " " + call.safeUrl() + " -> " + status
                + (bytes >= 0 ? " (" + bytes + " bytes)" : " (streaming)"));
    }

    private HttpClient.ResponseReceiver<?> prepare(Call call, String token) {
        SynnefoRequest request = call.request();
        HttpClient client = options.transport().httpClient();
        SynnefoRequest.Body body = request.body();
        byte[] fixed;
        if (body instanceof SynnefoRequest.JsonBody json) {
            fixed = SynnefoJson.write(json.value());
        } else if (body instanceof SynnefoRequest.BytesBody bytes) {
            fixed = bytes.bytes();
        } else {
            fixed = null;
        }
        return client.request(HttpMethod.valueOf(request.method().name()))
                .uri(call.wireUrl())
                .send((req, out) -> {
                    if (request.responseTimeout() != null) {
                        req.responseTimeout(request.responseTimeout());
                    }
                    HttpHeaders h = req.requestHeaders();
                    for (Map.Entry<String, String> e : request.headers()) {
                        h.add(e.getKey(), e.getValue());
                    }
                    h.set(HttpHeaderNames.USER_AGENT, options.userAgent());
                    if (token != null) {
                        h.set("X-Auth-Token", token);
                    }
                    if (body != null && body.contentType() != null && !h.contains(HttpHeaderNames.CONTENT_TYPE)) {
                        h.set(HttpHeaderNames.CONTENT_TYPE, body.contentType());
                    }
                    if (fixed != null) {
                        h.set(HttpHeaderNames.CONTENT_LENGTH, fixed.length);
                        return out.sendByteArray(Mono.just(fixed));
                    }
                    if (body instanceof SynnefoRequest.StreamBody stream) {
                        if (stream.contentLength() >= 0) {
                            h.set(HttpHeaderNames.CONTENT_LENGTH, stream.contentLength());
                            h.remove(HttpHeaderNames.TRANSFER_ENCODING);
                        } else {
                            h.remove(HttpHeaderNames.CONTENT_LENGTH);
                            h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                        }
                        return out.send(Flux.from(stream.data()).map(Unpooled::wrappedBuffer));
                    }
                    if (body instanceof SynnefoRequest.FileBody file) {
                        h.set(HttpHeaderNames.CONTENT_LENGTH, file.count());
                        h.remove(HttpHeaderNames.TRANSFER_ENCODING);
                        // zero-copy (a FileRegion: sendfile) unless TLS or compression need the bytes
                        return out.sendFile(file.file(), file.position(), file.count());
                    }
                    if (!h.contains(HttpHeaderNames.CONTENT_LENGTH) && sendsEmptyBody(request.method())) {
                        // Synnefo answers 411 to a body-carrying method without a length
                        h.set(HttpHeaderNames.CONTENT_LENGTH, 0);
                    }
                    return out;
                });
    }

    private static boolean sendsEmptyBody(SynnefoRequest.Method m) {
        return m == SynnefoRequest.Method.PUT || m == SynnefoRequest.Method.POST || m == SynnefoRequest.Method.COPY
                || m == SynnefoRequest.Method.MOVE;
    }

    @Override
    public String toString() {
        return "HttpEngine[" + serviceName + "]";
    }
}
