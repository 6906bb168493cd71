package org.synnefo.reactive.cyclades.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.BadRequestException;
import org.synnefo.reactive.core.ConflictException;
import org.synnefo.reactive.core.ForbiddenException;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.cyclades.Cloud;
import org.synnefo.reactive.cyclades.compute.Server;
import org.synnefo.reactive.cyclades.compute.ServerCreateRequest;
import org.synnefo.reactive.cyclades.compute.ServerStatus;
import org.synnefo.reactive.emulator.CycladesSeed;

/** Every method of the network client against the emulator. */
class NetworkClientTest {

    static final Duration T = Duration.ofSeconds(20);
    static Cloud cloud;
    static CycladesNetworkClient net;

    @BeforeAll
    static void start() {
        cloud = Cloud.start();
        net = cloud.network;
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void networkLifecycle() {
        assertThat(net.networkTypes()).contains(NetworkType.MAC_FILTERED, NetworkType.CUSTOM);
        Network n = net.createNetwork(NetworkType.MAC_FILTERED, "lab").block(T);
        assertThat(n.status()).isEqualTo(NetworkStatus.ACTIVE);
        assertThat(n.type()).isEqualTo(NetworkType.MAC_FILTERED);
        assertThat(net.waitNetworkUntil(n.id(), "ACTIVE").block(T).name()).isEqualTo("lab");
        assertThat(net.listNetworks().map(Network::id).collectList().block(T)).contains(n.id(), "1");
        assertThat(net.listNetworks(false, null).map(Network::id).collectList().block(T)).contains(n.id());
        assertThat(net.getNetworkDetails("1").block(T).isPublic()).isTrue();
        assertThat(net.updateNetwork(n.id(), "lab2").block(T).name()).isEqualTo("lab2");
        net.reassignNetwork(n.id(), cloud.user.uuid(), true).block(T);
        assertThat(net.getNetworkDetails(n.id()).block(T).sharedToProject()).isTrue();
        net.reassignNetwork(n.id(), cloud.user.uuid()).block(T);

        Network shared = net.createNetwork(NetworkType.MAC_FILTERED, null, cloud.user.uuid(), true).block(T);
        assertThat(shared.sharedToProject()).isTrue();
        assertThatThrownBy(() -> net.createNetwork(NetworkType.CUSTOM, "x").block(T))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> net.createNetwork(NetworkType.of("WEIRD"), "x").block(T))
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> net.deleteNetwork("1").block(T)).isInstanceOf(ForbiddenException.class);

