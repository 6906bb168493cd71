package org.synnefo.reactive.cyclades;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.cyclades.compute.ComputeImage;
import org.synnefo.reactive.cyclades.compute.CycladesComputeClient;
import org.synnefo.reactive.cyclades.compute.Flavor;
import org.synnefo.reactive.cyclades.compute.Server;
import org.synnefo.reactive.cyclades.compute.ServerCreateRequest;
import org.synnefo.reactive.cyclades.compute.ServerNetwork;
import org.synnefo.reactive.cyclades.compute.ServerStatus;
import org.synnefo.reactive.cyclades.image.Image;
import org.synnefo.reactive.cyclades.image.ImageRegistration;
import org.synnefo.reactive.cyclades.image.PithosLocation;
import org.synnefo.reactive.cyclades.network.CycladesNetworkClient;
import org.synnefo.reactive.cyclades.network.FloatingIp;
import org.synnefo.reactive.cyclades.network.Network;
import org.synnefo.reactive.cyclades.network.NetworkType;
import org.synnefo.reactive.cyclades.network.Port;
import org.synnefo.reactive.cyclades.network.PortCreateRequest;
import org.synnefo.reactive.cyclades.network.PortStatus;
import org.synnefo.reactive.cyclades.network.SubnetCreateRequest;
import org.synnefo.reactive.cyclades.volume.CycladesBlockStorageClient;
import org.synnefo.reactive.cyclades.volume.Volume;
import org.synnefo.reactive.cyclades.volume.VolumeCreateRequest;
import org.synnefo.reactive.cyclades.volume.VolumeStatus;
import org.synnefo.reactive.cyclades.volume.VolumeType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The code examples of kamaki's "Clients reference" for Cyclades and Plankton, ported to the reactive API
 * and run against the emulator. Each example is written as one reactive pipeline, as an application would.
 */
class KamakiExamplesTest {

    static final Duration T = Duration.ofSeconds(30);
    static final WaitOptions W = Cloud.FAST;
    static Cloud cloud;
    static CycladesComputeClient compute;
    static CycladesNetworkClient network;
    static CycladesBlockStorageClient volumes;

