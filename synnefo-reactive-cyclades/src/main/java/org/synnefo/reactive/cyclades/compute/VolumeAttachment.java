package org.synnefo.reactive.cyclades.compute;

import com.fasterxml.jackson.databind.JsonNode;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * A volume attached to a server ({@code os-volume_attachments}). In Cyclades the attachment id equals the
 * volume id.
 *
 * @param id the attachment id
 * @param volumeId the volume id
 * @param serverId the server id
 * @param device the device name (empty in Cyclades)
 * @param raw the JSON object as received
 */
public record VolumeAttachment(String id, String volumeId, String serverId, String device, JsonNode raw) {

    /**
     * @param n an attachment object
     * @return the attachment
     */
    public static VolumeAttachment fromJson(JsonNode n) {
        return new VolumeAttachment(Json.text(n, "id"), Json.text(n, "volumeId"), Json.text(n, "serverId"),
                Json.text(n, "device", ""), n);
    }
}
