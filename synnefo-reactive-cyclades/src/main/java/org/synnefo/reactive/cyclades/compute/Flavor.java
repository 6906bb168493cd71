package org.synnefo.reactive.cyclades.compute;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * A hardware flavor. List views without detail fill only {@code id}, {@code name} and {@code raw}.
 *
 * @param id the flavor id (an integer on the wire)
 * @param name the name, e.g. {@code C2R2048D20drbd}
 * @param vcpus virtual CPUs, or {@code null} without detail
 * @param ramMiB memory in MiB, or {@code null}
 * @param diskGiB disk in GiB, or {@code null}
 * @param diskTemplate the disk template ({@code SNF:disk_template}, e.g. {@code drbd})
 * @param volumeTypeId the volume type id ({@code SNF:volume_type})
 * @param allowCreate whether servers may be created with it ({@code SNF:allow_create}); {@code null} when not sent
 * @param isPublic whether it is public ({@code os-flavor-access:is_public}); {@code null} when not sent
 * @param projectAccess the caller's projects granted access ({@code SNF:flavor-access})
 * @param raw the JSON object as received
 */
public record Flavor(String id, String name, Integer vcpus, Integer ramMiB, Integer diskGiB, String diskTemplate,
        String volumeTypeId, Boolean allowCreate, Boolean isPublic, List<String> projectAccess, JsonNode raw) {

    /**
     * @param n a flavor object
     * @return the flavor
     */
    public static Flavor fromJson(JsonNode n) {
        return new Flavor(Json.text(n, "id"), Json.text(n, "name"), Json.integer(n, "vcpus"), Json.integer(n, "ram"),
                Json.integer(n, "disk"), Json.text(n, "SNF:disk_template"), Json.text(n, "SNF:volume_type"),
                Json.bool(n, "SNF:allow_create"), Json.bool(n, "os-flavor-access:is_public"),
                Json.stringList(n.path("SNF:flavor-access")), n);
    }
}
