package org.synnefo.reactive.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.synnefo.reactive.emulator.SynnefoEmulator;
import reactor.core.publisher.Flux;

/**
 * 200 MiB through the service and back, in a test JVM whose heap is capped at 128 MiB (the surefire
 * execution {@code streaming}): it can pass only if neither the upload nor the download is buffered
 * whole. The bytes are generated as they are sent and digested as they are received; the emulator keeps
 * its blocks on disk. The client here is a plain {@code WebClient}: {@code WebTestClient} records every
 * request body it sends (for its failure reports), which would itself hold the 200 MiB.
 */
@Tag("streaming")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StreamingUploadTest {

    static final int CHUNK = 64 * 1024;
    static final int CHUNKS = 200 * 16; // 200 MiB
    static final Path DATA = temp();
    static final SynnefoEmulator EMULATOR = SynnefoEmulator.builder().dataDir(DATA).blockSize(1024 * 1024).start();

    static Path temp() {
        try {
            return Files.createTempDirectory("webflux-streaming");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void cloud(DynamicPropertyRegistry registry) {
        registry.add("synnefo.auth-url", EMULATOR::authUrl);
        registry.add("synnefo.token", EMULATOR::token);
    }

    @AfterAll
    static void stop() throws IOException {
        EMULATOR.close();
        try (Stream<Path> files = Files.walk(DATA)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Value("${local.server.port}")
    int port;

    WebClient http;

    @BeforeEach
    void client() {
        http = WebClient.builder().baseUrl("http://127.0.0.1:" + port).build();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES) // 200 MiB each way
    void twoHundredMebibytesStreamInAndOut() {
        long max = Runtime.getRuntime().maxMemory();
        assertThat(max).as("the heap is capped below the file size").isLessThan(200L * 1024 * 1024);
        MessageDigest sent = sha256();
        Flux<DataBuffer> body = Flux.range(0, CHUNKS).map(i -> {
            byte[] chunk = new byte[CHUNK];
            new SplittableRandom(i).nextBytes(chunk);
            sent.update(chunk);
            return DefaultDataBufferFactory.sharedInstance.wrap(chunk);
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> r = http.post().uri("/files/big.bin").contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(BodyInserters.fromDataBuffers(body)).retrieve().toEntity(Map.class)
                .doOnNext(e -> assertThat(e.getStatusCode().value()).isEqualTo(201))
                .map(e -> (Map<String, Object>) e.getBody()).block(Duration.ofMinutes(3));
        assertThat(((Number) r.get("bytes")).longValue()).isEqualTo((long) CHUNK * CHUNKS);

        MessageDigest received = sha256();
        long[] count = {0};
        http.get().uri("/files/big.bin").retrieve().bodyToFlux(DataBuffer.class)
                .doOnNext(b -> {
                    byte[] bytes = new byte[b.readableByteCount()];
                    b.read(bytes);
                    DataBufferUtils.release(b);
                    received.update(bytes);
                    count[0] += bytes.length;
                })
                .then().block(Duration.ofMinutes(3));
        assertThat(count[0]).isEqualTo((long) CHUNK * CHUNKS);
        assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(HexFormat.of().formatHex(sent.digest()));
    }
}
