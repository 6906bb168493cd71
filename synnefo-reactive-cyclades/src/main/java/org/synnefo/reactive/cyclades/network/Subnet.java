package org.synnefo.reactive.cyclades.network;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * A subnet of a network.
 *
 * @param id the subnet id
 * @param networkId the network
 * @param name the name
 * @param cidr the CIDR, e.g. {@code 10.0.3.0/24}
 * @param ipVersion 4 or 6
 * @param gatewayIp the gateway, or {@code null} when none
 * @param enableDhcp whether DHCP is on
 * @param allocationPools the pools addresses are taken from
 * @param dnsNameservers DNS servers
 * @param isPublic whether it belongs to a public network
 * @param userId the owner
 * @param projectId the project ({@code tenant_id})
 * @param raw the JSON object as received
 */
public record Subnet(String id, String networkId, String name, String cidr, int ipVersion, String gatewayIp,
        boolean enableDhcp, List<AllocationPool> allocationPools, List<String> dnsNameservers, boolean isPublic,
        String userId, String projectId, JsonNode raw) {

    /**
     * @param n a subnet object
     * @return the subnet
     */
    public static Subnet fromJson(JsonNode n) {
        Integer v = Json.integer(n, "ip_version");
        return new Subnet(Json.text(n, "id"), Json.text(n, "network_id"), Json.text(n, "name", ""),
                Json.text(n, "cidr"), v == null ? 4 : v, Json.text(n, "gateway_ip"), Json.bool(n, "enable_dhcp", false),
                Json.list(n.path("allocation_pools"), AllocationPool::fromJson),
                Json.stringList(n.path("dns_nameservers")), Json.bool(n, "public", false), Json.text(n, "user_id"),
                Json.text(n, "tenant_id"), n);
    }
}
