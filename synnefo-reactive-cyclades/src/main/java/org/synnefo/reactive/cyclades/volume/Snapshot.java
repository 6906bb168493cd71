package org.synnefo.reactive.cyclades.volume;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * A volume snapshot (a Pithos object in the owner's {@code snapshots} container, registered as an image).
 *
 * @param id the snapshot id (the Pithos object uuid)
 * @param name the name ({@code display_name})
 * @param description the description
 * @param status the status (upper case)
 * @param sizeGiB the size in GiB, or {@code null}
 * @param volumeId the volume it was taken from
 * @param progress the progress in percent ({@code os-extended-snapshot-attribute:progress}), or {@code null}
 * @param metadata the metadata
 * @param userId the owner
 * @param projectId the project ({@code tenant_id})
 * @param created creation time
 * @param raw the JSON object as received
 */
public record Snapshot(String id, String name, String description, SnapshotStatus status, Integer sizeGiB,
        String volumeId, Integer progress, Map<String, String> metadata, String userId, String projectId,
        Instant created, JsonNode raw) {

    /**
     * @param n a snapshot object
     * @return the snapshot
     */
    public static Snapshot fromJson(JsonNode n) {
        return new Snapshot(Json.text(n, "id"), Json.text(n, "display_name"), Json.text(n, "display_description"),
                SnapshotStatus.of(Json.text(n, "status")), Json.integer(n, "size"), Json.text(n, "volume_id"),
                Json.integer(n, "os-extended-snapshot-attribute:progress"), Json.stringMap(n.path("metadata")),
                Json.text(n, "user_id"), Json.text(n, "tenant_id"), Json.instant(n, "created_at"), n);
    }
}
