package org.synnefo.reactive.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fault rules: status, window, probability, latency, close, close mid-body, truncation, admin API. */
class FaultInjectionTest {

    private static final String RESOURCES = "/account/v1.0/resources";

    private SynnefoEmulator emulator;
    private AstakosHttp http;

    @BeforeEach
    void start() {
        emulator = SynnefoEmulator.builder().adminApi(true).start();
        http = new AstakosHttp(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void respondsWithAStatusHeadersAndBodyInsideItsWindow() {
        FaultRule rule = emulator.faults().add(FaultRule.builder().method("GET").path("/account/.*")
                .skip(1).times(2).respond(503, Map.of("Retry-After", "7"), "busy").build());
        assertThat(http.get(RESOURCES, null).status()).isEqualTo(200);
        AstakosHttp.Response r = http.get(RESOURCES, null);
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isEqualTo("7");
        assertThat(r.body()).isEqualTo("busy");
        assertThat(http.get(RESOURCES, null).status()).isEqualTo(503);
        assertThat(http.get(RESOURCES, null).status()).isEqualTo(200);
        // Other methods and paths never match.
        assertThat(http.send("POST", "/identity/v2.0/tokens", null, null, null).status()).isEqualTo(200);
        assertThat(emulator.faults().fired(rule.id())).isEqualTo(2);
        assertThat(emulator.faults().matched(rule.id())).isEqualTo(4);
        emulator.faults().clear();
        assertThat(emulator.faults().rules()).isEmpty();
    }

    @Test
    void probabilityIsReproducibleFromTheSeed() {
        FaultRule rule = emulator.faults().add(FaultRule.builder().path(RESOURCES).probability(0.3, 42)
                .respond(500).build());
        Random expected = new Random(42);
        for (int i = 0; i < 40; i++) {
            boolean fires = expected.nextDouble() < 0.3;
            assertThat(http.get(RESOURCES, null).status()).as("request " + i).isEqualTo(fires ? 500 : 200);
        }
        assertThat(emulator.faults().fired(rule.id())).isBetween(1L, 39L);
    }

    @Test
    void latencyDelaysWithoutBlockingOtherRequests() {
        emulator.faults().add(FaultRule.builder().path(RESOURCES).latency(Duration.ofMinutes(5)).build());
        HttpRequest slow = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + RESOURCES))
                .timeout(Duration.ofMillis(500)).GET().build();
        assertThatThrownBy(() -> http.send(slow)).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(java.net.http.HttpTimeoutException.class);
        // The event loop is free: an unaffected request is answered meanwhile.
        assertThat(http.get("/account/v1.0/quotas", emulator.token()).status()).isEqualTo(200);
    }

    @Test
    void latencyThenNormalAnswer() {
        FaultRule rule = emulator.faults().add(FaultRule.builder().path(RESOURCES).once()
                .latency(Duration.ofMillis(50)).build());
        assertThat(http.get(RESOURCES, null).status()).isEqualTo(200);
        assertThat(emulator.faults().fired(rule.id())).isEqualTo(1);
    }

    @Test
    void closesTheConnectionBeforeAnswering() throws IOException {
        FaultRule rule = emulator.faults().add(FaultRule.builder().path(RESOURCES).once().closeConnection().build());
        assertThat(rawGet(RESOURCES)).isEmpty();
        assertThat(emulator.faults().fired(rule.id())).isEqualTo(1);
        assertThat(http.get(RESOURCES, null).status()).isEqualTo(200);
        // POST is not retried by the JDK client: it sees the connection closed.
        emulator.faults().add(FaultRule.builder().method("POST").once().closeConnection().build());
        assertThatThrownBy(() -> http.postJson("/identity/v2.0/tokens", null, "{}"))
                .isInstanceOf(UncheckedIOException.class);
    }

