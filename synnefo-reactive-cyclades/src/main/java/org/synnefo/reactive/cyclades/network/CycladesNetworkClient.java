package org.synnefo.reactive.cyclades.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.synnefo.reactive.core.ServiceClientBuilder;
import org.synnefo.reactive.core.http.SynnefoHttpClient;
import org.synnefo.reactive.core.http.SynnefoRequest;
import org.synnefo.reactive.cyclades.WaitOptions;
import org.synnefo.reactive.cyclades.internal.Json;
import org.synnefo.reactive.cyclades.internal.Waiters;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Cyclades network API ({@code /network/v2.0}, catalog type {@code network}, Neutron-like): networks,
 * subnets, ports (how servers are connected to networks) and floating IPs, with waiters on ports and
 * networks. The reactive counterpart of kamaki's {@code CycladesNetworkClient}.
 *
 * <p>Immutable and thread-safe. Creates (POST) are never retried automatically.
 *
 * <p>Waiter defaults for ports and networks ({@link #PORT_WAIT_DEFAULTS}, {@link #NETWORK_WAIT_DEFAULTS}):
 * first re-poll after 500 ms, at most 5 s between polls, 30 s per poll, 5 min overall, a 404 tolerated during
 * the first 10 s. The {@code ERROR} state fails the wait at once.
 */
public final class CycladesNetworkClient {

    /** Catalog type of the network service. */
    public static final String SERVICE_TYPE = "network";

    /** Waiter defaults for ports: 500 ms, 5 s, 30 s per poll, 5 min deadline, 10 s 404 grace. */
    public static final WaitOptions PORT_WAIT_DEFAULTS = new WaitOptions(Duration.ofMillis(500), Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(10), null);

    /** Waiter defaults for networks: the same as for ports. */
    public static final WaitOptions NETWORK_WAIT_DEFAULTS = PORT_WAIT_DEFAULTS;

    private static final List<NetworkType> TYPES = List.of(NetworkType.MAC_FILTERED, NetworkType.IP_LESS_ROUTED,
            NetworkType.PHYSICAL_VLAN, NetworkType.CUSTOM);

    private static final Waiters.Kind<Port> PORT = new Waiters.Kind<>("port",
            p -> p.status() == null ? "" : p.status().value(), Set.of("ERROR"), p -> "the port failed to build");

    private static final Waiters.Kind<Network> NETWORK = new Waiters.Kind<>("network",
            n -> n.status() == null ? "" : n.status().value(), Set.of("ERROR"), n -> "the network failed");

    private final SynnefoHttpClient http;

    private CycladesNetworkClient(SynnefoHttpClient http) {
        this.http = http;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param http the HTTP client of the network endpoint
     * @return a client over it
     */
    public static CycladesNetworkClient of(SynnefoHttpClient http) {
        return new CycladesNetworkClient(Objects.requireNonNull(http));
    }

    /** @return the underlying HTTP client */
    public SynnefoHttpClient httpClient() {
        return http;
    }

    /**
     * The network types Synnefo knows. A deployment enables only some for creation (by default
     * {@code MAC_FILTERED}); creating another gives 403.
     *
     * @return the types
     */
    public List<NetworkType> networkTypes() {
        return TYPES;
    }

    // ------------------------------------------------------------------ networks

    /** @return the networks visible to the caller (own, shared and public) */
    public Flux<Network> listNetworks() {
        return listNetworks(true, null);
    }

    /**
     * Lists networks (both views are detailed in Synnefo).
     *
     * @param detail whether to call {@code /networks/detail}
     * @param changesSince only networks changed since then (deleted included), or {@code null}
     * @return the networks
     */
    public Flux<Network> listNetworks(boolean detail, Instant changesSince) {
        SynnefoRequest r = (detail ? SynnefoRequest.get("networks", "detail") : SynnefoRequest.get("networks"))
                .query("changes-since", changesSince).expect(200, 304).operation("listNetworks");
        return http.retrieveJson(r).flatMapIterable(n -> Json.list(n.path("networks"), Network::fromJson));
    }

    /**
     * @param networkId the network id
     * @return the network (deleted ones included)
     */
    public Mono<Network> getNetworkDetails(String networkId) {
        return http.retrieveJson(SynnefoRequest.get("networks", networkId).expect(200).operation("getNetwork"))
                .map(n -> Network.fromJson(n.path("network")));
    }

    /**
     * Creates a private network in the caller's default project.
     *
     * @param type the type (usually {@link NetworkType#MAC_FILTERED})
     * @param name the name, or {@code null}
     * @return the network (ACTIVE, without subnets)
     */
    public Mono<Network> createNetwork(NetworkType type, String name) {
        return createNetwork(type, name, null, null);
    }

    /**
     * Creates a private network.
     *
     * @param type the type
     * @param name the name (at most 128 characters), or {@code null}
     * @param projectId the project to charge, or {@code null} for the default
     * @param sharedToProject whether the project's members see it, or {@code null}
     * @return the network
     */
    public Mono<Network> createNetwork(NetworkType type, String name, String projectId, Boolean sharedToProject) {
        ObjectNode body = Json.object();
        ObjectNode n = body.putObject("network").put("type", Objects.requireNonNull(type).value());
        n.put("admin_state_up", true);
        if (name != null) {
            n.put("name", name);
        }
        if (projectId != null) {
            n.put("project", projectId);
        }
        if (sharedToProject != null) {
            n.put("shared_to_project", sharedToProject);
        }
        return http.retrieveJson(SynnefoRequest.post("networks").jsonBody(body).idempotent(false).expect(201)
                .operation("createNetwork")).map(j -> Network.fromJson(j.path("network")));
    }

    /**
     * Renames a network.
     *
     * @param networkId the network id
     * @param name the new name
     * @return the network
     */
    public Mono<Network> updateNetwork(String networkId, String name) {
        ObjectNode body = Json.object();
        body.putObject("network").put("name", Objects.requireNonNull(name));
        return http.retrieveJson(SynnefoRequest.put("networks", networkId).jsonBody(body).expect(200)
                .operation("updateNetwork")).map(j -> Network.fromJson(j.path("network")));
    }

    /**
     * Deletes a network; 409 while ports or floating IPs use it.
     *
     * @param networkId the network id
     * @return completion
     */
    public Mono<Void> deleteNetwork(String networkId) {
        return http.send(SynnefoRequest.delete("networks", networkId).expect(204).operation("deleteNetwork"));
    }

    /**
     * Moves a network to another project.
     *
     * @param networkId the network id
     * @param projectId the project
     * @return completion
     */
    public Mono<Void> reassignNetwork(String networkId, String projectId) {
        return reassignNetwork(networkId, projectId, null);
    }

    /**
     * Moves a network to another project.
     *
     * @param networkId the network id
     * @param projectId the project
     * @param sharedToProject whether the project's members see it, or {@code null}
     * @return completion
     */
    public Mono<Void> reassignNetwork(String networkId, String projectId, Boolean sharedToProject) {
        return http.send(SynnefoRequest.post("networks", networkId, "action").jsonBody(reassign(projectId,
                sharedToProject)).idempotent(true).expect(200).operation("reassignNetwork"));
    }

    static ObjectNode reassign(String projectId, Boolean shared) {
        ObjectNode body = Json.object();
        ObjectNode r = body.putObject("reassign").put("project", Objects.requireNonNull(projectId, "projectId"));
        if (shared != null) {
            r.put("shared_to_project", shared);
        }
        return body;
    }

    // ------------------------------------------------------------------ subnets

    /** @return the subnets visible to the caller (public ones included) */
    public Flux<Subnet> listSubnets() {
        return http.retrieveJson(SynnefoRequest.get("subnets").expect(200).operation("listSubnets"))
                .flatMapIterable(n -> Json.list(n.path("subnets"), Subnet::fromJson));
    }

    /**
     * @param subnetId the subnet id
     * @return the subnet
     */
    public Mono<Subnet> getSubnetDetails(String subnetId) {
        return http.retrieveJson(SynnefoRequest.get("subnets", subnetId).expect(200).operation("getSubnet"))
                .map(n -> Subnet.fromJson(n.path("subnet")));
    }

    /**
     * Creates a subnet on a private network.
     *
     * @param request what to create
     * @return the subnet
     */
    public Mono<Subnet> createSubnet(SubnetCreateRequest request) {
        return http.retrieveJson(SynnefoRequest.post("subnets").jsonBody(request.toJson()).idempotent(false)
                .expect(201).operation("createSubnet")).map(n -> Subnet.fromJson(n.path("subnet")));
    }

    /**
     * Renames a subnet (the only change Synnefo allows).
     *
     * @param subnetId the subnet id
     * @param name the new name
     * @return the subnet
     */
    public Mono<Subnet> updateSubnet(String subnetId, String name) {
        ObjectNode body = Json.object();
        body.putObject("subnet").put("name", Objects.requireNonNull(name));
        return http.retrieveJson(SynnefoRequest.put("subnets", subnetId).jsonBody(body).expect(200)
                .operation("updateSubnet")).map(n -> Subnet.fromJson(n.path("subnet")));
    }

    /**
     * Deletes a subnet. Synnefo never allows it (400 {@code BadRequestException}); subnets go away with
     * their network. Kept for Neutron compatibility.
     *
     * @param subnetId the subnet id
     * @return completion
     */
    public Mono<Void> deleteSubnet(String subnetId) {
        return http.send(SynnefoRequest.delete("subnets", subnetId).expect(204).operation("deleteSubnet"));
    }

    // ------------------------------------------------------------------ ports

    /** @return the caller's ports */
    public Flux<Port> listPorts() {
        return listPorts(true);
    }

    /**
     * @param detail whether to call {@code /ports/detail}
     * @return the caller's ports
     */
    public Flux<Port> listPorts(boolean detail) {
        SynnefoRequest r = (detail ? SynnefoRequest.get("ports", "detail") : SynnefoRequest.get("ports"))
                .expect(200).operation("listPorts");
        return http.retrieveJson(r).flatMapIterable(n -> Json.list(n.path("ports"), Port::fromJson));
    }

    /**
     * @param portId the port id
     * @return the port
     */
    public Mono<Port> getPortDetails(String portId) {
        return http.retrieveJson(SynnefoRequest.get("ports", portId).expect(200).operation("getPort"))
                .map(n -> Port.fromJson(n.path("port")));
    }

    /**
     * Creates a port; with a device it connects that server to the network (asynchronously: the port goes
     * BUILD, then ACTIVE; wait with {@link #waitPortUntil}).
     *
     * @param request what to create
     * @return the port
     */
    public Mono<Port> createPort(PortCreateRequest request) {
        return http.retrieveJson(SynnefoRequest.post("ports").jsonBody(request.toJson()).idempotent(false)
                .expect(201).operation("createPort")).map(n -> Port.fromJson(n.path("port")));
    }

    /**
     * Renames a port.
     *
     * @param portId the port id
     * @param name the new name
     * @return the port
     */
    public Mono<Port> updatePort(String portId, String name) {
        ObjectNode body = Json.object();
        body.putObject("port").put("name", Objects.requireNonNull(name));
        return http.retrieveJson(SynnefoRequest.put("ports", portId).jsonBody(body).expect(200)
                .operation("updatePort")).map(n -> Port.fromJson(n.path("port")));
    }

    /**
     * Deletes a port (disconnects the server from the network).
     *
     * @param portId the port id
     * @return completion
     */
    public Mono<Void> deletePort(String portId) {
        return http.send(SynnefoRequest.delete("ports", portId).expect(204).operation("deletePort"));
    }

    // ------------------------------------------------------------------ floating IPs

    /** @return the caller's floating IPs */
    public Flux<FloatingIp> listFloatingIps() {
        return http.retrieveJson(SynnefoRequest.get("floatingips").expect(200).operation("listFloatingIps"))
                .flatMapIterable(n -> Json.list(n.path("floatingips"), FloatingIp::fromJson));
    }

    /**
     * @param floatingIpId the floating IP id
     * @return the floating IP
     */
    public Mono<FloatingIp> getFloatingIpDetails(String floatingIpId) {
        return http.retrieveJson(SynnefoRequest.get("floatingips", floatingIpId).expect(200)
                .operation("getFloatingIp")).map(n -> FloatingIp.fromJson(n.path("floatingip")));
    }

    /**
     * Reserves a floating IP from any pool, in the default project.
     *
     * @return the floating IP
     */
    public Mono<FloatingIp> reserveFloatingIp() {
        return reserveFloatingIp(null, null, null);
    }

    /**
     * Reserves a floating IP (kamaki's {@code create_floatingip}).
     *
     * @param floatingNetworkId the public network to take it from, or {@code null} for any pool
     * @param address a specific address, or {@code null}
     * @param projectId the project to charge, or {@code null}
     * @return the floating IP; 409 when no pool has a free address
     */
    public Mono<FloatingIp> reserveFloatingIp(String floatingNetworkId, String address, String projectId) {
        ObjectNode body = Json.object();
        ObjectNode f = body.putObject("floatingip");
        if (floatingNetworkId != null) {
            f.put("floating_network_id", floatingNetworkId);
        }
        if (address != null) {
            f.put("floating_ip_address", address);
        }
        if (projectId != null) {
            f.put("project", projectId);
        }
        return http.retrieveJson(SynnefoRequest.post("floatingips").jsonBody(body).idempotent(false).expect(200, 201)
                .operation("reserveFloatingIp")).map(n -> FloatingIp.fromJson(n.path("floatingip")));
    }

    /**
     * Releases a floating IP; 409 while a server uses it.
     *
     * @param floatingIpId the floating IP id
     * @return completion
     */
    public Mono<Void> releaseFloatingIp(String floatingIpId) {
        return http.send(SynnefoRequest.delete("floatingips", floatingIpId).expect(204)
                .operation("releaseFloatingIp"));
    }

    /**
     * Moves a floating IP to another project.
     *
     * @param floatingIpId the floating IP id
     * @param projectId the project
     * @return completion
     */
    public Mono<Void> reassignFloatingIp(String floatingIpId, String projectId) {
        return reassignFloatingIp(floatingIpId, projectId, null);
    }

    /**
     * Moves a floating IP to another project.
     *
     * @param floatingIpId the floating IP id
     * @param projectId the project
     * @param sharedToProject whether the project's members see it, or {@code null}
     * @return completion
     */
    public Mono<Void> reassignFloatingIp(String floatingIpId, String projectId, Boolean sharedToProject) {
        return http.send(SynnefoRequest.post("floatingips", floatingIpId, "action")
                .jsonBody(reassign(projectId, sharedToProject)).idempotent(true).expect(200)
                .operation("reassignFloatingIp"));
    }

    /**
     * Attaches a floating IP to a server: creates a port on the IP's network with the IP as fixed address
     * and the server as device.
     *
     * @param serverId the server
     * @param floatingIp the floating IP
     * @return the new port (BUILD until the server is connected)
     */
    public Mono<Port> attachFloatingIp(String serverId, FloatingIp floatingIp) {
        return createPort(PortCreateRequest.builder(floatingIp.floatingNetworkId()).device(serverId)
                .fixedIp(floatingIp.floatingIpAddress()).build());
    }

    /**
     * Detaches a floating IP from its server by deleting the port that uses it.
     *
     * @param floatingIpId the floating IP id
     * @return completion (at once when it is not attached)
     */
    public Mono<Void> detachFloatingIp(String floatingIpId) {
        return getFloatingIpDetails(floatingIpId)
                .flatMap(f -> f.portId() == null ? Mono.empty() : deletePort(f.portId()));
    }

    // ------------------------------------------------------------------ waiters

    /**
     * Waits until the port has {@code target} status (e.g. ACTIVE after connecting a server).
     *
     * @param portId the port id
     * @param target the awaited status
     * @return the port
     */
    public Mono<Port> waitPortUntil(String portId, String target) {
        return waitPortUntil(portId, PortStatus.of(target), WaitOptions.defaults());
    }

    /**
     * @param portId the port id
     * @param target the awaited status
     * @param options overrides of {@link #PORT_WAIT_DEFAULTS}
     * @return the port in that status
     */
    public Mono<Port> waitPortUntil(String portId, PortStatus target, WaitOptions options) {
        return watchPortUntil(portId, target, options).last();
    }

    /**
     * Waits while the port has {@code current} status (e.g. BUILD).
     *
     * @param portId the port id
     * @param current the status to leave
     * @return the port
     */
    public Mono<Port> waitPortWhile(String portId, String current) {
        return waitPortWhile(portId, PortStatus.of(current), WaitOptions.defaults());
    }

    /**
     * @param portId the port id
     * @param current the status to leave
     * @param options overrides of {@link #PORT_WAIT_DEFAULTS}
     * @return the port in another status
     */
    public Mono<Port> waitPortWhile(String portId, PortStatus current, WaitOptions options) {
        return watchPortWhile(portId, current, options).last();
    }

    /**
     * @param portId the port id
     * @param target the awaited status
     * @param options overrides of {@link #PORT_WAIT_DEFAULTS}
     * @return every observed state
     */
    public Flux<Port> watchPortUntil(String portId, PortStatus target, WaitOptions options) {
        return Waiters.watchUntil(PORT, portId, target.value(), getPortDetails(portId), options, PORT_WAIT_DEFAULTS);
    }

    /**
     * @param portId the port id
     * @param current the status to leave
     * @param options overrides of {@link #PORT_WAIT_DEFAULTS}
     * @return every observed state
     */
    public Flux<Port> watchPortWhile(String portId, PortStatus current, WaitOptions options) {
        return Waiters.watchWhile(PORT, portId, current.value(), getPortDetails(portId), options, PORT_WAIT_DEFAULTS);
    }

    /**
     * Waits until the network has {@code target} status.
     *
     * @param networkId the network id
     * @param target the awaited status
     * @return the network
     */
    public Mono<Network> waitNetworkUntil(String networkId, String target) {
        return waitNetworkUntil(networkId, NetworkStatus.of(target), WaitOptions.defaults());
    }

    /**
     * @param networkId the network id
     * @param target the awaited status
     * @param options overrides of {@link #NETWORK_WAIT_DEFAULTS}
     * @return the network in that status
     */
    public Mono<Network> waitNetworkUntil(String networkId, NetworkStatus target, WaitOptions options) {
        return watchNetworkUntil(networkId, target, options).last();
    }

    /**
     * Waits while the network has {@code current} status (e.g. PENDING).
     *
     * @param networkId the network id
     * @param current the status to leave
     * @return the network
     */
    public Mono<Network> waitNetworkWhile(String networkId, String current) {
        return waitNetworkWhile(networkId, NetworkStatus.of(current), WaitOptions.defaults());
    }

    /**
     * @param networkId the network id
     * @param current the status to leave
     * @param options overrides of {@link #NETWORK_WAIT_DEFAULTS}
     * @return the network in another status
     */
    public Mono<Network> waitNetworkWhile(String networkId, NetworkStatus current, WaitOptions options) {
        return watchNetworkWhile(networkId, current, options).last();
    }

    /**
     * @param networkId the network id
     * @param target the awaited status
     * @param options overrides of {@link #NETWORK_WAIT_DEFAULTS}
     * @return every observed state
     */
    public Flux<Network> watchNetworkUntil(String networkId, NetworkStatus target, WaitOptions options) {
        return Waiters.watchUntil(NETWORK, networkId, target.value(), getNetworkDetails(networkId), options,
                NETWORK_WAIT_DEFAULTS);
    }

    /**
     * @param networkId the network id
     * @param current the status to leave
     * @param options overrides of {@link #NETWORK_WAIT_DEFAULTS}
     * @return every observed state
     */
    public Flux<Network> watchNetworkWhile(String networkId, NetworkStatus current, WaitOptions options) {
        return Waiters.watchWhile(NETWORK, networkId, current.value(), getNetworkDetails(networkId), options,
                NETWORK_WAIT_DEFAULTS);
    }

    @Override
    public String toString() {
        return "CycladesNetworkClient[" + http + "]";
    }

    /** Builds a {@link CycladesNetworkClient}: {@code endpoint(url)} and {@code token(..)}, or {@code endpoints(astakos)}. */
    public static final class Builder extends ServiceClientBuilder<Builder> {

        private Builder() {
        }

        /** @return the client */
        public CycladesNetworkClient build() {
            return new CycladesNetworkClient(httpClient("network", SERVICE_TYPE));
        }
    }
}
