package org.synnefo.reactive.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.synnefo.reactive.astakos.Quota;
import org.synnefo.reactive.core.UnauthorizedException;
import org.synnefo.reactive.cyclades.WaitOptions;
import org.synnefo.reactive.cyclades.compute.Server;
import org.synnefo.reactive.cyclades.compute.ServerStatus;
import org.synnefo.reactive.cyclades.network.FloatingIp;
import org.synnefo.reactive.cyclades.network.Network;
import org.synnefo.reactive.cyclades.network.Port;
import org.synnefo.reactive.cyclades.network.PortStatus;
import org.synnefo.reactive.cyclades.volume.Volume;
import org.synnefo.reactive.cyclades.volume.VolumeStatus;
import org.synnefo.reactive.emulator.CycladesSeed;
import org.synnefo.reactive.examples.astakos.AstakosAuthenticate;
import org.synnefo.reactive.examples.astakos.AstakosProjectInfo;
import org.synnefo.reactive.examples.astakos.AstakosProjectQuotas;
import org.synnefo.reactive.examples.astakos.AstakosQuotas;
import org.synnefo.reactive.examples.astakos.AstakosResourceAllocation;
import org.synnefo.reactive.examples.compute.ComputeCreate;
import org.synnefo.reactive.examples.compute.ComputeImageFlavor;
import org.synnefo.reactive.examples.compute.ComputeQuotas;
import org.synnefo.reactive.examples.compute.ComputeReassignResize;
import org.synnefo.reactive.examples.compute.ComputeReboot;
import org.synnefo.reactive.examples.compute.ComputeWait;
import org.synnefo.reactive.examples.network.NetworkCluster;
import org.synnefo.reactive.examples.network.NetworkIp;
import org.synnefo.reactive.examples.network.NetworkVpn;
import org.synnefo.reactive.examples.volume.VolumePlugUnplug;

