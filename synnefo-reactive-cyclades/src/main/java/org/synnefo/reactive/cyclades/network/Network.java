package org.synnefo.reactive.cyclades.network;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * A network.
 *
 * @param id the network id
 * @param name the name (may be empty)
 * @param status the status
 * @param type the type (flavor)
 * @param userId the owner's uuid
 * @param projectId the project ({@code tenant_id})
 * @param sharedToProject whether the project's members see it
 * @param isPublic whether it is a public network
 * @param routerExternal {@code router:external}
 * @param floatingIpPool whether floating IPs are allocated from it ({@code SNF:floating_ip_pool})
 * @param subnetIds its subnets
 * @param created creation time
 * @param updated last update time
 * @param deleted whether it was deleted
 * @param raw the JSON object as received
 */
public record Network(String id, String name, NetworkStatus status, NetworkType type, String userId,
        String projectId, boolean sharedToProject, boolean isPublic, boolean routerExternal, boolean floatingIpPool,
        List<String> subnetIds, Instant created, Instant updated, boolean deleted, JsonNode raw) {

    /**
     * @param n a network object
     * @return the network
     */
    public static Network fromJson(JsonNode n) {
        return new Network(Json.text(n, "id"), Json.text(n, "name", ""), NetworkStatus.of(Json.text(n, "status")),
                NetworkType.of(Json.text(n, "type")), Json.text(n, "user_id"), Json.text(n, "tenant_id"),
                Json.bool(n, "shared_to_project", false), Json.bool(n, "public", false),
                Json.bool(n, "router:external", false), Json.bool(n, "SNF:floating_ip_pool", false),
                Json.stringList(n.path("subnets")), Json.instant(n, "created"), Json.instant(n, "updated"),
                Json.bool(n, "deleted", false), n);
    }
}