    @BeforeAll
    static void start() {
        cloud = Cloud.start();
        compute = cloud.compute;
        network = cloud.network;
        volumes = cloud.volumes;
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    /** Picks an image and a flavor by their properties, as the kamaki examples do. */
    static Mono<ComputeImage> debian() {
        return compute.listImages().filter(i -> "debian".equalsIgnoreCase(i.metadata().get("os"))).next();
    }

    static Mono<Flavor> smallFlavor(String template) {
        return compute.listFlavors()
                .filter(f -> f.vcpus() == 1 && f.ramMiB() == 1024 && template.equals(f.diskTemplate())
                        && Boolean.TRUE.equals(f.allowCreate()))
                .next();
    }

    static Mono<Server> createAndWait(ServerCreateRequest.Builder b) {
        return compute.createServer(b.build()).flatMap(s -> compute.waitServerWhile(s.id(), ServerStatus.BUILD, W));
    }

    @Test
    void pickImageAndFlavorByProperties() {
        ComputeImage img = debian().block(T);
        Flavor flavor = smallFlavor("drbd").block(T);
        assertThat(img.metadata()).containsEntry("osfamily", "linux");
        assertThat(flavor.name()).isEqualTo("C1R1024D20drbd");
    }

    @Test
    void createPublicAndPrivateServersWaitAndReadTheIp() {
        Network priv = network.createNetwork(NetworkType.MAC_FILTERED, "private").block(T);
        network.createSubnet(SubnetCreateRequest.builder(priv.id(), "192.168.1.0/24").build()).block(T);
        FloatingIp ip = network.reserveFloatingIp().block(T);

        Server[] servers = Mono.zip(debian(), smallFlavor("drbd")).flatMap(t -> Mono.zip(
                createAndWait(ServerCreateRequest.builder("public", t.getT2().id(), t.getT1().id())
                        .networks(List.of(ServerNetwork.network(ip.floatingNetworkId(), ip.floatingIpAddress())))),
                createAndWait(ServerCreateRequest.builder("private", t.getT2().id(), t.getT1().id())
                        .networks(List.of(ServerNetwork.network(priv.id()))))))
                .map(t -> new Server[] {t.getT1(), t.getT2()}).block(T);

        assertThat(servers[0].status()).isEqualTo(ServerStatus.ACTIVE);
        assertThat(servers[0].ipv4()).contains(ip.floatingIpAddress());
        assertThat(servers[1].status()).isEqualTo(ServerStatus.ACTIVE);
        assertThat(servers[1].ipv4()).hasValueSatisfying(a -> assertThat(a).startsWith("192.168.1."));
        assertThat(servers[1].nics()).singleElement().satisfies(n -> assertThat(n.networkId()).isEqualTo(priv.id()));
    }

    @Test
    void rebootAndStart() {
        Server s = Mono.zip(debian(), smallFlavor("drbd"))
                .flatMap(t -> createAndWait(ServerCreateRequest.builder("rb", t.getT2().id(), t.getT1().id())))
                .flatMap(x -> compute.rebootServer(x.id(), true).then(compute.waitServerUntil(x.id(),
                        ServerStatus.ACTIVE, W)))
                .flatMap(x -> compute.shutdownServer(x.id()).then(compute.waitServerUntil(x.id(),
                        ServerStatus.STOPPED, W)))
                .flatMap(x -> compute.startServer(x.id()).then(compute.waitServerUntil(x.id(),
                        ServerStatus.ACTIVE, W)))
                .block(T);
        assertThat(s.status()).isEqualTo(ServerStatus.ACTIVE);
    }

    @Test
    void shutdownReassignAndResize() {
        Flavor bigger = compute.listFlavors().filter(f -> f.vcpus() == 2 && f.ramMiB() == 2048 && f.diskGiB() == 20
                && "drbd".equals(f.diskTemplate())).blockFirst(T);
        Server s = Mono.zip(debian(), smallFlavor("drbd"))
                .flatMap(t -> createAndWait(ServerCreateRequest.builder("rs", t.getT2().id(), t.getT1().id())))
                .flatMap(x -> compute.shutdownServer(x.id())
                        .then(compute.waitServerUntil(x.id(), ServerStatus.STOPPED, W)))
                .flatMap(x -> compute.reassignServer(x.id(), cloud.user.uuid()).thenReturn(x))
                .flatMap(x -> compute.resizeServer(x.id(), bigger.id())
                        .then(compute.waitServerUntil(x.id(), ServerStatus.STOPPED, W)))
                .block(T);
        assertThat(s.flavorId()).isEqualTo(bigger.id());
        assertThat(s.projectId()).isEqualTo(cloud.user.uuid());
    }

    @Test
    void privateNetworkBetweenTwoServers() {
        Network net = network.createNetwork(NetworkType.MAC_FILTERED, "between").block(T);
        network.createSubnet(SubnetCreateRequest.builder(net.id(), "10.20.0.0/24").build()).block(T);
        List<Port> ports = Mono.zip(debian(), smallFlavor("drbd"))
                .flatMapMany(t -> Flux.range(1, 2).flatMap(i -> createAndWait(
                        ServerCreateRequest.builder("node" + i, t.getT2().id(), t.getT1().id()))))
                .flatMap(s -> network.createPort(PortCreateRequest.builder(net.id()).device(s.id()).build()))
                .flatMap(p -> network.waitPortUntil(p.id(), PortStatus.ACTIVE, W))
                .collectList().block(T);
        assertThat(ports).hasSize(2).allSatisfy(p -> assertThat(p.ipv4()).hasValueSatisfying(
                a -> assertThat(a).startsWith("10.20.0.")));
        assertThat(ports.get(0).deviceId()).isNotEqualTo(ports.get(1).deviceId());
    }

    @Test
    void reserveAnIpAndConnectIt() {
        Server s = Mono.zip(debian(), smallFlavor("drbd")).flatMap(t -> createAndWait(
                ServerCreateRequest.builder("ip", t.getT2().id(), t.getT1().id()).noNetwork())).block(T);
        FloatingIp ip = network.reserveFloatingIp().block(T);
        Port p = network.attachFloatingIp(s.id(), ip)
                .flatMap(port -> network.waitPortUntil(port.id(), PortStatus.ACTIVE, W)).block(T);
        assertThat(p.ipv4()).contains(ip.floatingIpAddress());
        assertThat(compute.getServerDetails(s.id()).block(T).ipv4()).contains(ip.floatingIpAddress());
    }

    @Test
    void threeNodeClusterWithOneGateway() {
        Network lan = network.createNetwork(NetworkType.MAC_FILTERED, "cluster").block(T);
        network.createSubnet(SubnetCreateRequest.builder(lan.id(), "10.30.0.0/24").build()).block(T);
        FloatingIp gwIp = network.reserveFloatingIp().block(T);
        List<Server> cluster = Mono.zip(debian(), smallFlavor("drbd")).flatMapMany(t -> Flux.range(0, 3)
                        .flatMap(i -> createAndWait(ServerCreateRequest.builder(i == 0 ? "gateway" : "node" + i,
                                t.getT2().id(), t.getT1().id()).networks(i == 0
                                        ? List.of(ServerNetwork.network(gwIp.floatingNetworkId(),
                                                gwIp.floatingIpAddress()), ServerNetwork.network(lan.id()))
                                        : List.of(ServerNetwork.network(lan.id()))))))
                .collectSortedList((a, b) -> a.name().compareTo(b.name()))
                .block(T);
        assertThat(cluster).extracting(Server::name).containsExactly("gateway", "node1", "node2");
        Server gw = cluster.get(0);
        assertThat(gw.nics()).hasSize(2);
        assertThat(gw.ipv4()).contains(gwIp.floatingIpAddress());
        assertThat(cluster.subList(1, 3)).allSatisfy(n -> {
            assertThat(n.nics()).singleElement().satisfies(nic -> assertThat(nic.networkId()).isEqualTo(lan.id()));
            assertThat(n.ipv4()).hasValueSatisfying(a -> assertThat(a).startsWith("10.30.0."));
        });
    }

    @Test
    void volumeUnpluggedFromOneServerAndPluggedIntoAnother() {
        String type = volumes.listVolumeTypes().filter(VolumeType::detachable).blockFirst(T).id();
        List<Server> two = Mono.zip(debian(), smallFlavor("ext_archipelago")).flatMapMany(t -> Flux.range(1, 2)
                .flatMap(i -> createAndWait(ServerCreateRequest.builder("vm" + i, t.getT2().id(), t.getT1().id()))))
                .collectSortedList((a, b) -> a.name().compareTo(b.name())).block(T);
        Server a = two.get(0);
        Server b = two.get(1);
        Volume v = volumes.createVolume(VolumeCreateRequest.builder(2, "moving").volumeType(type).build())
                .flatMap(x -> volumes.waitVolumeUntil(x.id(), VolumeStatus.AVAILABLE, W))
                .flatMap(x -> compute.attachVolume(a.id(), x.id())
                        .then(volumes.waitVolumeUntil(x.id(), VolumeStatus.IN_USE, W)))
                .block(T);
        assertThat(v.attachments()).singleElement().satisfies(x -> assertThat(x.serverId()).isEqualTo(a.id()));

        Volume moved = compute.detachVolume(a.id(), v.id()).then(volumes.waitVolumeUntil(v.id(),
                        VolumeStatus.AVAILABLE, W))
                .flatMap(x -> compute.attachVolume(b.id(), x.id()))
                .then(volumes.waitVolumeUntil(v.id(), VolumeStatus.IN_USE, W))
                .block(T);
        assertThat(moved.attachments()).singleElement().satisfies(x -> assertThat(x.serverId()).isEqualTo(b.id()));
        assertThat(compute.getServerDetails(b.id()).block(T).volumeIds()).contains(v.id());
        assertThat(compute.getServerDetails(a.id()).block(T).volumeIds()).doesNotContain(v.id());
    }

    @Test
    void registerListAndUnregisterAnImage() throws Exception {
        cloud.putObject("images", "ubuntu-custom.diskdump", "image bytes".getBytes());
        PithosLocation loc = new PithosLocation(cloud.user.uuid(), "images", "ubuntu-custom.diskdump");
        Image img = cloud.images.register(ImageRegistration.builder("Ubuntu custom", loc)
                .property("OSFAMILY", "linux").property("ROOT_PARTITION", "1").property("USERS", "user").build())
                .block(T);
        assertThat(cloud.images.listPublic().map(Image::name).collectList().block(T)).contains("Ubuntu custom");
        assertThat(compute.getImageDetails(img.id()).block(T).metadata()).isNotEmpty();
        cloud.images.unregister(img.id()).block(T);
        assertThat(cloud.images.listPublic().map(Image::id).collectList().block(T)).doesNotContain(img.id());
    }
}
