package org.synnefo.reactive.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.synnefo.reactive.emulator.SynnefoEmulator;

/** {@code POST} and {@code GET /files/{name}} (whole and ranged) against the embedded emulator, BlockHound on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FilesTest {

    static final SynnefoEmulator EMULATOR = SynnefoEmulator.builder().start();

    @DynamicPropertySource
    static void cloud(DynamicPropertyRegistry registry) {
        registry.add("synnefo.auth-url", EMULATOR::authUrl);
        registry.add("synnefo.token", EMULATOR::token);
    }

    @AfterAll
    static void stop() {
        EMULATOR.close();
    }

    @Value("${local.server.port}")
    int port;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(60))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
    }

    byte[] upload(String name, byte[] data, MediaType type) {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = http.post().uri("/files/{n}", name).contentType(type).bodyValue(data).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(r).containsEntry("name", name);
        assertThat(((Number) r.get("bytes")).longValue()).isEqualTo(data.length);
        return data;
    }

    @Test
    void aSmallTextFileGoesInAndComesBack() {
        byte[] text = "hello, Pithos\n".getBytes(StandardCharsets.UTF_8);
        upload("hello.txt", text, MediaType.TEXT_PLAIN);
        http.get().uri("/files/hello.txt").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                .expectHeader().valueEquals(HttpHeaders.ACCEPT_RANGES, "bytes")
                .expectHeader().contentLength(text.length)
                .expectBody(byte[].class).isEqualTo(text);
    }

    @Test
    void aMultiBlockFileAndRangesAcrossBlocks() {
        byte[] data = new byte[9 * 1024 * 1024 + 7];
        new Random(7).nextBytes(data);
        upload("data.bin", data, MediaType.APPLICATION_OCTET_STREAM);
        http.get().uri("/files/data.bin").exchange().expectStatus().isOk().expectBody(byte[].class).isEqualTo(data);

        int first = 4 * 1024 * 1024 - 10;
        int last = 8 * 1024 * 1024 + 20;
        http.get().uri("/files/data.bin").header(HttpHeaders.RANGE, "bytes=" + first + "-" + last).exchange()
                .expectStatus().isEqualTo(HttpStatus.PARTIAL_CONTENT)
                .expectHeader().valueEquals(HttpHeaders.CONTENT_RANGE, "bytes " + first + "-" + last + "/" + data.length)
                .expectBody(byte[].class).isEqualTo(Arrays.copyOfRange(data, first, last + 1));

        http.get().uri("/files/data.bin").header(HttpHeaders.RANGE, "bytes=-100").exchange()
                .expectStatus().isEqualTo(HttpStatus.PARTIAL_CONTENT)
                .expectBody(byte[].class).isEqualTo(Arrays.copyOfRange(data, data.length - 100, data.length));

        http.get().uri("/files/data.bin").header(HttpHeaders.RANGE, "bytes=" + data.length + "-").exchange()
                .expectStatus().isEqualTo(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                .expectHeader().valueEquals(HttpHeaders.CONTENT_RANGE, "bytes */" + data.length);
    }

    @Test
    void aMissingFileIsA404() {
        http.get().uri("/files/nothing-here").exchange().expectStatus().isNotFound();
    }
}