        net.deleteNetwork(shared.id()).block(T);
        net.deleteNetwork(n.id()).block(T);
        assertThat(net.waitNetworkUntil(n.id(), NetworkStatus.DELETED, Cloud.FAST).block(T).deleted()).isTrue();
    }

    @Test
    void subnets() {
        Network n = net.createNetwork(NetworkType.MAC_FILTERED, "subnetted").block(T);
        Subnet s = net.createSubnet(SubnetCreateRequest.builder(n.id(), "10.0.3.0/24").name("s1").build()).block(T);
        assertThat(s.gatewayIp()).isEqualTo("10.0.3.1");
        assertThat(s.allocationPools()).containsExactly(new AllocationPool("10.0.3.2", "10.0.3.254"));
        assertThat(s.enableDhcp()).isTrue();
        assertThat(net.getSubnetDetails(s.id()).block(T).cidr()).isEqualTo("10.0.3.0/24");
        assertThat(net.listSubnets().map(Subnet::id).collectList().block(T)).contains(s.id());
        assertThat(net.updateSubnet(s.id(), "renamed").block(T).name()).isEqualTo("renamed");
        assertThatThrownBy(() -> net.deleteSubnet(s.id()).block(T)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> net.createSubnet(SubnetCreateRequest.builder(n.id(), "10.0.4.0/24").build()).block(T))
                .isInstanceOf(BadRequestException.class);

        Network n2 = net.createNetwork(NetworkType.MAC_FILTERED, "nogw").block(T);
        Subnet nogw = net.createSubnet(SubnetCreateRequest.builder(n2.id(), "192.168.7.0/24").noGateway()
                .allocationPools(List.of(new AllocationPool("192.168.7.10", "192.168.7.20"))).build()).block(T);
        assertThat(nogw.gatewayIp()).isNull();
        assertThat(nogw.allocationPools()).containsExactly(new AllocationPool("192.168.7.10", "192.168.7.20"));
    }

    @Test
    void portsConnectAServer() {
        Network n = net.createNetwork(NetworkType.MAC_FILTERED, "ports").block(T);
        net.createSubnet(SubnetCreateRequest.builder(n.id(), "10.9.0.0/24").build()).block(T);
        Port free = net.createPort(PortCreateRequest.builder(n.id()).name("free").build()).block(T);
        assertThat(free.deviceId()).isNull();
        assertThat(free.status()).isEqualTo(PortStatus.DOWN);
        assertThat(net.updatePort(free.id(), "renamed").block(T).name()).isEqualTo("renamed");
        assertThat(net.listPorts().map(Port::id).collectList().block(T)).contains(free.id());
        assertThat(net.listPorts(false).map(Port::id).collectList().block(T)).contains(free.id());

        Server s = cloud.compute.createServer(ServerCreateRequest.builder("p", "1", CycladesSeed.DEBIAN_IMAGE)
                .noNetwork().build()).block(T);
        cloud.compute.waitServerUntil(s.id(), ServerStatus.ACTIVE, Cloud.FAST).block(T);
        Port p = net.createPort(PortCreateRequest.builder(n.id()).device(s.id()).fixedIp("10.9.0.50").build())
                .block(T);
        Port active = net.waitPortUntil(p.id(), "ACTIVE").block(T);
        assertThat(active.deviceId()).isEqualTo(s.id());
        assertThat(active.ipv4()).contains("10.9.0.50");
        assertThat(net.waitPortWhile(p.id(), "BUILD").block(T).status()).isEqualTo(PortStatus.ACTIVE);
        assertThat(net.getPortDetails(p.id()).block(T).fixedIps()).isNotEmpty();
        assertThatThrownBy(() -> net.createPort(PortCreateRequest.builder(n.id()).fixedIp("10.9.0.50").build())
                .block(T)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> net.deleteNetwork(n.id()).block(T)).isInstanceOf(ConflictException.class);
        net.deletePort(p.id()).block(T);
        net.deletePort(free.id()).block(T);
        assertThatThrownBy(() -> net.getPortDetails(free.id()).block(T)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void floatingIps() {
        FloatingIp ip = net.reserveFloatingIp().block(T);
        assertThat(ip.floatingIpAddress()).isNotBlank();
        assertThat(ip.attached()).isFalse();
        FloatingIp chosen = net.reserveFloatingIp("1", null, cloud.user.uuid()).block(T);
        assertThat(chosen.floatingNetworkId()).isEqualTo("1");
        assertThatThrownBy(() -> net.reserveFloatingIp(null, chosen.floatingIpAddress(), null).block(T))
                .isInstanceOf(ConflictException.class);
        assertThat(net.listFloatingIps().map(FloatingIp::id).collectList().block(T)).contains(ip.id(), chosen.id());
        assertThat(net.getFloatingIpDetails(ip.id()).block(T).floatingIpAddress()).isEqualTo(ip.floatingIpAddress());

        Server s = cloud.compute.createServer(ServerCreateRequest.builder("fip", "1", CycladesSeed.DEBIAN_IMAGE)
                .noNetwork().build()).block(T);
        cloud.compute.waitServerUntil(s.id(), ServerStatus.ACTIVE, Cloud.FAST).block(T);
        Port port = net.attachFloatingIp(s.id(), ip).block(T);
        net.waitPortUntil(port.id(), PortStatus.ACTIVE, Cloud.FAST).block(T);
        FloatingIp attached = net.getFloatingIpDetails(ip.id()).block(T);
        assertThat(attached.attached()).isTrue();
        assertThat(attached.instanceId()).isEqualTo(s.id());
        assertThat(cloud.compute.getServerDetails(s.id()).block(T).ipv4()).contains(ip.floatingIpAddress());
        assertThatThrownBy(() -> net.releaseFloatingIp(ip.id()).block(T)).isInstanceOf(ConflictException.class);

        net.detachFloatingIp(ip.id()).block(T);
        assertThat(net.getFloatingIpDetails(ip.id()).block(T).attached()).isFalse();
        net.detachFloatingIp(ip.id()).block(T); // not attached: nothing to do
        net.reassignFloatingIp(ip.id(), cloud.user.uuid(), false).block(T);
        net.reassignFloatingIp(ip.id(), cloud.user.uuid()).block(T);
        net.releaseFloatingIp(ip.id()).block(T);
        net.releaseFloatingIp(chosen.id()).block(T);
        assertThat(net.listFloatingIps().map(FloatingIp::id).collectList().block(T)).doesNotContain(ip.id());
    }
}
