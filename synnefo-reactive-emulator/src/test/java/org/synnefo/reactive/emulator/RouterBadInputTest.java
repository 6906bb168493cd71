package org.synnefo.reactive.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.emulator.internal.Exchange;

/** Bad input gets the real status and envelope, and the server keeps serving (§7 items 41, 42). */
class RouterBadInputTest {

    private static SynnefoEmulator emulator;
    private static AstakosHttp http;

    @BeforeAll
    static void start() {
        emulator = SynnefoEmulator.builder().start();
        http = new AstakosHttp(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static void stillServing() {
        assertThat(http.get("/account/v1.0/quotas", emulator.token()).status()).isEqualTo(200);
    }

    @Test
    void malformedJsonIsABadRequest() {
        AstakosHttp.Response r = http.postJson("/account/v1.0/commissions", emulator.serviceToken(), "{\"provisions\":");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/badRequest/code").asInt()).isEqualTo(400);
        assertThat(r.json().at("/badRequest/message").asText()).isEqualTo("Could not decode request body as JSON");
        assertThat(http.postJson("/account/v1.0/projects", emulator.token(), "not json").status()).isEqualTo(400);
        stillServing();
    }

    @Test
    void unknownPathsUnderAServiceAreBadRequestsElsewhereNotFound() {
        AstakosHttp.Response account = http.get("/account/v1.0/nonexistent", emulator.token());
        assertThat(account.status()).isEqualTo(400);
        assertThat(account.json().at("/badRequest/message").asText()).isEqualTo("API endpoint not found");
        assertThat(http.get("/account/v1.0/projects/x/y/z", emulator.token()).status()).isEqualTo(400);
        AstakosHttp.Response elsewhere = http.get("/nothing/here", null);
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.json().has("itemNotFound")).isTrue();
        stillServing();
    }

    @Test
    void wrongMethodsAre405WithAllow() {
        AstakosHttp.Response r = http.send("DELETE", "/account/v1.0/projects", emulator.token(), null, null);
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("GET,POST");
        assertThat(r.json().has("notAllowed")).isTrue();
        assertThat(http.send("DELETE", "/account/v1.0/quotas", emulator.token(), null, null).header("Allow"))
                .isEqualTo("GET");
    }

    @Test
    void missingAndUnknownTokensAre401() {
        AstakosHttp.Response none = http.get("/account/v1.0/projects", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().at("/unauthorized/message").asText()).isEqualTo("Access denied. No authentication token");
        assertThat(http.get("/account/v1.0/projects", "nope").json().at("/unauthorized/code").asInt()).isEqualTo(401);
    }

    @Test
    void oversizedHeadersAreRefusedAndTheServerKeepsServing() {
        String huge = "x".repeat(SynnefoEmulator.MAX_HEADER_SIZE + 1000);
        HttpRequest req = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/account/v1.0/resources"))
                .header("X-Huge", huge).GET().build();
        int status = http.send(req).status();
        assertThat(status).isIn(400, 431);
        stillServing();
    }

    @Test
    void oversizedJsonBodiesAre413() {
        String big = "{\"uuids\":[\"" + "a".repeat(Exchange.MAX_JSON_BODY) + "\"]}";
        AstakosHttp.Response r = http.postJson("/account/v1.0/user_catalogs", emulator.token(), big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().at("/requestEntityTooLarge/code").asInt()).isEqualTo(413);
        stillServing();
    }

    @Test
    void oversizedChunkedJsonBodiesAre413() {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        int chunks = Exchange.MAX_JSON_BODY / chunk.length + 2;
        // No Content-Length: the JDK client streams this body chunked.
        HttpRequest.BodyPublisher streamed = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofByteArrays(java.util.Collections.nCopies(chunks, chunk)));
        HttpRequest req = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/account/v1.0/user_catalogs"))
                .header("X-Auth-Token", emulator.token()).header("Content-Type", "application/json")
                .POST(streamed).build();
        AstakosHttp.Response r;
        try {
            r = http.send(req);
        } catch (java.io.UncheckedIOException e) {
            // The server may answer and close before the client finished sending: acceptable.
            r = null;
        }
        if (r != null) {
            assertThat(r.status()).isEqualTo(413);
        }
        stillServing();
    }

}
