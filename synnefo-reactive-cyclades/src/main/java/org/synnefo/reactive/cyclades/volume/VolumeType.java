package org.synnefo.reactive.cyclades.volume;

import com.fasterxml.jackson.databind.JsonNode;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * A volume type.
 *
 * @param id the type id
 * @param name the name
 * @param diskTemplate the disk template ({@code SNF:disk_template}, e.g. {@code ext_archipelago})
 * @param detachable whether volumes of this type may be detached and created standalone ({@code SNF:detachable})
 * @param deleted whether it was deleted
 * @param raw the JSON object as received
 */
public record VolumeType(String id, String name, String diskTemplate, boolean detachable, boolean deleted,
        JsonNode raw) {

    /**
     * @param n a volume type object
     * @return the type
     */
    public static VolumeType fromJson(JsonNode n) {
        return new VolumeType(Json.text(n, "id"), Json.text(n, "name"), Json.text(n, "SNF:disk_template"),
                Json.bool(n, "SNF:detachable", false), Json.bool(n, "deleted", false), n);
    }
}
