package org.synnefo.reactive.cyclades.compute;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.synnefo.reactive.cyclades.image.ImageStatus;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * An image as the compute API shows it ({@code /compute/v2.0/images}); its metadata are the Plankton
 * properties. List views without detail fill only {@code id}, {@code name} and {@code raw}.
 *
 * @param id the image id (the Pithos object uuid)
 * @param name the name
 * @param status {@code ACTIVE}, {@code SAVING}, {@code ERROR}, {@code DELETED} or {@code UNKNOWN}
 * @param progress 100 when ACTIVE, else 0; {@code null} when not sent
 * @param ownerId the owner's uuid ({@code user_id})
 * @param isPublic whether it is public
 * @param isSnapshot whether it is a volume snapshot
 * @param created creation time
 * @param updated last update time
 * @param metadata the image properties (e.g. {@code OS}, {@code users}, {@code osfamily})
 * @param raw the JSON object as received
 */
public record ComputeImage(String id, String name, ImageStatus status, Integer progress, String ownerId,
        boolean isPublic, boolean isSnapshot, Instant created, Instant updated, Map<String, String> metadata,
        JsonNode raw) {

    /**
     * @param n an image object
     * @return the image
     */
    public static ComputeImage fromJson(JsonNode n) {
        return new ComputeImage(Json.text(n, "id"), Json.text(n, "name"), ImageStatus.of(Json.text(n, "status")),
                Json.integer(n, "progress"), Json.text(n, "user_id"), Json.bool(n, "public", false),
                Json.bool(n, "is_snapshot", false), Json.instant(n, "created"), Json.instant(n, "updated"),
                Json.stringMap(n.path("metadata")), n);
    }
}