/**
 * Each Astakos and Cyclades example, in the tour's order, against the seeded embedded cloud with immediate
 * state changes: what it prints, and what it leaves in the cloud (read back through the clients).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AstakosAndCycladesExamplesTest {

    static final Duration T = Duration.ofSeconds(30);
    static final String UUID = TourCloud.USER.uuid();
    static final WaitOptions FAST = WaitOptions.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(50))
            .withDeadline(Duration.ofSeconds(20));

    TourCloud cloud;
    ExampleContext ctx;
    final Output out = new Output();
    String course;

    @BeforeAll
    void start() {
        cloud = TourCloud.start(Duration.ZERO);
        ctx = ExampleContext.builder().authUrl(cloud.authUrl()).token(cloud.token()).out(out.stream).waits(FAST)
                .build();
        course = cloud.courseProject();
    }

    @AfterAll
    void stop() {
        ctx.close();
        cloud.close();
    }

    String run(Example e) {
        out.take();
        e.run(ctx).block(T);
        return out.take();
    }

    Server server(String name) {
        return ctx.server(name).block(T);
    }

    Map<String, Quota> quotas(String project) {
        return ctx.astakos().getQuotas().block(T).get(project);
    }

    @Test
    @Order(1)
    void authenticate() {
        assertThat(run(new AstakosAuthenticate())).isEqualTo(
                "Authentication was successful for Example User, with uuid " + UUID + "\n");
    }

    @Test
    @Order(2)
    void authenticateWithARejectedToken() {
        Output o = new Output();
        try (ExampleContext bad = ExampleContext.builder().authUrl(cloud.authUrl()).token("not-a-token").out(o.stream)
                .build()) {
            assertThatThrownBy(() -> new AstakosAuthenticate().run(bad).block(T))
                    .isInstanceOf(UnauthorizedException.class);
        }
        assertThat(o.take()).startsWith("Authentication failed, ");
    }

    @Test
    @Order(3)
    void quotasOfVmsAndIps() {
        assertThat(run(new AstakosQuotas())).isEqualTo("You are using 0/2 VMs and 1/1 IPs\n");
    }

    @Test
    @Order(4)
    void projectInfo() {
        assertThat(run(new AstakosProjectInfo())).contains(
                "system:" + UUID + " (" + UUID + ")\n    system project\n\n",
                "CS333 lab assignments (" + course + ")\n    Virtual clusters for CS333 assignments\n"
                        + "    https://university.example.com/courses/cs333\n\n");
    }

    @Test
    @Order(5)
    void quotasPerProject() {
        String printed = run(new AstakosProjectQuotas());
        assertThat(printed).startsWith(UUID + "\n  cyclades.cpu: 0/2\n  cyclades.disk: 0/42949672960\n"
                + "  cyclades.floating_ip: 1/1\n  cyclades.network.private: 0/2\n  cyclades.ram: 0/1073741824\n"
                + "  cyclades.vm: 0/2\n  pithos.diskspace: ");
        assertThat(printed).contains(course + "\n  cyclades.cpu: 0/8\n", "  cyclades.vm: 0/8\n",
                "  pithos.diskspace: ");
        assertThat(printed).doesNotContain("total_cpu", "pending_app");
    }

    @Test
    @Order(6)
    void reserveAnIpInTheCourseProject() {
        String printed = run(new AstakosResourceAllocation());
        assertThat(printed).matches("A new IP 203\\.0\\.113\\.\\d+ is reserved for you \\(project " + course + "\\)\n");
        String address = printed.split(" ")[3];
        FloatingIp ip = ctx.network().listFloatingIps().filter(i -> address.equals(i.floatingIpAddress()))
                .blockFirst(T);
        assertThat(ip.projectId()).isEqualTo(course);
        assertThat(quotas(course).get("cyclades.floating_ip").usage()).isEqualTo(1);
    }

    @Test
    @Order(7)
    void serverQuotas() {
        String printed = run(new ComputeQuotas());
        assertThat(printed).contains("Project " + UUID + "\n\tcyclades.vm ... OK\n\tcyclades.cpu ... OK\n"
                + "\tcyclades.ram ... OK\n\tcyclades.disk ... OK\n\tcyclades.network.private ... OK\n"
                + "\tcyclades.floating_ip: ... EXCEEDED\n");
        assertThat(printed).contains("Project " + course + "\n\tcyclades.vm ... OK\n");
    }

    @Test
    @Order(8)
    void createAPublicAndAPrivateServer() {
        String printed = run(new ComputeCreate());
        assertThat(printed).contains("Flavor C1R1024D20ext_archipelago, image Debian Base, project " + course)
                .containsPattern("Created My public server \\(id \\d+, BUILD\\) with IP 203\\.0\\.113\\.\\d+\n")
                .containsPattern("Created My private server \\(id \\d+, BUILD\\) without networking\n");
        Server pub = server(TourNames.PUBLIC_SERVER);
        Server priv = server(TourNames.PRIVATE_SERVER);
        assertThat(pub.projectId()).isEqualTo(course);
        assertThat(priv.projectId()).isEqualTo(course);
        String ip = printed.replaceAll("(?s).*with IP (\\S+)\n.*", "$1");
        assertThat(pub.nics()).singleElement().satisfies(n -> assertThat(n.ipv4()).isEqualTo(ip));
        assertThat(priv.nics()).isEmpty();
        assertThat(quotas(course).get("cyclades.vm").usage()).isEqualTo(2);
    }

    @Test
    @Order(9)
    void createAndWaitThenPrintTheIp() {
        String printed = run(new ComputeWait());
        Server s = server(TourNames.WAITED_SERVER);
        assertThat(printed).startsWith("Server status is BUILD\n")
                .contains("    My server: ACTIVE\n")
                .endsWith("Server " + s.id() + " is now ACTIVE\n\tName: My server\n\tIP: " + s.ipv4().orElseThrow() + "\n");
        assertThat(s.status()).isEqualTo(ServerStatus.ACTIVE);
        assertThat(s.projectId()).isEqualTo(UUID);
    }

    @Test
    @Order(10)
    void pickFlavorsAndImages() {
        assertThat(run(new ComputeImageFlavor())).isEqualTo("2 flavors match\n\t3 (C2R2048D20drbd)\n"
                + "\t9 (C2R2048D20ext_archipelago)\n1 images match: " + CycladesSeed.DEBIAN_IMAGE + " (Debian Base)\n");
    }

    @Test
    @Order(11)
    void rebootARunningServer() {
        Server s = server(TourNames.WAITED_SERVER);
        String printed = run(new ComputeReboot());
        assertThat(printed).startsWith("Server " + s.id() + " (My server) is ACTIVE\n")
                .endsWith("Server " + s.id() + " is now ACTIVE\n");
        assertThat(server(TourNames.WAITED_SERVER).status()).isEqualTo(ServerStatus.ACTIVE);
    }

    @Test
    @Order(12)
    void startAStoppedServer() {
        Server s = server(TourNames.WAITED_SERVER);
        ctx.compute().shutdownServer(s.id()).then(ctx.compute().waitServerUntil(s.id(), ServerStatus.STOPPED, FAST))
                .block(T);
        String printed = run(new ComputeReboot());
        assertThat(printed).startsWith("Server " + s.id() + " (My server) is STOPPED\n")
                .endsWith("Server " + s.id() + " is now ACTIVE\n");
        assertThat(server(TourNames.WAITED_SERVER).status()).isEqualTo(ServerStatus.ACTIVE);
    }

    @Test
    @Order(13)
    void reassignAndResizeWhenTheProjectHasNoRoom() {
        String printed = run(new ComputeReassignResize());
        Server s = server(TourNames.WAITED_SERVER);
        assertThat(printed).contains("has flavor C1R1024D20ext_archipelago in project " + UUID,
                "resizing to C2R2048D20ext_archipelago: its project has no room for 2 CPUs and 2048 MiB of RAM, "
                        + "so it moves to project " + course,
                "reassigned to project " + course,
                "Server " + s.id() + " is ACTIVE with flavor 9 in project " + course);
        assertThat(s.status()).isEqualTo(ServerStatus.ACTIVE);
        assertThat(s.flavorId()).isEqualTo("9");
        assertThat(s.projectId()).isEqualTo(course);
        assertThat(quotas(UUID).get("cyclades.vm").usage()).isZero();
        assertThat(quotas(course).get("cyclades.cpu").usage()).isEqualTo(4);
    }

    @Test
    @Order(14)
    void privateNetworkBetweenTwoServers() {
        String printed = run(new NetworkVpn());
        Network vpn = ctx.network().listNetworks().filter(n -> TourNames.VPN.equals(n.name())).blockFirst(T);
        assertThat(vpn.projectId()).isEqualTo(course);
        List<Port> ports = ctx.network().listPorts().filter(p -> vpn.id().equals(p.networkId())).collectList().block(T);
        assertThat(ports).extracting(Port::deviceId).containsExactlyInAnyOrder(server(TourNames.PUBLIC_SERVER).id(),
                server(TourNames.PRIVATE_SERVER).id());
        assertThat(ports).allSatisfy(p -> assertThat(p.status()).isEqualTo(PortStatus.ACTIVE));
        assertThat(printed).startsWith("Created network My Network (id " + vpn.id() + ", type MAC_FILTERED)\n")
                .endsWith("My public server and My private server share the private network My Network\n");
    }

    @Test
    @Order(15)
    void connectAnUnusedIp() {
        String printed = run(new NetworkIp());
        String address = printed.replaceAll("(?s)^Connecting IP (\\S+) to My private server.*", "$1");
        Server priv = server(TourNames.PRIVATE_SERVER);
        assertThat(printed).contains("IP " + address + " is connected to My private server through port ");
        assertThat(priv.nics()).anySatisfy(n -> assertThat(n.ipv4()).isEqualTo(address));
        FloatingIp ip = ctx.network().listFloatingIps().filter(i -> address.equals(i.floatingIpAddress())).blockFirst(T);
        assertThat(ip.instanceId()).isEqualTo(priv.id());
        // the IP reserved beforehand was used, none was reserved
        assertThat(printed).doesNotContain("reserved a new IP");
    }

    @Test
    @Order(16)
    void clusterWithOneGateway() {
        String printed = run(new NetworkCluster());
        Server gw = server(TourNames.GATEWAY);
        Server n1 = server(TourNames.NODE_1);
        Server n2 = server(TourNames.NODE_2);
        Network lan = ctx.network().listNetworks().filter(n -> TourNames.CLUSTER_NETWORK.equals(n.name())).blockFirst(T);
        assertThat(List.of(gw, n1, n2)).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo(ServerStatus.ACTIVE);
            assertThat(s.projectId()).isEqualTo(course);
            assertThat(s.nics()).anySatisfy(n -> assertThat(n.networkId()).isEqualTo(lan.id()));
        });
        assertThat(gw.nics()).hasSize(2);
        assertThat(n1.nics()).hasSize(1);
        assertThat(n2.nics()).hasSize(1);
        assertThat(printed).contains("reserved a new IP", "Gateway (id " + gw.id() + ") is ACTIVE, 2 NIC(s), public IP "
                + gw.ipv4().orElseThrow(), "Node 1 (id " + n1.id() + ") is ACTIVE, 1 NIC(s), no public IP");
        assertThat(quotas(course).get("cyclades.vm").usage()).isEqualTo(6);
    }

    @Test
    @Order(17)
    void moveAVolumeBetweenServers() {
        String printed = run(new VolumePlugUnplug());
        Server pub = server(TourNames.PUBLIC_SERVER);
        Server priv = server(TourNames.PRIVATE_SERVER);
        Volume usb = ctx.volumes().listVolumes().filter(v -> TourNames.USB_STICK.equals(v.name())).blockFirst(T);
        assertThat(usb.status()).isEqualTo(VolumeStatus.IN_USE);
        assertThat(usb.sizeGiB()).isEqualTo(20);
        assertThat(usb.attachments()).singleElement().satisfies(a -> assertThat(a.serverId()).isEqualTo(priv.id()));
        assertThat(priv.volumeIds()).contains(usb.id());
        assertThat(pub.volumeIds()).doesNotContain(usb.id());
        assertThat(printed).contains("Unplugging it from My public server\n", "    volume USB stick: available\n",
                "Plugging it into My private server\n").endsWith("Volume USB stick is in_use on server " + priv.id() + "\n");
    }
}
