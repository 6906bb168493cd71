package org.synnefo.reactive.cyclades.image;

import com.fasterxml.jackson.databind.JsonNode;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * An image some user shares with the caller ({@code GET /shared-images/<uuid>}).
 *
 * @param imageId the image id
 * @param canShare whether it may be shared further
 */
public record SharedImage(String imageId, boolean canShare) {

    /**
     * @param n a shared image object
     * @return the entry
     */
    public static SharedImage fromJson(JsonNode n) {
        return new SharedImage(Json.text(n, "image_id"), Json.bool(n, "can_share", false));
    }
}
