package org.synnefo.reactive.cyclades.compute;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * One diagnostic message of a server ({@code GET /servers/<id>/diagnostics}, newest first).
 *
 * @param level {@code ERROR}, {@code WARNING}, {@code INFO} or {@code DEBUG}
 * @param created when it was recorded
 * @param source what produced it (e.g. the image helper)
 * @param message the message
 * @param details further details, possibly empty
 * @param raw the JSON object as received
 */
public record ServerDiagnostic(String level, Instant created, String source, String message, String details,
        JsonNode raw) {

    /**
     * @param n a diagnostic object
     * @return the diagnostic
     */
    public static ServerDiagnostic fromJson(JsonNode n) {
        return new ServerDiagnostic(Json.text(n, "level"), Json.instant(n, "created"), Json.text(n, "source"),
                Json.text(n, "message", ""), Json.text(n, "details", ""), n);
    }
}
