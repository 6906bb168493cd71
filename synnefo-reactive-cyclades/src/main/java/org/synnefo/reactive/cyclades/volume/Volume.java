package org.synnefo.reactive.cyclades.volume;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * A block storage volume. The create response and list views without detail fill only {@code id},
 * {@code name} and {@code raw}.
 *
 * @param id the volume id
 * @param name the name ({@code display_name})
 * @param description the description ({@code display_description})
 * @param status the status (lower case), or {@code null} without detail
 * @param sizeGiB the size in GiB, or {@code null}
 * @param volumeTypeId the volume type
 * @param attachments the servers it is attached to
 * @param snapshotId the snapshot it was created from, or {@code null}
 * @param imageId the image it was created from, or {@code null}
 * @param sourceVolumeId the volume it was cloned from, or {@code null}
 * @param metadata the metadata
 * @param deleteOnTermination whether it is deleted with its server, or {@code null}
 * @param userId the owner
 * @param projectId the project ({@code tenant_id})
 * @param sharedToProject whether the project's members see it
 * @param created creation time
 * @param deleted whether it was deleted
 * @param raw the JSON object as received
 */
public record Volume(String id, String name, String description, VolumeStatus status, Integer sizeGiB,
        String volumeTypeId, List<VolumeServerAttachment> attachments, String snapshotId, String imageId,
        String sourceVolumeId, Map<String, String> metadata, Boolean deleteOnTermination, String userId,
        String projectId, boolean sharedToProject, Instant created, boolean deleted, JsonNode raw) {

    /**
     * @param n a volume object
     * @return the volume
     */
    public static Volume fromJson(JsonNode n) {
        return new Volume(Json.text(n, "id"), Json.text(n, "display_name"), Json.text(n, "display_description"),
                VolumeStatus.of(Json.text(n, "status")), Json.integer(n, "size"), Json.text(n, "volume_type"),
                Json.list(n.path("attachments"), VolumeServerAttachment::fromJson), Json.text(n, "snapshot_id"),
                Json.text(n, "image_id"), Json.text(n, "source_volid"), Json.stringMap(n.path("metadata")),
                Json.bool(n, "delete_on_termination"), Json.text(n, "user_id"), Json.text(n, "tenant_id"),
                Json.bool(n, "shared_to_project", false), Json.instant(n, "created_at"), Json.bool(n, "deleted", false),
                n);
    }
}
