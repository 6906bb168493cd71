package org.synnefo.reactive.cyclades.network;

import com.fasterxml.jackson.databind.JsonNode;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * A floating (public) IP address reserved by the user.
 *
 * @param id the floating IP id
 * @param floatingIpAddress the address
 * @param fixedIpAddress the fixed address it maps to, or {@code null}
 * @param floatingNetworkId the public network it belongs to
 * @param portId the port using it, or {@code null} when detached
 * @param instanceId the server using it, or {@code null}
 * @param userId the owner
 * @param projectId the project ({@code tenant_id})
 * @param sharedToProject whether the project's members see it
 * @param deleted whether it was released
 * @param raw the JSON object as received
 */
public record FloatingIp(String id, String floatingIpAddress, String fixedIpAddress, String floatingNetworkId,
        String portId, String instanceId, String userId, String projectId, boolean sharedToProject, boolean deleted,
        JsonNode raw) {

    /**
     * @param n a floating IP object
     * @return the floating IP
     */
    public static FloatingIp fromJson(JsonNode n) {
        return new FloatingIp(Json.text(n, "id"), Json.text(n, "floating_ip_address"),
                Json.text(n, "fixed_ip_address"), Json.text(n, "floating_network_id"), Json.text(n, "port_id"),
                Json.text(n, "instance_id"), Json.text(n, "user_id"), Json.text(n, "tenant_id"),
                Json.bool(n, "shared_to_project", false), Json.bool(n, "deleted", false), n);
    }

    /** @return whether a server uses it */
    public boolean attached() {
        return portId != null || instanceId != null;
    }
}
