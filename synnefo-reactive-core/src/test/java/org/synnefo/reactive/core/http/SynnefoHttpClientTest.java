package org.synnefo.reactive.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.RetryOptions;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.core.TokenProvider;
import org.synnefo.reactive.core.UnauthorizedException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class SynnefoHttpClientTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestServer server;
    private SynnefoTransport transport;
    private ClientOptions options;

    @BeforeEach
    void start() {
        server = new TestServer();
        transport = SynnefoTransport.builder().name("core-http-test").build();
        options = ClientOptions.builder().transport(transport).retry(RetryOptions.none()).build();
    }

    @AfterEach
    void stop() {
        transport.dispose();
        server.close();
    }

    private SynnefoHttpClient client(String token) {
        return SynnefoHttpClient.create("test", server.baseUrl() + "/api/v1/",
                token == null ? TokenProvider.none() : TokenProvider.of(token), options);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a//b/", "%2F", "with space", "ünicode/ά", "what?", "hash#tag", "100%", "a+b", "/lead",
            "trail//", "a/./b/../c", "quote'\"&=;"})
    void objectNamesReachTheWireByteForByte(String name) {
        server.route("/api/v1/", (req, res) -> res.sendString(Mono.just(req.uri())).then());
        SynnefoRequest request = SynnefoRequest.get("acc ount", "cont/ainer").objectPath(name).query("format", "json")
                .query("hashmap");
        String expected = "/api/v1/acc%20ount/cont%2Fainer/" + encodeEach(name) + "?format=json&hashmap";

        StepVerifier.create(client("t").exchange(request).map(SynnefoResponse::bodyAsString))
                .expectNext(expected)
                .expectComplete()
                .verify(WAIT);
        assertThat(server.last().uri()).isEqualTo(expected);
        assertThat(ResponseHeaders.unquote(server.last().uri().split("/", 6)[5].split("\\?")[0]))
                .as("decodes back to the name").isEqualTo(name);
    }

    private static String encodeEach(String name) {
        StringBuilder sb = new StringBuilder();
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == '/' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    @Test
    void sendsTokenUserAgentHeadersAndJsonBody() {
        server.route("/api/v1/servers", (req, body, res) -> res.status(202)
                .header("Content-Type", "application/json")
                .sendString(Mono.just("{\"server\": {\"id\": 42, \"unknown\": true}}")).then());
        SynnefoRequest request = SynnefoRequest.post("servers").jsonBody(Map.of("server", Map.of("name", "vm")))
                .header("X-Custom", "v").quotedHeader("X-Object-Meta-", "κλειδί", "τιμή");

        StepVerifier.create(client("secret-token").retrieveJson(request))
                .assertNext(json -> assertThat(json.path("server").path("id").asInt()).isEqualTo(42))
                .expectComplete()
                .verify(WAIT);
        TestServer.Received r = server.last();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.headers().get("X-Auth-Token")).isEqualTo("secret-token");
        assertThat(r.headers().get("User-Agent")).isEqualTo("synnefo-reactive/0.1");
        assertThat(r.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(r.headers().get("Content-Length")).isEqualTo(Integer.toString(r.body().length));
        assertThat(r.headers().get("X-Custom")).isEqualTo("v");
        assertThat(r.headers().get("X-Object-Meta-%CE%BA%CE%BB%CE%B5%CE%B9%CE%B4%CE%AF"))
                .isEqualTo("%CF%84%CE%B9%CE%BC%CE%AE");
        assertThat(r.bodyAsString()).isEqualTo("{\"server\":{\"name\":\"vm\"}}");
    }

    @Test
    void noTokenHeaderWhenProviderIsEmpty() {
        server.route("/api/v1/", (req, res) -> res.status(204).send());
        StepVerifier.create(client(null).send(SynnefoRequest.get("resources"))).expectComplete().verify(WAIT);
        assertThat(server.last().headers().contains("X-Auth-Token")).isFalse();
    }

    record Server(int id, String name) {
    }

    @Test
    void retrieveDecodesRecordsAndEmptyBodiesGiveEmptyMono() {
        server.route("/api/v1/one", (req, res) -> res.header("Content-Type", "application/json")
                .sendString(Mono.just("{\"id\": 7, \"name\": \"x\", \"extra\": [1]}")).then());
        server.route("/api/v1/none", (req, res) -> res.status(204).send());
        StepVerifier.create(client("t").retrieve(SynnefoRequest.get("one"), Server.class))
                .expectNext(new Server(7, "x")).expectComplete().verify(WAIT);
        StepVerifier.create(client("t").retrieve(SynnefoRequest.get("none"), Server.class))
                .expectComplete().verify(WAIT);
        StepVerifier.create(client("t").retrieve(SynnefoRequest.get("one"),
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { }))
                .assertNext(m -> assertThat(m).containsEntry("id", 7)).expectComplete().verify(WAIT);
    }

    @Test
    void headHasNoBodyAndCustomMethodsAreSent() {
        server.route("/api/v1/obj", (req, res) -> res.header("X-Object-Meta-K", "%CE%B1")
                .header("Content-Length", "5").status(200).send());
        StepVerifier.create(client("t").exchange(SynnefoRequest.head("obj")))
                .assertNext(r -> {
                    assertThat(r.body()).isEmpty();
                    assertThat(r.headers().metadata("X-Object-Meta-")).containsEntry("k", "α");
                })
                .expectComplete().verify(WAIT);
        server.route("/api/v1/c/", (req, res) -> res.status(201).send());
        StepVerifier.create(client("t").send(SynnefoRequest.copy("c", "o").header("Destination", "/c/o2")))
                .expectComplete().verify(WAIT);
        StepVerifier.create(client("t").send(SynnefoRequest.move("c", "o").header("Destination", "/c/o3")))
                .expectComplete().verify(WAIT);
        assertThat(server.received).extracting(TestServer.Received::method).containsExactly("HEAD", "COPY", "MOVE");
        assertThat(server.last().headers().get("Content-Length")).isEqualTo("0");
        awaitNoAcquiredConnection(transport);
    }

    @Test
    void streamedBodiesWithKnownLengthAndChunked() {
        server.route("/api/v1/up", (req, body, res) -> res.status(201)
                .sendString(Mono.just(body.length + " " + req.requestHeaders().get("Transfer-Encoding", "-") + " "
                        + req.requestHeaders().get("Content-Length", "-") + " "
                        + req.requestHeaders().get("Content-Type", "-"))).then());
        Flux<ByteBuffer> data = Flux.just("hello ", "world").map(s -> ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
        StepVerifier.create(client("t").exchange(SynnefoRequest.put("up").body(data, 11, "text/plain"))
                        .map(SynnefoResponse::bodyAsString))
                .expectNext("11 - 11 text/plain").expectComplete().verify(WAIT);
        StepVerifier.create(client("t").exchange(SynnefoRequest.put("up").body(data, -1, null))
                        .map(SynnefoResponse::bodyAsString))
                .expectNext("11 chunked - -").expectComplete().verify(WAIT);
        assertThat(server.received).extracting(TestServer.Received::bodyAsString).containsOnly("hello world");
        StepVerifier.create(client("t").exchange(SynnefoRequest.put("up").body("abc".getBytes(), "x/y"))
                        .map(SynnefoResponse::bodyAsString))
                .expectNext("3 - 3 x/y").expectComplete().verify(WAIT);
    }

    @Test
    void expectedStatusesOverrideTheDefault() {
        server.route("/api/v1/", (req, res) -> res.status(304).send());
        StepVerifier.create(client("t").exchange(SynnefoRequest.get("x").expect(200, 304)).map(SynnefoResponse::status))
                .expectNext(304).expectComplete().verify(WAIT);
        StepVerifier.create(client("t").exchange(SynnefoRequest.get("x")))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("304")).verify(WAIT);
    }

    @Test
    void unauthorizedRefreshesTheTokenOnceAndResends() {
        AtomicInteger refreshes = new AtomicInteger();
        server.route("/api/v1/", (req, res) -> "fresh".equals(req.requestHeaders().get("X-Auth-Token"))
                ? res.sendString(Mono.just("{\"ok\": true}")).then()
                : res.status(401).sendString(Mono.just("{\"unauthorized\": {\"code\": 401, \"message\": \"bad\"}}"))
                        .then());
        TokenProvider refreshing = new TokenProvider() {
            @Override
            public Mono<String> token() {
                return Mono.just("stale");
            }

            @Override
            public Mono<String> refresh(String rejected) {
                assertThat(rejected).isEqualTo("stale");
                refreshes.incrementAndGet();
                return Mono.just("fresh");
            }
        };
        SynnefoHttpClient c = SynnefoHttpClient.create("test", server.baseUrl() + "/api/v1", refreshing, options);
        StepVerifier.create(c.retrieveJson(SynnefoRequest.get("x")).map(j -> j.path("ok").asBoolean()))
                .expectNext(true).expectComplete().verify(WAIT);
        assertThat(refreshes).hasValue(1);
        assertThat(server.received).extracting(r -> r.headers().get("X-Auth-Token")).containsExactly("stale", "fresh");

        // a provider that cannot refresh: the 401 reaches the caller after one request
        server.received.clear();
        StepVerifier.create(client("stale").send(SynnefoRequest.get("x")))
                .expectError(UnauthorizedException.class).verify(WAIT);
        assertThat(server.received).hasSize(1);

        // a refreshed token that is rejected too: no loop, the second 401 is signalled
        server.received.clear();
        TokenProvider alwaysStale = new TokenProvider() {
            @Override
            public Mono<String> token() {
                return Mono.just("stale");
            }

            @Override
            public Mono<String> refresh(String rejected) {
                return Mono.just("stale2");
            }
        };
        StepVerifier.create(SynnefoHttpClient.create("test", server.baseUrl() + "/api/v1", alwaysStale, options)
                        .send(SynnefoRequest.get("x")))
                .expectError(UnauthorizedException.class).verify(WAIT);
        assertThat(server.received).hasSize(2);
    }

    @Test
    void exchangeStreamingDeliversHeapChunksWithBackpressure() {
        byte[] big = new byte[256 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        server.route("/api/v1/big", (req, res) -> res.header("Content-Length", Integer.toString(big.length))
                .sendByteArray(Mono.just(big)).then());
        Flux<Long> sizes = client("t").exchangeStreaming(SynnefoRequest.get("big"), (head, body) -> {
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.headers().longValue("Content-Length")).hasValue(big.length);
            return body.map(b -> {
                assertThat(b.hasArray()).isTrue();
                return (long) b.remaining();
            }).reduce(0L, Long::sum);
        });
        StepVerifier.create(sizes).expectNext((long) big.length).expectComplete().verify(WAIT);
        awaitNoAcquiredConnection(transport);
    }

    @Test
    void exchangeStreamingCancelMidBodyReleasesTheConnection() {
        // a body that never ends: the server keeps sending until the client goes away
        server.route("/api/v1/endless", (req, res) -> res.header("Content-Type", "application/octet-stream")
                .sendByteArray(Flux.interval(Duration.ofMillis(1)).map(i -> new byte[1024])).then());
        Flux<ByteBuffer> chunks = client("t").exchangeStreaming(SynnefoRequest.get("endless"), (head, body) -> body);
        StepVerifier.create(chunks, 1)
                .expectNextCount(1)
                .then(() -> assertThat(transport.poolStats().acquired()).isEqualTo(1))
                .thenCancel()
                .verify(WAIT);
        awaitNoAcquiredConnection(transport);
    }

    static void awaitNoAcquiredConnection(SynnefoTransport transport) {
        // the pool releases on the event loop right after the cancel/complete signal: poll briefly
        StepVerifier.create(Mono.fromSupplier(() -> transport.poolStats().acquired())
                        .filter(n -> n == 0)
                        .repeatWhenEmpty(30, f -> f.delayElements(Duration.ofMillis(50))))
                .expectNext(0)
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void exchangeStreamingFailsBeforeTheHandlerOnUnexpectedStatus() {
        AtomicInteger handled = new AtomicInteger();
        Flux<JsonNode> f = client("t").exchangeStreaming(SynnefoRequest.get("missing"), (head, body) -> {
            handled.incrementAndGet();
            return Flux.empty();
        });
        StepVerifier.create(f).expectError(org.synnefo.reactive.core.NotFoundException.class).verify(WAIT);
        assertThat(handled).hasValue(0);
        awaitNoAcquiredConnection(transport);
    }

    @Test
    void toStringsAreSafe() {
        assertThat(client("very-secret").toString()).doesNotContain("very-secret");
        assertThat(TokenProvider.of("very-secret").toString()).doesNotContain("very-secret");
        assertThat(List.of(SynnefoRequest.get("a").header("X-Auth-Token", "very-secret")).toString())
                .doesNotContain("very-secret");
    }
}
