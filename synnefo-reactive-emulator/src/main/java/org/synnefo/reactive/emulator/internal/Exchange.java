package org.synnefo.reactive.emulator.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.synnefo.reactive.emulator.EmulatorUser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * One request/response pair as a service handler sees it: the raw path split after the service
 * prefix, decoded query parameters (value-less flags included), the caller's user, the body, and
 * helpers that answer JSON, faults and bytes with the headers every Synnefo response carries.
 */
public final class Exchange {

    /** Bodies of JSON APIs larger than this are refused with 413 (Pithos data streams are not aggregated). */
    public static final int MAX_JSON_BODY = 4 * 1024 * 1024;

    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final EmulatorState state;
    private final String rawPath;
    private final String rawQuery;
    private final String prefix;
    private final Map<String, List<String>> query;

    public Exchange(HttpServerRequest request, HttpServerResponse response, EmulatorState state, String prefix) {
        this.request = request;
        this.response = response;
        this.state = state;
        this.prefix = prefix;
        String uri = request.uri();
        int q = uri.indexOf('?');
        this.rawPath = q < 0 ? uri : uri.substring(0, q);
        this.rawQuery = q < 0 ? "" : uri.substring(q + 1);
        this.query = parseQuery(rawQuery);
    }

    public HttpServerRequest request() { return request; }
    public HttpServerResponse response() { return response; }
    public EmulatorState state() { return state; }

    /** The HTTP method, upper case (custom methods such as COPY and MOVE included). */
    public String method() {
        return request.method().name();
    }

    /** The raw (still percent-encoded) request path, without the query. */
    public String rawPath() {
        return rawPath;
    }

    /** The raw path after the service prefix, starting with '/' (or empty). Never normalised: '//' survives. */
    public String rawSubPath() {
        return rawPath.length() >= prefix.length() ? rawPath.substring(prefix.length()) : "";
    }

    /**
     * The path after the service prefix split on '/', each part percent-decoded. Empty parts are kept
     * (so {@code a//b/} is {@code [a, "", b, ""]}); the leading '/' yields no part.
     */
    public List<String> segments() {
        String sub = rawSubPath();
        if (sub.startsWith("/")) {
            sub = sub.substring(1);
        }
        if (sub.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : sub.split("/", -1)) {
            out.add(decodePath(part));
        }
        return out;
    }

    /** Percent-decodes a path component ('+' stays '+', unlike form decoding). */
    public static String decodePath(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public String rawQuery() {
        return rawQuery;
    }

    /** True when the query has the parameter, with or without a value ({@code ?hashmap}). */
    public boolean hasQuery(String name) {
        return query.containsKey(name);
    }

    /** The first value of a query parameter; a value-less flag gives an empty string. */
    public Optional<String> query(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    public Map<String, List<String>> queryParams() {
        return Collections.unmodifiableMap(query);
    }

    /**
     * Ends a response that has no body (or answers a HEAD): the status and headers set so far are sent
     * as one full response when the handler completes. Deliberately not {@code response.send()}, which
     * ends the exchange at once on the calling thread (see {@link Router#handle} for why that hangs).
     */
    public static Mono<Void> noBody() {
        return Mono.empty();
    }

    public HttpHeaders headers() {
        return request.requestHeaders();
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(request.requestHeaders().get(name));
    }

    /** The token: the {@code X-Auth-Token} query parameter wins over the header, as in Synnefo. */
    public Optional<String> token() {
        Optional<String> q = query("X-Auth-Token");
        return q.isPresent() ? q : header("X-Auth-Token");
    }

    /** The caller, when the token is known. */
    public Optional<EmulatorUser> user() {
        return token().flatMap(state::userByToken);
    }

    /** The caller, or the real 401 fault for a missing or unknown token. */
    public EmulatorUser requireUser() {
        Optional<String> token = token();
        if (token.isEmpty()) {
            throw EmulatorFault.unauthorized("Access denied. No authentication token");
        }
        EmulatorUser user = state.userByToken(token.get())
                .orElseThrow(() -> EmulatorFault.unauthorized("Invalid token"));
        state.validate(user);
        return user;
    }

    /**
     * Checks the component (service) token of the service-only account APIs: missing gives 401 "Access
     * denied. No authentication token", anything but the configured service token 401 "Invalid token".
     */
    public void requireService() {
        Optional<String> token = token();
        if (token.isEmpty()) {
            throw EmulatorFault.unauthorized("Access denied. No authentication token");
        }
        if (!token.get().equals(state.serviceToken())) {
            throw EmulatorFault.unauthorized("Invalid token");
        }
    }

    /**
     * The whole body, bounded by {@link #MAX_JSON_BODY}: a larger declared {@code Content-Length} or a
     * larger streamed body is the 413 {@code requestEntityTooLarge} fault. Empty array when there is none.
     */
    public Mono<byte[]> body() {
        String declared = request.requestHeaders().get("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > MAX_JSON_BODY) {
                    return Mono.error(tooLarge());
                }
            } catch (NumberFormatException e) {
                return Mono.error(EmulatorFault.badRequest("Invalid Content-Length"));
            }
        }
        return request.receive()
                .reduceWith(java.io.ByteArrayOutputStream::new, (out, buf) -> {
                    int n = buf.readableBytes();
                    if (out.size() + (long) n > MAX_JSON_BODY) {
                        throw tooLarge();
                    }
                    byte[] chunk = new byte[n];
                    buf.getBytes(buf.readerIndex(), chunk);
                    out.write(chunk, 0, n);
                    return out;
                })
                .map(java.io.ByteArrayOutputStream::toByteArray)
                .defaultIfEmpty(new byte[0]);
    }

