package org.synnefo.reactive.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A tiny blocking HTTP client for the emulator's own tests (JDK HttpClient, called from the JUnit
 * thread only, never from an event loop) over the shared {@link TestHttp} transport.
 */
final class AstakosHttp {

    static final ObjectMapper MAPPER = TestHttp.MAPPER;

    /** A response: status, headers and body, with the body parsed as JSON on demand. */
    record Response(int status, java.net.http.HttpHeaders headers, String body) {
        JsonNode json() {
            return TestHttp.json(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final String base;

    AstakosHttp(String base) {
        this.base = base;
    }

    AstakosHttp(SynnefoEmulator emulator) {
        this(emulator.baseUrl());
    }

    Response get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    Response postJson(String path, String token, String json) {
        return send("POST", path, token, "application/json", json);
    }

    Response putJson(String path, String token, String json) {
        return send("PUT", path, token, "application/json", json);
    }

    Response send(String method, String path, String token, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    Response send(HttpRequest request) {
        HttpResponse<String> r = TestHttp.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.headers(), r.body());
    }

    static JsonNode parse(String json) {
        return TestHttp.json(json);
    }
}
