package org.synnefo.reactive.cyclades.compute;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * The tags of a server with their statuses (Synnefo applies tags asynchronously: a new tag is
 * {@code PENDADD} until it is set).
 *
 * @param tags the tags
 * @param statuses the status of each tag, in the same order (may be empty when the server sends none)
 * @param raw the JSON object as received
 */
public record ServerTags(List<String> tags, List<String> statuses, JsonNode raw) {

    /**
     * @param n the tags response
     * @return the tags
     */
    public static ServerTags fromJson(JsonNode n) {
        return new ServerTags(Json.stringList(n.path("tags")), Json.stringList(n.path("statuses")), n);
    }
}
