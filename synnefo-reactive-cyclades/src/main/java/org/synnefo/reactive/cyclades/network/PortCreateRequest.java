package org.synnefo.reactive.cyclades.network;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * Everything {@code POST /ports} accepts. With a device id the port connects that server to the network;
 * on a public network the fixed IP must be one of the caller's floating IPs.
 *
 * <pre>{@code
 * PortCreateRequest.builder(net.id()).device(server.id()).build()
 * }</pre>
 */
public final class PortCreateRequest {

    private final String networkId;
    private final String deviceId;
    private final String name;
    private final List<String> fixedIps;
    private final List<String> securityGroups;

    private PortCreateRequest(Builder b) {
        this.networkId = b.networkId;
        this.deviceId = b.deviceId;
        this.name = b.name;
        this.fixedIps = List.copyOf(b.fixedIps);
        this.securityGroups = b.securityGroups == null ? null : List.copyOf(b.securityGroups);
    }

    /**
     * @param networkId the network
     * @return a builder
     */
    public static Builder builder(String networkId) {
        return new Builder(networkId);
    }

    ObjectNode toJson() {
        ObjectNode p = Json.object();
        p.put("network_id", networkId);
        if (deviceId != null) {
            p.put("device_id", deviceId);
        }
        if (name != null) {
            p.put("name", name);
        }
        if (!fixedIps.isEmpty()) {
            ArrayNode a = p.putArray("fixed_ips");
            fixedIps.forEach(ip -> a.addObject().put("ip_address", ip));
        }
        if (securityGroups != null) {
            ArrayNode a = p.putArray("security_groups");
            securityGroups.forEach(a::add);
        }
        ObjectNode root = Json.object();
        root.set("port", p);
        return root;
    }

    /** Builds a {@link PortCreateRequest}. */
    public static final class Builder {
        private final String networkId;
        private String deviceId;
        private String name;
        private final List<String> fixedIps = new ArrayList<>();
        private List<String> securityGroups;

        private Builder(String networkId) {
            this.networkId = Objects.requireNonNull(networkId, "networkId");
        }

        /** @param serverId the server to connect @return this */
        public Builder device(String serverId) {
            this.deviceId = serverId;
            return this;
        }

        /** @param value the port name @return this */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** @param ipv4 the address to use (at most one, IPv4 only) @return this */
        public Builder fixedIp(String ipv4) {
            fixedIps.add(Objects.requireNonNull(ipv4));
            return this;
        }

        /** @param ids security group ids @return this */
        public Builder securityGroups(List<String> ids) {
            this.securityGroups = new ArrayList<>(ids);
            return this;
        }

        /** @return the request */
        public PortCreateRequest build() {
            return new PortCreateRequest(this);
        }
    }
}
