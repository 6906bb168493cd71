package org.synnefo.reactive.cyclades.compute;

import com.fasterxml.jackson.databind.JsonNode;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * One NIC of a server (an entry of {@code attachments}): the port connecting it to a network.
 *
 * @param id the NIC (port) id
 * @param networkId the network id
 * @param macAddress the MAC address
 * @param ipv4 the IPv4 address, or empty
 * @param ipv6 the IPv6 address, or empty
 * @param ipType {@code fixed} or {@code floating} ({@code OS-EXT-IPS:type})
 * @param firewallProfile the firewall profile, or {@code null} when none is set
 * @param raw the JSON object as received
 */
public record ServerNic(String id, String networkId, String macAddress, String ipv4, String ipv6, String ipType,
        FirewallProfile firewallProfile, JsonNode raw) {

    /**
     * @param n an {@code attachments} entry
     * @return the NIC
     */
    public static ServerNic fromJson(JsonNode n) {
        return new ServerNic(Json.text(n, "id"), Json.text(n, "network_id"), Json.text(n, "mac_address"),
                Json.text(n, "ipv4", ""), Json.text(n, "ipv6", ""), Json.text(n, "OS-EXT-IPS:type"),
                FirewallProfile.of(Json.text(n, "firewallProfile")), n);
    }
}
