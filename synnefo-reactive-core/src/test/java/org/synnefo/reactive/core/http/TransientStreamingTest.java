package org.synnefo.reactive.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.RetryOptions;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.core.TokenProvider;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * {@link SynnefoHttpClient#exchangeStreamingTransient}: the chunks are read-only views of the network
 * buffers; the bytes arrive intact, and every network buffer is released whether the body completes,
 * the subscriber cancels midway or the handler fails midway (Netty's leak detector at PARANOID, with a
 * listener whose ability to see a leak is proven first by a deliberate one).
 */
class TransientStreamingTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int CHUNK = 16 * 1024;

    private TestServer server;
    private SynnefoTransport transport;
    private SynnefoHttpClient client;
    private ResourceLeakDetector.Level previousLevel;
    private ResourceLeakDetector<ByteBuf> detector;
    private final List<String> leaks = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws ReflectiveOperationException {
        previousLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        detector = byteBufLeakDetector();
        detector.setLeakListener((type, records) -> leaks.add(type + ": " + records));
        server = new TestServer();
        transport = SynnefoTransport.builder().name("transient-test").build();
        ClientOptions options = ClientOptions.builder().transport(transport).retry(RetryOptions.none()).build();
        client = SynnefoHttpClient.create("test", server.baseUrl() + "/api/v1/", TokenProvider.of("t"), options);
    }

    @AfterEach
    void stop() {
        transport.dispose();
        server.close();
        detector.setLeakListener(null);
        ResourceLeakDetector.setLevel(previousLevel);
    }

    /** The detector every Netty ByteBuf allocator tracks its buffers with (package-private in Netty). */
    @SuppressWarnings("unchecked")
    private static ResourceLeakDetector<ByteBuf> byteBufLeakDetector() throws ReflectiveOperationException {
        Field f = Class.forName("io.netty.buffer.AbstractByteBuf").getDeclaredField("leakDetector");
        f.setAccessible(true);
        return (ResourceLeakDetector<ByteBuf>) f.get(null);
    }

    private static byte[] pattern(int size) {
        byte[] b = new byte[size];
        new Random(42).nextBytes(b);
        return b;
    }

    /** Serves {@code data} in {@link #CHUNK}-sized writes, so the client receives many buffers. */
    private void serve(String path, byte[] data) {
        server.route("/api/v1/" + path, (req, res) -> res.header("Content-Length", Integer.toString(data.length))
                .sendByteArray(Flux.range(0, (data.length + CHUNK - 1) / CHUNK).map(i -> {
                    int from = i * CHUNK;
                    byte[] c = new byte[Math.min(CHUNK, data.length - from)];
                    System.arraycopy(data, from, c, 0, c.length);
                    return c;
                })).then());
    }

    @Test
    void chunksAreReadOnlyViewsWithTheRightBytes() {
        byte[] data = pattern(1024 * 1024 + 123);
        serve("data", data);
        byte[] got = new byte[data.length];
        AtomicInteger filled = new AtomicInteger();
        AtomicInteger chunks = new AtomicInteger();
        Flux<Integer> done = client.exchangeStreamingTransient(SynnefoRequest.get("data"), (head, body) -> {
            assertThat(head.status()).isEqualTo(200);
            return body.doOnNext(bb -> {
                assertThat(bb.isReadOnly()).as("a view the handler cannot write through").isTrue();
                int n = bb.remaining();
                bb.get(got, filled.get(), n);
                filled.addAndGet(n);
                chunks.incrementAndGet();
            }).then(Mono.just(filled.get()));
        });
        StepVerifier.create(done).expectNextCount(1).expectComplete().verify(WAIT);
        assertThat(filled).hasValue(data.length);
        assertThat(chunks.get()).as("streamed, not aggregated").isGreaterThan(1);
        assertThat(got).isEqualTo(data);
        SynnefoHttpClientTest.awaitNoAcquiredConnection(transport);
    }

    @Test
    void theCopyingVariantStillHandsOutBuffersTheHandlerOwns() {
        byte[] data = pattern(256 * 1024);
        serve("data", data);
        Flux<ByteBuffer> kept = client.exchangeStreaming(SynnefoRequest.get("data"), (head, body) -> body);
        List<ByteBuffer> buffers = kept.collectList().block(WAIT);
        assertThat(buffers).isNotNull().allSatisfy(b -> assertThat(b.hasArray()).isTrue());
        // read only after the whole body went by: owned copies are still intact
        ByteBuffer all = ByteBuffer.allocate(data.length);
        buffers.forEach(all::put);
        assertThat(all.array()).isEqualTo(data);
        SynnefoHttpClientTest.awaitNoAcquiredConnection(transport);
    }

    @Test
    void noBufferLeaksOnCompletionCancelOrHandlerFailure() throws InterruptedException {
        deliberateLeakIsSeen();

        byte[] data = pattern(512 * 1024);
        serve("data", data);
        // completes
        for (int i = 0; i < 3; i++) {
            Flux<Long> sum = client.exchangeStreamingTransient(SynnefoRequest.get("data"),
                    (head, body) -> body.map(bb -> (long) bb.remaining()).reduce(0L, Long::sum));
            StepVerifier.create(sum).expectNext((long) data.length).expectComplete().verify(WAIT);
        }
        SynnefoHttpClientTest.awaitNoAcquiredConnection(transport);

        // cancelled mid-body: a body that never ends
        server.route("/api/v1/endless", (req, res) -> res.header("Content-Type", "application/octet-stream")
                .sendByteArray(Flux.interval(Duration.ofMillis(1)).map(i -> new byte[CHUNK])).then());
        Flux<Integer> sizes = client.exchangeStreamingTransient(SynnefoRequest.get("endless"),
                (head, body) -> body.map(ByteBuffer::remaining));
        StepVerifier.create(sizes, 1)
                .expectNextCount(1)
                .then(() -> assertThat(transport.poolStats().acquired()).isEqualTo(1))
                .thenCancel()
                .verify(WAIT);
        SynnefoHttpClientTest.awaitNoAcquiredConnection(transport);

        // the handler fails on its third chunk
        AtomicInteger seen = new AtomicInteger();
        Flux<Integer> failing = client.exchangeStreamingTransient(SynnefoRequest.get("data"),
                (head, body) -> body.map(bb -> {
                    if (seen.incrementAndGet() == 3) {
                        throw new IllegalStateException("handler gives up");
                    }
                    return bb.remaining();
                }));
        StepVerifier.create(failing).expectNextCount(2).expectErrorMessage("handler gives up").verify(WAIT);
        SynnefoHttpClientTest.awaitNoAcquiredConnection(transport);

        transport.dispose();
        collectGarbageAndReport(10);
        assertThat(leaks).as("ByteBufs never released").isEmpty();
    }

    /** Proves the listener sees a leak in this JVM, so an empty list later means something. */
    private void deliberateLeakIsSeen() throws InterruptedException {
        ByteBuf leaked = ByteBufAllocator.DEFAULT.directBuffer(64);
        leaked.writeLong(7);
        leaked = null;
        collectGarbageAndReport(60);
        assertThat(leaks).as("the detector reports a deliberate leak").isNotEmpty();
        leaks.clear();
    }

    /** GC, then allocate: a PARANOID detector reports collected unreleased buffers on the next allocation. */
    private void collectGarbageAndReport(int rounds) throws InterruptedException {
        for (int i = 0; i < rounds && leaks.isEmpty(); i++) {
            System.gc();
            Thread.sleep(20);
            for (int j = 0; j < 4; j++) {
                ByteBufAllocator.DEFAULT.directBuffer(16).release();
            }
        }
    }
}
