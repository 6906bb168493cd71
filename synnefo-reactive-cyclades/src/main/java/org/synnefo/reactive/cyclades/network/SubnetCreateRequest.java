package org.synnefo.reactive.cyclades.network;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * Everything {@code POST /subnets} accepts. A network has at most one subnet per IP version.
 *
 * <pre>{@code
 * SubnetCreateRequest.builder(net.id(), "10.0.3.0/24").noGateway().build()
 * }</pre>
 */
public final class SubnetCreateRequest {

    private final String networkId;
    private final String cidr;
    private final int ipVersion;
    private final String name;
    private final boolean gatewaySet;
    private final String gatewayIp;
    private final Boolean enableDhcp;
    private final Boolean enableSlaac;
    private final List<String> dnsNameservers;
    private final List<AllocationPool> allocationPools;

    private SubnetCreateRequest(Builder b) {
        this.networkId = b.networkId;
        this.cidr = b.cidr;
        this.ipVersion = b.ipVersion;
        this.name = b.name;
        this.gatewaySet = b.gatewaySet;
        this.gatewayIp = b.gatewayIp;
        this.enableDhcp = b.enableDhcp;
        this.enableSlaac = b.enableSlaac;
        this.dnsNameservers = b.dnsNameservers == null ? null : List.copyOf(b.dnsNameservers);
        this.allocationPools = b.allocationPools == null ? null : List.copyOf(b.allocationPools);
    }

    /**
     * @param networkId the network
     * @param cidr the CIDR, e.g. {@code 10.0.3.0/24}
     * @return a builder (IPv4, default gateway, DHCP on)
     */
    public static Builder builder(String networkId, String cidr) {
        return new Builder(networkId, cidr);
    }

    ObjectNode toJson() {
        ObjectNode s = Json.object();
        s.put("network_id", networkId);
        s.put("cidr", cidr);
        s.put("ip_version", ipVersion);
        if (name != null) {
            s.put("name", name);
        }
        if (gatewaySet) {
            if (gatewayIp == null) {
                s.putNull("gateway_ip");
            } else {
                s.put("gateway_ip", gatewayIp);
            }
        }
        if (enableDhcp != null) {
            s.put("enable_dhcp", enableDhcp);
        }
        if (enableSlaac != null) {
            s.put("enable_slaac", enableSlaac);
        }
        if (dnsNameservers != null) {
            ArrayNode a = s.putArray("dns_nameservers");
            dnsNameservers.forEach(a::add);
        }
        if (allocationPools != null) {
            ArrayNode a = s.putArray("allocation_pools");
            allocationPools.forEach(p -> a.addObject().put("start", p.start()).put("end", p.end()));
        }
        ObjectNode root = Json.object();
        root.set("subnet", s);
        return root;
    }

    /** Builds a {@link SubnetCreateRequest}. */
    public static final class Builder {
        private final String networkId;
        private final String cidr;
        private int ipVersion = 4;
        private String name;
        private boolean gatewaySet;
        private String gatewayIp;
        private Boolean enableDhcp;
        private Boolean enableSlaac;
        private List<String> dnsNameservers;
        private List<AllocationPool> allocationPools;

        private Builder(String networkId, String cidr) {
            this.networkId = Objects.requireNonNull(networkId, "networkId");
            this.cidr = Objects.requireNonNull(cidr, "cidr");
        }

        /** Makes it an IPv6 subnet. @return this */
        public Builder ipv6() {
            this.ipVersion = 6;
            return this;
        }

        /** @param value the name @return this */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** @param ip the gateway address (default: the first host of the CIDR) @return this */
        public Builder gateway(String ip) {
            this.gatewaySet = true;
            this.gatewayIp = Objects.requireNonNull(ip);
            return this;
        }

        /** Creates the subnet without a gateway ({@code "gateway_ip": null}). @return this */
        public Builder noGateway() {
            this.gatewaySet = true;
            this.gatewayIp = null;
            return this;
        }

        /** @param on whether DHCP is on (default true) @return this */
        public Builder enableDhcp(boolean on) {
            this.enableDhcp = on;
            return this;
        }

        /** @param on whether SLAAC is on (IPv6) @return this */
        public Builder enableSlaac(boolean on) {
            this.enableSlaac = on;
            return this;
        }

        /** @param servers DNS servers @return this */
        public Builder dnsNameservers(List<String> servers) {
            this.dnsNameservers = new ArrayList<>(servers);
            return this;
        }

        /** @param pools the allocation pools (IPv4 only) @return this */
        public Builder allocationPools(List<AllocationPool> pools) {
            this.allocationPools = new ArrayList<>(pools);
            return this;
        }

        /** @return the request */
        public SubnetCreateRequest build() {
            return new SubnetCreateRequest(this);
        }
    }
}
