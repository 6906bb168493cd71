package org.synnefo.reactive.cyclades.compute;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * A Cyclades server (virtual machine). List views without detail fill only {@code id}, {@code name} and
 * {@code raw}; every other component is then {@code null} or empty.
 *
 * @param id the server id (an integer on the wire)
 * @param name the name
 * @param status the status; {@code null} in list views without detail
 * @param taskState the pending task ({@code SNF:task_state}, e.g. {@code BUILDING}), empty when none
 * @param progress build progress in percent (100 when ACTIVE), or {@code null} when not sent
 * @param userId the owner's uuid
 * @param projectId the project the server is assigned to ({@code tenant_id})
 * @param sharedToProject whether the project's members see it
 * @param flavorId the flavor id
 * @param imageId the image id
 * @param created creation time
 * @param updated last update time
 * @param metadata the server metadata
 * @param tags the tags
 * @param nics the active NICs ({@code attachments}), sorted by NIC id
 * @param addresses the addresses by network id
 * @param volumeIds the ids of the attached volumes
 * @param diagnostics the latest diagnostic, if any
 * @param fqdn the fully qualified domain name ({@code SNF:fqdn})
 * @param keyNames the SSH key names ({@code SNF:key_names})
 * @param suspended whether an administrator suspended it
 * @param deleted whether it was deleted
 * @param adminPass the generated root password; only in the response of {@code createServer}
 * @param raw the JSON object as received
 */
public record Server(String id, String name, ServerStatus status, String taskState, Integer progress, String userId,
        String projectId, boolean sharedToProject, String flavorId, String imageId, Instant created, Instant updated,
        Map<String, String> metadata, List<String> tags, List<ServerNic> nics,
        Map<String, List<ServerAddress>> addresses, List<String> volumeIds, List<ServerDiagnostic> diagnostics,
        String fqdn, List<String> keyNames, boolean suspended, boolean deleted, String adminPass, JsonNode raw) {

    /**
     * Parses a server object (list entry, detail, or the create response).
     *
     * @param n the object inside {@code {"server": ...}}
     * @return the server
     */
    public static Server fromJson(JsonNode n) {
        Map<String, List<ServerAddress>> addresses = new LinkedHashMap<>();
        JsonNode addr = n.path("addresses");
        if (addr.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = addr.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                addresses.put(e.getKey(), Json.list(e.getValue(), ServerAddress::fromJson));
            }
        }
        JsonNode flavor = n.path("flavor");
        JsonNode image = n.path("image");
        return new Server(Json.text(n, "id"), Json.text(n, "name"), ServerStatus.of(Json.text(n, "status")),
                Json.text(n, "SNF:task_state", ""), Json.integer(n, "progress"), Json.text(n, "user_id"),
                Json.text(n, "tenant_id"), Json.bool(n, "shared_to_project", false),
                flavor.isObject() ? Json.text(flavor, "id") : Json.text(n, "flavor"),
                image.isObject() ? Json.text(image, "id") : Json.text(n, "image"),
                Json.instant(n, "created"), Json.instant(n, "updated"), Json.stringMap(n.path("metadata")),
                Json.stringList(n.path("tags")), Json.list(n.path("attachments"), ServerNic::fromJson),
                Collections.unmodifiableMap(addresses), Json.stringList(n.path("volumes")),
                Json.list(n.path("diagnostics"), ServerDiagnostic::fromJson), Json.text(n, "SNF:fqdn"),
                Json.stringList(n.path("SNF:key_names")), Json.bool(n, "suspended", false),
                Json.bool(n, "deleted", false), Json.text(n, "adminPass"), n);
    }

    /**
     * The first IPv4 address of any NIC, preferring NICs with a floating (public) address.
     *
     * @return the address, if the server has one
     */
    public Optional<String> ipv4() {
        List<ServerNic> ordered = new ArrayList<>(nics);
        ordered.sort((a, b) -> Boolean.compare(!"floating".equals(a.ipType()), !"floating".equals(b.ipType())));
        return ordered.stream().map(ServerNic::ipv4).filter(s -> s != null && !s.isEmpty()).findFirst();
    }

    /**
     * The first IPv6 address of any NIC.
     *
     * @return the address, if the server has one
     */
    public Optional<String> ipv6() {
        return nics.stream().map(ServerNic::ipv6).filter(s -> s != null && !s.isEmpty()).findFirst();
    }

    /**
     * Why the server is in ERROR, as well as the server says: the OpenStack {@code fault.message} if sent,
     * else the latest diagnostic message, else a generic text.
     *
     * @return the message
     */
    public String faultMessage() {
        String fault = Json.text(raw.path("fault"), "message");
        if (fault != null && !fault.isEmpty()) {
            return fault;
        }
        for (ServerDiagnostic d : diagnostics) {
            if (d.message() != null && !d.message().isEmpty()) {
                return d.details() == null || d.details().isEmpty() ? d.message() : d.message() + " (" + d.details() + ")";
            }
        }
        return "no fault message available";
    }
}
