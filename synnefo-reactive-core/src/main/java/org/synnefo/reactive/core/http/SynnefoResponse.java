package org.synnefo.reactive.core.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.synnefo.reactive.core.json.SynnefoJson;

/**
 * A response with its whole body in memory (for JSON calls and small bodies; large data streams through
 * {@link SynnefoHttpClient#exchangeStreaming}).
 *
 * @param status the HTTP status
 * @param headers the headers
 * @param body the body bytes, possibly empty (never null)
 * @param method the request method
 * @param url the request URL, without any token
 */
public record SynnefoResponse(int status, ResponseHeaders headers, byte[] body, String method, String url) {

    /** Validates. */
    public SynnefoResponse {
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }

    /** @return the body decoded as UTF-8 */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** @return the body parsed as a JSON tree ({@code MissingNode} when empty) */
    public JsonNode json() {
        return SynnefoJson.readTree(body);
    }

    /**
     * @param type the target type
     * @param <T> the type
     * @return the body decoded from JSON
     */
    public <T> T as(Class<T> type) {
        return SynnefoJson.read(body, type);
    }

    /**
     * @param type the target type
     * @param <T> the type
     * @return the body decoded from JSON
     */
    public <T> T as(TypeReference<T> type) {
        return SynnefoJson.read(body, type);
    }

    @Override
    public String toString() {
        return "SynnefoResponse[" + method + " " + url + " -> " + status + ", " + body.length + " bytes]";
    }
}
