package org.synnefo.reactive.cyclades.volume;

import com.fasterxml.jackson.databind.JsonNode;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * Where a volume is attached (an entry of the volume's {@code attachments}).
 *
 * @param serverId the server
 * @param volumeId the volume
 * @param deviceIndex the disk index in the server (0 is the root volume), or {@code null}
 */
public record VolumeServerAttachment(String serverId, String volumeId, Integer deviceIndex) {

    /**
     * @param n an attachment object
     * @return the attachment
     */
    public static VolumeServerAttachment fromJson(JsonNode n) {
        return new VolumeServerAttachment(Json.text(n, "server_id"), Json.text(n, "volume_id"),
                Json.integer(n, "device_index"));
    }
}