    /** Sends a raw GET and returns everything received until the server closes. */
    private byte[] rawGet(String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", emulator.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                all.write(buf, 0, n);
            }
            return all.toByteArray();
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return -1;
    }

    @Test
    void closesInTheMiddleOfTheBody() throws IOException {
        FaultRule rule = emulator.faults().add(FaultRule.builder().path(RESOURCES).closeAfterBytes(100).build());
        String raw = new String(rawGet(RESOURCES), StandardCharsets.ISO_8859_1);
        int split = raw.indexOf("\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 200");
        assertThat(contentLength(raw.substring(0, split))).isGreaterThan(100);
        assertThat(raw.length() - split - 4).isEqualTo(100);
        assertThat(emulator.faults().fired(rule.id())).isEqualTo(1);
        assertThatThrownBy(() -> http.get(RESOURCES, null)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void truncatesTheBodyShortOfContentLength() throws IOException {
        emulator.faults().add(FaultRule.builder().path(RESOURCES).truncateBody(10).build());
        String raw = new String(rawGet(RESOURCES), StandardCharsets.ISO_8859_1);
        int split = raw.indexOf("\r\n\r\n");
        int length = contentLength(raw.substring(0, split));
        assertThat(raw.length() - split - 4).isEqualTo(length - 10);
    }

    @Test
    void resetsAShareOfConnectionsMidBody() {
        FaultRule rule = emulator.faults().add(FaultRule.builder().path(RESOURCES).probability(0.25, 7)
                .closeAfterBytes(10).build());
        int failed = 0;
        for (int i = 0; i < 40; i++) {
            try {
                assertThat(http.get(RESOURCES, null).status()).isEqualTo(200);
            } catch (UncheckedIOException e) {
                failed++;
            }
        }
        assertThat((long) failed).isEqualTo(emulator.faults().fired(rule.id())).isPositive();
    }

    @Test
    void adminApiAddsListsAndClearsRules() {
        AstakosHttp.Response added = http.postJson("/_emulator/faults", null,
                "{\"method\":\"GET\",\"path\":\"/account/v1\\\\.0/resources\",\"times\":1,"
                        + "\"action\":{\"type\":\"respond\",\"status\":503,\"headers\":{\"Retry-After\":\"1\"},\"body\":\"x\"}}");
        assertThat(added.status()).isEqualTo(201);
        String id = added.json().get("id").asText();
        assertThat(http.get(RESOURCES, null).status()).isEqualTo(503);
        assertThat(http.get(RESOURCES, null).status()).isEqualTo(200);

        AstakosHttp.Response list = http.get("/_emulator/faults", null);
        assertThat(list.json().size()).isEqualTo(1);
        assertThat(list.json().at("/0/id").asText()).isEqualTo(id);
        assertThat(list.json().at("/0/fired").asLong()).isEqualTo(1);
        assertThat(list.json().at("/0/matched").asLong()).isEqualTo(2);
        assertThat(list.json().at("/0/action/status").asInt()).isEqualTo(503);

        // A catch-all rule does not lock the admin API out.
        http.postJson("/_emulator/faults", null, "{\"action\":{\"type\":\"close\"}}");
        assertThat(http.get("/_emulator/faults", null).json().size()).isEqualTo(2);
        assertThat(http.postJson("/_emulator/faults", null, "{\"action\":{\"type\":\"explode\"}}").status())
                .isEqualTo(400);
        assertThat(http.postJson("/_emulator/faults", null, "{}").status()).isEqualTo(400);
        assertThat(http.send("DELETE", "/_emulator/faults/" + id, null, null, null).status()).isEqualTo(204);
        assertThat(http.send("DELETE", "/_emulator/faults/" + id, null, null, null).status()).isEqualTo(404);
        assertThat(http.send("DELETE", "/_emulator/faults", null, null, null).status()).isEqualTo(204);
        assertThat(http.get(RESOURCES, null).status()).isEqualTo(200);
    }

    @Test
    void adminApiIsOffByDefault() {
        try (SynnefoEmulator plain = SynnefoEmulator.builder().start()) {
            AstakosHttp client = new AstakosHttp(plain);
            assertThat(client.get("/_emulator/faults", null).status()).isEqualTo(404);
            assertThat(client.postJson("/_emulator/faults", null, "{\"action\":{\"type\":\"close\"}}").status())
                    .isEqualTo(404);
            assertThat(client.get(RESOURCES, null).status()).isEqualTo(200);
        }
    }

    @Test
    void invalidRulesAreRejected() {
        assertThatThrownBy(() -> FaultRule.builder().build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.builder().probability(2, 1).respond(500).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.builder().truncateBody(0)).isInstanceOf(IllegalArgumentException.class);
        emulator.faults().add(FaultRule.builder().id("same").respond(500).build());
        assertThatThrownBy(() -> emulator.faults().add(FaultRule.builder().id("same").respond(500).build()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