    private static EmulatorFault tooLarge() {
        return EmulatorFault.tooLarge("Request body too large")
                .withDetails("The limit of a JSON request body is " + MAX_JSON_BODY + " bytes");
    }

    /** The body as a stream of Netty buffers, for Pithos data (never aggregated whole). */
    public Flux<ByteBuf> bodyStream() {
        return request.receive();
    }

    /**
     * The JSON body, enforcing Synnefo's rules: a {@code Content-Type} starting with
     * {@code application/json} (else 400 "Unsupported Content-type") and parseable JSON.
     */
    public Mono<com.fasterxml.jackson.databind.JsonNode> jsonBody() {
        String ct = header("Content-Type").orElse("");
        if (!ct.toLowerCase().startsWith("application/json")) {
            return body().then(Mono.error(EmulatorFault.badRequest("Unsupported Content-type: '" + ct + "'")));
        }
        return body().map(Json::parse);
    }

    // ---- responses ----

    /** Adds the headers every Synnefo response has (§0.3). */
    public Exchange commonHeaders() {
        response.header("Vary", "X-Auth-Token");
        response.header("Cache-Control", "no-cache, no-store, must-revalidate, max-age=0");
        return this;
    }

    public Exchange header(String name, String value) {
        response.header(name, value);
        return this;
    }

    /** A JSON answer with the given status. */
    public Publisher<Void> json(int status, Object body) {
        byte[] bytes = Json.write(body);
        commonHeaders();
        response.status(status);
        response.header("Content-Type", "application/json; charset=UTF-8");
        response.header("Content-Length", Integer.toString(bytes.length));
        if ("HEAD".equals(method())) {
            return noBody();
        }
        return response.sendByteArray(Mono.just(bytes)).then();
    }

    /** A plain-text answer (Pithos text listings). */
    public Publisher<Void> text(int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        commonHeaders();
        response.status(status);
        response.header("Content-Type", "text/plain; charset=UTF-8");
        response.header("Content-Length", Integer.toString(bytes.length));
        if ("HEAD".equals(method())) {
            return noBody();
        }
        return response.sendByteArray(Mono.just(bytes)).then();
    }

    /** A response with no body (204, 201 on a PUT, 304, HEAD answers). */
    public Publisher<Void> empty(int status) {
        commonHeaders();
        response.status(status);
        if (status != 204 && status != 304 && !response.responseHeaders().contains("Content-Length")) {
            response.header("Content-Length", "0");
        }
        return noBody();
    }

    /** The Synnefo fault envelope for a fault. */
    public Publisher<Void> fault(EmulatorFault fault) {
        fault.headers().forEach(response::header);
        if (fault.emptyBody()) {
            return empty(fault.status());
        }
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("code", fault.status());
        inner.put("message", fault.getMessage());
        inner.put("details", fault.details());
        return json(fault.status(), Map.of(fault.faultName(), inner));
    }

    private static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }
}
