package org.synnefo.reactive.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import org.synnefo.reactive.core.SynnefoException;
import org.synnefo.reactive.core.SynnefoHttpException;
import org.synnefo.reactive.core.http.ResponseHeaders;
import org.synnefo.reactive.core.json.SynnefoJson;

/**
 * Turns an unexpected response into a typed {@link SynnefoHttpException}, reading Synnefo's fault
 * envelope: any single top-level key is the fault name (Cyclades/Pithos relay Astakos errors under the
 * literal key {@code fault}), with {@code message} and {@code details} inside.
 */
public final class Faults {

    /** How much of a body that is not a fault envelope goes into the message. */
    static final int SNIPPET_LENGTH = 200;

    private Faults() {
    }

    /**
     * Builds the exception for an unexpected status.
     *
     * @param status the status
     * @param reasonPhrase the reason phrase the server sent (may be empty)
     * @param headers the response headers
     * @param body the body bytes (possibly empty)
     * @param method the request method
     * @param safeUrl the URL without token
     * @param token the token sent, to scrub from any echo of it in the body, or {@code null}
     * @return the typed exception
     */
    public static SynnefoHttpException toException(int status, String reasonPhrase, ResponseHeaders headers,
            byte[] body, String method, String safeUrl, String token) {
        Duration retryAfter = retryAfter(headers.firstOrNull("Retry-After"), Instant.now());
        String reason = reasonPhrase == null || reasonPhrase.isBlank() ? "HTTP " + status : reasonPhrase;
        String faultName = null;
        String message = null;
        String details = "";
        JsonNode tree = parseQuietly(body);
        if (tree != null && tree.isObject() && tree.size() > 0) {
            if (tree.size() == 1) {
                Iterator<Map.Entry<String, JsonNode>> it = tree.fields();
                Map.Entry<String, JsonNode> only = it.next();
                faultName = only.getKey();
                JsonNode inner = only.getValue();
                if (inner.isObject()) {
                    message = text(inner.get("message"));
                    details = text(inner.get("details"));
                    if (details.isEmpty()) {
                        // Astakos' quota faults (413 overLimit, 404 on commissions) carry their figures in "data"
                        details = text(inner.get("data"));
                    }
                } else {
                    message = text(inner);
                }
            } else {
                message = text(tree.get("message"));
                details = text(tree.get("details"));
            }
            if (message == null || message.isEmpty()) {
                message = reason;
            }
        } else if (body.length == 0) {
            message = reason;
        } else {
            message = reason + ": " + snippet(body);
        }
        return SynnefoHttpException.of(status, faultName, scrub(message, token), scrub(details, token), method,
                safeUrl, retryAfter);
    }

    /**
     * Parses {@code Retry-After}: delta-seconds or an HTTP date.
     *
     * @param value the header value, or {@code null}
     * @param now the current instant (for dates)
     * @return the delay (never negative), or {@code null} when absent or unparsable
     */
    public static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static JsonNode parseQuietly(byte[] body) {
        int i = 0;
        while (i < body.length && Character.isWhitespace(body[i])) {
            i++;
        }
        if (i == body.length || body[i] != '{') {
            return null;
        }
        try {
            return SynnefoJson.readTree(body);
        } catch (SynnefoException e) {
            return null;
        }
    }

    /** Fault fields may be strings or JSON (Astakos relays its whole body as details): keep as text. */
    private static String text(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "";
        }
        return n.isValueNode() ? n.asText() : n.toString();
    }

    private static String snippet(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, SNIPPET_LENGTH * 4), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").trim();
        return s.length() > SNIPPET_LENGTH ? s.substring(0, SNIPPET_LENGTH) + "..." : s;
    }

    /** Tokens shorter than this are not scrubbed: they would mangle ordinary words (test tokens). */
    static final int MIN_SCRUBBED_TOKEN_LENGTH = 8;

    /** Replaces any echo of the token (a server may quote it in a fault) by {@value Urls#REDACTED}. */
    static String scrub(String text, String token) {
        if (text == null || token == null || token.length() < MIN_SCRUBBED_TOKEN_LENGTH || !text.contains(token)) {
            return text;
        }
        return text.replace(token, Urls.REDACTED);
    }
}
