package org.synnefo.reactive.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.RetryOptions;
import org.synnefo.reactive.core.SynnefoException;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.core.TokenProvider;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** File-range bodies: the bytes of the range, a length header, re-sent on a retry, a short file fails. */
class FileBodyTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private TestServer server;
    private SynnefoTransport transport;

    @BeforeEach
    void start() {
        server = new TestServer();
        transport = SynnefoTransport.builder().name("core-file-body-test").build();
    }

    @AfterEach
    void stop() {
        transport.dispose();
        server.close();
    }

    private SynnefoHttpClient client(RetryOptions retry) {
        return SynnefoHttpClient.create("test", server.baseUrl() + "/v1/", TokenProvider.of("t"),
                ClientOptions.builder().transport(transport).retry(retry).build());
    }

    private Path file(int size) throws IOException {
        byte[] data = new byte[size];
        new Random(7).nextBytes(data);
        return Files.write(dir.resolve("data.bin"), data);
    }

    @Test
    void sendsExactlyTheRangeWithItsLength() throws IOException {
        Path f = file(3 << 20);
        byte[] all = Files.readAllBytes(f);
        server.route("/v1/up", (req, body, res) -> res.status(201).send());
        long pos = 123_457;
        long count = (2 << 20) + 3;
        StepVerifier.create(client(RetryOptions.none())
                        .exchange(SynnefoRequest.put("up").body(f, pos, count, "application/x-test"))
                        .map(SynnefoResponse::status))
                .expectNext(201).expectComplete().verify(WAIT);
        TestServer.Received r = server.last();
        assertThat(r.headers().get("Content-Length")).isEqualTo(Long.toString(count));
        assertThat(r.headers().get("Content-Type")).isEqualTo("application/x-test");
        assertThat(r.headers().contains("Transfer-Encoding")).isFalse();
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(all, (int) pos, (int) (pos + count)));
    }

    @Test
    void aRetryResendsTheWholeRange() throws IOException {
        Path f = file(1 << 20);
        byte[] all = Files.readAllBytes(f);
        AtomicInteger calls = new AtomicInteger();
        server.route("/v1/up", (req, body, res) -> calls.incrementAndGet() == 1
                ? res.status(503).header("Content-Type", "application/json")
                        .sendString(Mono.just("{\"serviceUnavailable\": {\"code\": 503, \"message\": \"busy\"}}"))
                : res.status(201).send());
        RetryOptions fast = RetryOptions.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(20));
        StepVerifier.create(client(fast).exchange(SynnefoRequest.put("up").body(f, 0, all.length, null))
                        .map(SynnefoResponse::status))
                .expectNext(201).expectComplete().verify(WAIT);
        assertThat(server.received).hasSize(2);
        assertThat(server.received).allSatisfy(r -> assertThat(r.body()).isEqualTo(all));
    }

    @Test
    void aFileShorterThanTheRangeFailsTheRequest() throws IOException {
        Path f = file(1000);
        server.route("/v1/up", (req, body, res) -> res.status(201).send());
        StepVerifier.create(client(RetryOptions.none()).exchange(SynnefoRequest.put("up").body(f, 0, 5000, null)))
                .expectError(SynnefoException.class).verify(WAIT);
    }

    @Test
    void manyConcurrentRangesOfOneFileArriveIntact() throws IOException {
        Path f = file(4 << 20);
        byte[] all = Files.readAllBytes(f);
        server.route("/v1/up", (req, body, res) -> res.status(201).send());
        int parts = 16;
        int part = all.length / parts;
        SynnefoHttpClient c = client(RetryOptions.none());
        StepVerifier.create(Flux.range(0, parts)
                        .flatMap(i -> c.exchange(SynnefoRequest.put("up", "p" + i).body(f, (long) i * part, part, null)),
                                8)
                        .count())
                .expectNext((long) parts).expectComplete().verify(WAIT);
        for (TestServer.Received r : server.received) {
            int i = Integer.parseInt(r.uri().substring(r.uri().lastIndexOf('p') + 1));
            assertThat(r.body()).as("part %d", i).isEqualTo(Arrays.copyOfRange(all, i * part, (i + 1) * part));
        }
    }

    @Test
    void rejectsNegativeRanges() {
        assertThatThrownBy(() -> SynnefoRequest.put("up").body(dir.resolve("x"), -1, 1, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
