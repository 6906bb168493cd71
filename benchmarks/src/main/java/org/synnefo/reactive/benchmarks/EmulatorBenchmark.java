package org.synnefo.reactive.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.synnefo.reactive.emulator.EmulatorUser;
import org.synnefo.reactive.emulator.SynnefoEmulator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The emulator's own throughput on loopback, driven by a plain Reactor Netty {@link HttpClient} (no
 * library, no hashing on the client): {@code blocks} block POSTs ({@code POST <container>?update}, 4 MiB
 * each, new content every time, {@code concurrency} at once), which the emulator receives, hashes and
 * stores, and as many ranged GETs of 4 MiB of one object, which it serves from its stored blocks.
 * The client only moves bytes, so the CPU measured is nearly all the emulator's.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx6g"})
public class EmulatorBenchmark {

    static final int BLOCK = SynnefoEmulator.DEFAULT_BLOCK_SIZE;
    static final String CONTAINER = "bench";
    static final String OBJECT = "ranged.bin";

    /** A started emulator, a plain HTTP client and the blocks to send. */
    @State(Scope.Benchmark)
    public static class Server {
        /** 4 MiB blocks per operation. */
        @Param("64")
        public int blocks;
        /** Requests in flight. */
        @Param("8")
        public int concurrency;

        SynnefoEmulator emulator;
        ConnectionProvider pool;
        HttpClient http;
        String containerUrl;
        byte[][] data;
        private long tag = System.nanoTime();

        long bytes() {
            return (long) blocks * BLOCK;
        }

        String key(String benchmark) {
            return benchmark + " blocks=" + blocks + " concurrency=" + concurrency;
        }

        /** Random blocks, allocated once. */
        @Setup(Level.Trial)
        public void trial() {
            SplittableRandom r = new SplittableRandom(11);
            data = new byte[blocks][];
            for (int i = 0; i < blocks; i++) {
                ByteBuffer b = ByteBuffer.allocate(BLOCK);
                while (b.hasRemaining()) {
                    b.putLong(r.nextLong());
                }
                data[i] = b.array();
            }
        }

        /**
         * A fresh emulator per iteration (its in-memory store grows by what the POSTs send), holding
         * the object that the ranged GETs read.
         */
        @Setup(Level.Iteration)
        public void iteration() {
            stop();
            emulator = SynnefoEmulator.builder().start();
            EmulatorUser user = emulator.users().get(0);
            pool = ConnectionProvider.builder("emulator-bench").maxConnections(Math.max(16, concurrency * 2))
                    .pendingAcquireMaxCount(-1).build();
            http = HttpClient.create(pool)
                    .responseTimeout(Duration.ofMinutes(2))
                    .headers(h -> h.set("X-Auth-Token", user.token()));
            containerUrl = emulator.baseUrl() + "/object-store/v1/" + user.uuid() + "/" + CONTAINER;
            int status = http.put().uri(containerUrl).response().map(r -> r.status().code()).block();
            if (status != 201 && status != 202) {
                throw new IllegalStateException("container PUT answered " + status);
            }
            stamp();
            List<String> hashes = postAll();
            String json = "{\"bytes\":" + bytes() + ",\"hashes\":[\"" + String.join("\",\"", hashes) + "\"]}";
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            int put = http.headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
                            .set(HttpHeaderNames.CONTENT_LENGTH, body.length))
                    .put().uri(containerUrl + "/" + OBJECT + "?hashmap&format=json")
                    .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
                    .response().map(r -> r.status().code()).block();
            if (put != 201) {
                throw new IllegalStateException("hashmap PUT answered " + put);
            }
        }

        /** New content in every block, so that every POST stores a new block. */
        @Setup(Level.Invocation)
        public void stamp() {
            tag++;
            for (int i = 0; i < blocks; i++) {
                ByteBuffer.wrap(data[i]).putLong(tag).putLong(i);
            }
        }

        /** @return the hashes the emulator answered, in block order */
        List<String> postAll() {
            return Flux.range(0, blocks)
                    .flatMapSequential(this::post, concurrency, 1)
                    .collectList()
                    .block();
        }

        private Mono<String> post(int i) {
            byte[] block = data[i];
            return http.headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
                            .set(HttpHeaderNames.CONTENT_LENGTH, block.length))
                    .post().uri(containerUrl + "?update&format=json")
                    .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(block)))
                    .responseSingle((resp, body) -> body.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                            .map(text -> {
                                if (resp.status().code() != 202) {
                                    throw new IllegalStateException("block POST answered " + resp.status()
                                            + ": " + text);
                                }
                                // ["<hex>"]
                                return text.replaceAll("[\\[\\]\" \\s]", "");
                            }));
        }

        /** @return the bytes received by ranged GETs of every block of the object */
        long getAll() {
            return Flux.range(0, blocks)
                    .flatMap(this::get, concurrency, 1)
                    .reduce(0L, Long::sum)
                    .block();
        }

        private Mono<Long> get(int i) {
            long from = (long) i * BLOCK;
            long to = from + BLOCK - 1;
            return http.headers(h -> h.set(HttpHeaderNames.RANGE, "bytes=" + from + "-" + to))
                    .get().uri(containerUrl + "/" + OBJECT)
                    .response((resp, body) -> {
                        if (resp.status().code() != 206) {
                            return Mono.error(new IllegalStateException("ranged GET answered " + resp.status()));
                        }
                        return body.map(ByteBuf::readableBytes).reduce(0L, (a, n) -> a + n);
                    })
                    .single()
                    .map(n -> {
                        if (n != BLOCK) {
                            throw new IllegalStateException("ranged GET of block " + i + " gave " + n + " bytes");
                        }
                        return n;
                    });
        }

        /** Stops the emulator and the client pool. */
        @TearDown(Level.Trial)
        public void stop() {
            if (pool != null) {
                pool.dispose();
                pool = null;
            }
            if (emulator != null) {
                emulator.close();
                emulator = null;
            }
        }
    }

    /**
     * {@code blocks} new 4 MiB blocks POSTed, {@code concurrency} at once; each answer is checked to be 202
     * with a hash.
     *
     * @param s the state
     * @return the hashes
     */
    @Benchmark
    public List<String> blockPosts(Server s) {
        CpuMeter cpu = CpuMeter.start();
        List<String> hashes = s.postAll();
        cpu.stop(s.key("blockPosts"));
        if (hashes.size() != s.blocks || hashes.stream().anyMatch(h -> h.length() != 64)) {
            throw new IllegalStateException("unexpected block POST answers: " + hashes);
        }
        return hashes;
    }

    /**
     * {@code blocks} ranged GETs of 4 MiB, {@code concurrency} at once; each body is counted.
     *
     * @param s the state
     * @return the bytes received
     */
    @Benchmark
    public long rangedGets(Server s) {
        CpuMeter cpu = CpuMeter.start();
        long n = s.getAll();
        cpu.stop(s.key("rangedGets"));
        if (n != s.bytes()) {
            throw new IllegalStateException("ranged GETs gave " + n + " bytes of " + s.bytes());
        }
        return n;
    }
}
