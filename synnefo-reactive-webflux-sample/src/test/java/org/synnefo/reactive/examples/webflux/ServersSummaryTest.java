package org.synnefo.reactive.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.synnefo.reactive.emulator.CycladesSeed;
import org.synnefo.reactive.emulator.SynnefoEmulator;

/** {@code GET /servers/{id}/summary} over HTTP, against the embedded emulator, with BlockHound on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServersSummaryTest {

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
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    @Test
    void joinsTheServerItsPortsAndItsProjectQuota() {
        CycladesSeed seed = CycladesSeed.of(EMULATOR);
        int id = seed.createServer(EMULATOR.users().get(0), "web-1", CycladesSeed.SMALL_FLAVOR, CycladesSeed.DEBIAN_IMAGE);
        ServerSummary s = http.get().uri("/servers/{id}/summary", id).exchange()
                .expectStatus().isOk()
                .expectBody(ServerSummary.class).returnResult().getResponseBody();
        assertThat(s.id()).isEqualTo(String.valueOf(id));
        assertThat(s.name()).isEqualTo("web-1");
        assertThat(s.status()).isEqualTo("ACTIVE");
        assertThat(s.projectId()).isEqualTo(EMULATOR.users().get(0).uuid());
        assertThat(s.ports()).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo("ACTIVE");
            assertThat(p.addresses()).isNotEmpty();
        });
        assertThat(s.projectQuota()).containsKeys("cyclades.vm", "cyclades.cpu", "cyclades.ram", "cyclades.disk");
        assertThat(s.projectQuota().get("cyclades.vm").usage()).isGreaterThanOrEqualTo(1);
        assertThat(s.projectQuota().get("cyclades.vm").limit()).isEqualTo(5);
    }

    @Test
    void anUnknownServerIsA404() {
        http.get().uri("/servers/{id}/summary", 987654).exchange()
                .expectStatus().isEqualTo(HttpStatus.NOT_FOUND)
                .expectBody().jsonPath("$.status").isEqualTo(404);
    }
}
