package org.synnefo.reactive.cyclades.network;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * A port: the connection of a device (server) to a network. A port created with a device id is how a
 * server is connected to a network.
 *
 * @param id the port id
 * @param name the name
 * @param networkId the network
 * @param deviceId the server id, or {@code null} when unattached
 * @param deviceOwner {@code vm} when attached, else {@code null}
 * @param status the status
 * @param macAddress the MAC address
 * @param fixedIps the addresses
 * @param securityGroups security group ids (always empty in Synnefo)
 * @param userId the owner
 * @param projectId the project ({@code tenant_id})
 * @param created creation time
 * @param updated last update time
 * @param raw the JSON object as received
 */
public record Port(String id, String name, String networkId, String deviceId, String deviceOwner, PortStatus status,
        String macAddress, List<FixedIp> fixedIps, List<String> securityGroups, String userId, String projectId,
        Instant created, Instant updated, JsonNode raw) {

    /**
     * @param n a port object
     * @return the port
     */
    public static Port fromJson(JsonNode n) {
        return new Port(Json.text(n, "id"), Json.text(n, "name", ""), Json.text(n, "network_id"),
                Json.text(n, "device_id"), Json.text(n, "device_owner"), PortStatus.of(Json.text(n, "status")),
                Json.text(n, "mac_address"), Json.list(n.path("fixed_ips"), FixedIp::fromJson),
                Json.stringList(n.path("security_groups")), Json.text(n, "user_id"), Json.text(n, "tenant_id"),
                Json.instant(n, "created"), Json.instant(n, "updated"), n);
    }

    /** @return the first IPv4 address of the port, if any */
    public Optional<String> ipv4() {
        return fixedIps.stream().map(FixedIp::ipAddress).filter(a -> a != null && a.indexOf(':') < 0).findFirst();
    }
}
