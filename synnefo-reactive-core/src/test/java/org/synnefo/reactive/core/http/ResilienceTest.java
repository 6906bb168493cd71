package org.synnefo.reactive.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.synnefo.reactive.core.http.SynnefoHttpClientTest.awaitNoAcquiredConnection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.BulkheadOptions;
import org.synnefo.reactive.core.CallRejectedException;
import org.synnefo.reactive.core.CircuitBreakerOptions;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.core.RetryOptions;
import org.synnefo.reactive.core.ServerErrorException;
import org.synnefo.reactive.core.SynnefoException;
import org.synnefo.reactive.core.SynnefoTimeoutException;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.core.SynnefoTransportException;
import org.synnefo.reactive.core.TokenProvider;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class ResilienceTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Fast retries so that the tests take milliseconds; the policy itself is unit-tested separately. */
    private static final RetryOptions FAST = RetryOptions.defaults()
            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20));

    private TestServer server;
    private SynnefoTransport transport;

    @BeforeEach
    void start() {
        server = new TestServer();
        transport = SynnefoTransport.builder().name("core-resilience-test").build();
    }

    @AfterEach
    void stop() {
        transport.dispose();
        server.close();
    }

    private SynnefoHttpClient client(ClientOptions.Builder b) {
        return SynnefoHttpClient.create("test", server.baseUrl(), TokenProvider.of("tok"), b.transport(transport).build());
    }

    private static Publisher503 failingTimes(int failures, String retryAfter) {
        return new Publisher503(failures, retryAfter);
    }

    /** Answers 503 (with a fault body) the first {@code failures} times, then 200. */
    private static final class Publisher503 implements TestServer.Route {
        final AtomicInteger calls = new AtomicInteger();
        final int failures;
        final String retryAfter;

        Publisher503(int failures, String retryAfter) {
            this.failures = failures;
            this.retryAfter = retryAfter;
        }

        @Override
        public org.reactivestreams.Publisher<Void> handle(reactor.netty.http.server.HttpServerRequest req, byte[] body,
                reactor.netty.http.server.HttpServerResponse res) {
            if (calls.incrementAndGet() <= failures) {
                var r = res.status(503).header("Content-Type", "application/json");
                if (retryAfter != null) {
                    r = r.header("Retry-After", retryAfter);
                }
                return r.sendString(Mono.just("{\"serviceUnavailable\": {\"code\": 503, \"message\": \"busy\", "
                        + "\"details\": \"" + "x".repeat(4096) + "\"}}")).then();
            }
            return res.sendString(Mono.just("ok:" + new String(body, StandardCharsets.UTF_8))).then();
        }
    }

    @Test
    void getIsRetriedAfter503WithRetryAfterAndNoConnectionLeaks() {
        Publisher503 route = failingTimes(1, "1");
        server.route("/r", route);
        StepVerifier.create(client(ClientOptions.builder().retry(FAST)).exchange(SynnefoRequest.get("r"))
                        .map(SynnefoResponse::bodyAsString))
                .expectNext("ok:")
                .expectComplete()
                .verify(WAIT);
        assertThat(route.calls).hasValue(2);
        awaitNoAcquiredConnection(transport);
        assertThat(transport.poolStats().allocated()).as("the connection was reused, not abandoned").isEqualTo(1);
    }

    @Test
    void retryAfterLongerThanTheMaximumFailsAtOnce() {
        Publisher503 route = failingTimes(1, "3600");
        server.route("/r", route);
        StepVerifier.create(client(ClientOptions.builder().retry(FAST)).send(SynnefoRequest.get("r")))
                .expectErrorSatisfies(e -> assertThat(((ServerErrorException) e).retryAfter())
                        .hasValue(Duration.ofHours(1)))
                .verify(WAIT);
        assertThat(route.calls).hasValue(1);
    }

    @Test
    void unmarkedPostIsNeverRetriedButAMarkedOneIs() {
        Publisher503 route = failingTimes(1, null);
        server.route("/r", route);
        SynnefoHttpClient c = client(ClientOptions.builder().retry(FAST));
        StepVerifier.create(c.send(SynnefoRequest.post("r").jsonBody("x")))
                .expectError(ServerErrorException.class).verify(WAIT);
        assertThat(route.calls).hasValue(1);

        Publisher503 route2 = failingTimes(1, null);
        server.route("/r", route2);
        StepVerifier.create(c.send(SynnefoRequest.post("r").jsonBody("x").idempotent(true)))
                .expectComplete().verify(WAIT);
        assertThat(route2.calls).hasValue(2);

        Publisher503 route3 = failingTimes(1, null);
        server.route("/r", route3);
        StepVerifier.create(c.send(SynnefoRequest.get("r").idempotent(false)))
                .expectError(ServerErrorException.class).verify(WAIT);
        assertThat(route3.calls).hasValue(1);
        awaitNoAcquiredConnection(transport);
    }

    @Test
    void retriesStopAtMaxAttemptsAndNonTransientFailuresAreNotRetried() {
        Publisher503 route = failingTimes(100, null);
        server.route("/r", route);
        StepVerifier.create(client(ClientOptions.builder().retry(FAST)).send(SynnefoRequest.get("r")))
                .expectError(ServerErrorException.class).verify(WAIT);
        assertThat(route.calls).hasValue(RetryOptions.DEFAULT_MAX_ATTEMPTS);

        server.received.clear();
        StepVerifier.create(client(ClientOptions.builder().retry(FAST)).send(SynnefoRequest.get("missing")))
                .expectError(NotFoundException.class).verify(WAIT);
        assertThat(server.received).hasSize(1);
    }

    @Test
    void putWithAReplayableStreamedBodyIsRetriedWithTheWholeBody() {
        Publisher503 route = failingTimes(2, "0");
        server.route("/r", route);
        Flux<ByteBuffer> replayable = Flux.defer(() -> Flux.just("ab", "cd")
                .map(s -> ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8))));
        StepVerifier.create(client(ClientOptions.builder().retry(FAST))
                        .exchange(SynnefoRequest.put("r").body(replayable, 4, "application/octet-stream"))
                        .map(SynnefoResponse::bodyAsString))
                .expectNext("ok:abcd").expectComplete().verify(WAIT);
        assertThat(route.calls).hasValue(3);
        assertThat(server.received).extracting(TestServer.Received::bodyAsString).containsOnly("abcd");
    }

    @Test
    void responseTimeoutIsATransientTimeoutException() {
        server.route("/slow", (req, res) -> Mono.never());
        StepVerifier.create(client(ClientOptions.builder().retry(RetryOptions.none()))
                        .send(SynnefoRequest.get("slow").responseTimeout(Duration.ofMillis(200))))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(SynnefoTimeoutException.class).hasMessageContaining("timeout");
                    assertThat(((SynnefoException) e).isTransient()).isTrue();
                    assertThat(((SynnefoTimeoutException) e).url()).isEqualTo(server.baseUrl() + "/slow");
                })
                .verify(WAIT);
        awaitNoAcquiredConnection(transport);
    }

    @Test
    void connectionRefusedIsATransientTransportException() {
        TestServer gone = new TestServer();
        String url = gone.baseUrl();
        gone.close();
        SynnefoHttpClient c = SynnefoHttpClient.create("test", url, TokenProvider.none(),
                ClientOptions.builder().transport(transport).retry(FAST).build());
        StepVerifier.create(c.send(SynnefoRequest.get("x")))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isExactlyInstanceOf(SynnefoTransportException.class)
                            .hasMessageContaining("cannot connect");
                    assertThat(((SynnefoException) e).isTransient()).isTrue();
                })
                .verify(WAIT);
    }

    @Test
    void prematureCloseIsATransientTransportException() {
        server.route("/close", (req, res) -> res.withConnection(c -> c.dispose()).then(Mono.never()));
        StepVerifier.create(client(ClientOptions.builder().retry(RetryOptions.none())).send(SynnefoRequest.get("close")))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isExactlyInstanceOf(SynnefoTransportException.class)
                            .hasMessageContaining("closed prematurely");
                    assertThat(((SynnefoException) e).isTransient()).isTrue();
                })
                .verify(WAIT);
        awaitNoAcquiredConnection(transport);
    }

    @Test
    void bodyClosedMidwayFailsTheStreamWithoutRetry() {
        AtomicInteger calls = new AtomicInteger();
        server.route("/half", (req, res) -> {
            calls.incrementAndGet();
            // headers and a few chunks go out, then the server fails mid-body and drops the connection
            return res.header("Content-Length", "100000")
                    .sendByteArray(Flux.interval(Duration.ofMillis(2)).take(5).map(i -> new byte[1000])
                            .concatWith(Mono.error(new IllegalStateException("server dies mid-body"))))
                    .then();
        });
        Flux<Integer> sizes = client(ClientOptions.builder().retry(FAST))
                .exchangeStreaming(SynnefoRequest.get("half"), (head, body) -> body.map(ByteBuffer::remaining));
        StepVerifier.create(sizes)
                .thenConsumeWhile(n -> true)
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(SynnefoTransportException.class);
                    assertThat(((SynnefoException) e).isTransient()).isTrue();
                })
                .verify(WAIT);
        assertThat(calls).as("a body failure after the handler started is not retried").hasValue(1);
        awaitNoAcquiredConnection(transport);
    }

    @Test
    void pendingAcquireLimitFailsTheThirdConcurrentRequestTransiently() {
        SynnefoTransport small = SynnefoTransport.builder().name("core-small-pool").maxConnections(1)
                .pendingAcquireMaxCount(1).build();
        try {
            Sinks.Empty<Void> release = Sinks.empty();
            AtomicInteger arrived = new AtomicInteger();
            server.route("/hold", (req, res) -> {
                arrived.incrementAndGet();
                return release.asMono().then(res.sendString(Mono.just("done")).then());
            });
            SynnefoHttpClient c = SynnefoHttpClient.create("test", server.baseUrl(), TokenProvider.none(),
                    ClientOptions.builder().transport(small).retry(RetryOptions.none()).build());
            Mono<String> call = c.exchange(SynnefoRequest.get("hold")).map(SynnefoResponse::bodyAsString);
            StepVerifier.Step<String> first = StepVerifier.create(call).expectSubscription();
            reactor.core.Disposable firstSub = call.subscribe();
            reactor.core.Disposable secondSub = call.subscribe();
            // wait until the first holds the only connection and the second is queued
            StepVerifier.create(Mono.fromSupplier(() -> small.poolStats())
                            .filter(s -> s.acquired() == 1 && s.pendingAcquire() == 1)
                            .repeatWhenEmpty(100, f -> f.delayElements(Duration.ofMillis(20))))
                    .expectNextCount(1).verifyComplete();
            StepVerifier.create(call)
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(SynnefoTransportException.class)
                                .hasMessageContaining("pending-acquire");
                        assertThat(((SynnefoException) e).isTransient()).isTrue();
                    })
                    .verify(WAIT);
            release.tryEmitEmpty();
            first.thenCancel().verify(WAIT);
            firstSub.dispose();
            secondSub.dispose();
            awaitNoAcquiredConnection(small);
            assertThat(arrived.get()).isBetween(1, 2);
        } finally {
            small.dispose();
        }
    }

    @Test
    void pendingAcquireTimeoutIsTransient() {
        SynnefoTransport small = SynnefoTransport.builder().name("core-timeout-pool").maxConnections(1)
                .pendingAcquireTimeout(Duration.ofMillis(100)).build();
        try {
            server.route("/hold", (req, res) -> Mono.never());
            SynnefoHttpClient c = SynnefoHttpClient.create("test", server.baseUrl(), TokenProvider.none(),
                    ClientOptions.builder().transport(small).retry(RetryOptions.none()).build());
            reactor.core.Disposable holder = c.send(SynnefoRequest.get("hold")).subscribe(v -> { }, e -> { });
            StepVerifier.create(Mono.fromSupplier(() -> small.poolStats().acquired()).filter(n -> n == 1)
                            .repeatWhenEmpty(100, f -> f.delayElements(Duration.ofMillis(20))))
                    .expectNext(1).verifyComplete();
            StepVerifier.create(c.send(SynnefoRequest.get("hold")))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(SynnefoTransportException.class)
                                .hasMessageContaining("pending-acquire timeout");
                        assertThat(((SynnefoException) e).isTransient()).isTrue();
                    })
                    .verify(WAIT);
            holder.dispose();
            awaitNoAcquiredConnection(small);
        } finally {
            small.dispose();
        }
    }

    @Test
    void circuitBreakerOpensOnTransientFailuresIsSharedPerEndpointAndRejectsWithATypedException() {
        Publisher503 route = failingTimes(1000, null);
        server.route("/r", route);
        CircuitBreakerOptions breaker = new CircuitBreakerOptions(true, 50f, 4, 4, Duration.ofMinutes(10), 1);
        ClientOptions options = ClientOptions.builder().transport(transport).retry(RetryOptions.none())
                .circuitBreaker(breaker).build();
        SynnefoHttpClient a = SynnefoHttpClient.create("svc", server.baseUrl(), TokenProvider.none(), options);
        SynnefoHttpClient b = SynnefoHttpClient.create("svc", server.baseUrl() + "/", TokenProvider.none(), options);
        // 404s are not failures of the endpoint: they count as successful calls and never open the breaker
        for (int i = 0; i < 6; i++) {
            StepVerifier.create(a.send(SynnefoRequest.get("missing"))).expectError(NotFoundException.class).verify(WAIT);
        }
        // window of 4 = [404, 404, 503, 503]: 50 % failures opens it
        for (int i = 0; i < 2; i++) {
            StepVerifier.create((i % 2 == 0 ? a : b).send(SynnefoRequest.get("r")))
                    .expectError(ServerErrorException.class).verify(WAIT);
        }
        int before = server.hits.get();
        StepVerifier.create(b.send(SynnefoRequest.get("r")))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(CallRejectedException.class).hasMessageContaining("circuit breaker");
                    assertThat(((CallRejectedException) e).reason()).isEqualTo(CallRejectedException.Reason.CIRCUIT_OPEN);
                    assertThat(((CallRejectedException) e).isTransient()).isTrue();
                })
                .verify(WAIT);
        assertThat(server.hits.get()).as("a rejected call never reaches the server").isEqualTo(before);

        // options derived from the same transport and breaker settings share the breaker; a retrying client
        // does not retry a rejection either
        SynnefoHttpClient retrying = SynnefoHttpClient.create("svc", server.baseUrl(), TokenProvider.none(),
                options.toBuilder().retry(FAST).build());
        StepVerifier.create(retrying.send(SynnefoRequest.get("r"))).expectError(CallRejectedException.class).verify(WAIT);
        assertThat(server.hits.get()).isEqualTo(before);

        // another service name, or another transport: other breakers
        StepVerifier.create(SynnefoHttpClient.create("other", server.baseUrl(), TokenProvider.none(), options)
                .send(SynnefoRequest.get("r"))).expectError(ServerErrorException.class).verify(WAIT);
        SynnefoTransport otherTransport = SynnefoTransport.builder().name("core-other").build();
        try {
            StepVerifier.create(SynnefoHttpClient.create("svc", server.baseUrl(), TokenProvider.none(),
                            options.toBuilder().transport(otherTransport).build()).send(SynnefoRequest.get("r")))
                    .expectError(ServerErrorException.class).verify(WAIT);
        } finally {
            otherTransport.dispose();
        }
    }

    @Test
    void bulkheadRejectsBeyondItsConcurrency() {
        Sinks.Empty<Void> release = Sinks.empty();
        server.route("/hold", (req, res) -> release.asMono().then(res.send()));
        SynnefoHttpClient c = client(ClientOptions.builder().retry(RetryOptions.none())
                .bulkhead(new BulkheadOptions(1, Duration.ZERO)));
        reactor.core.Disposable first = c.send(SynnefoRequest.get("hold")).subscribe(v -> { }, e -> { });
        StepVerifier.create(c.send(SynnefoRequest.get("hold")))
                .expectErrorSatisfies(e -> assertThat(((CallRejectedException) e).reason())
                        .isEqualTo(CallRejectedException.Reason.BULKHEAD_FULL))
                .verify(WAIT);
        release.tryEmitEmpty();
        first.dispose();
        awaitNoAcquiredConnection(transport);
    }
}
