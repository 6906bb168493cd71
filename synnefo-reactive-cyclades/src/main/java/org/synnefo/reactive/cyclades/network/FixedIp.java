package org.synnefo.reactive.cyclades.network;

import com.fasterxml.jackson.databind.JsonNode;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * An address of a port.
 *
 * @param ipAddress the address
 * @param subnetId the subnet it belongs to
 */
public record FixedIp(String ipAddress, String subnetId) {

    /**
     * @param n a {@code fixed_ips} entry
     * @return the address
     */
    public static FixedIp fromJson(JsonNode n) {
        return new FixedIp(Json.text(n, "ip_address"), Json.text(n, "subnet"));
    }
}
