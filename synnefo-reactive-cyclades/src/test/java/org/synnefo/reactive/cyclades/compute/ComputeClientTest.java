package org.synnefo.reactive.cyclades.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.BadRequestException;
import org.synnefo.reactive.core.ConflictException;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.core.ServerErrorException;
import org.synnefo.reactive.core.SynnefoHttpException;
import org.synnefo.reactive.cyclades.Cloud;
import org.synnefo.reactive.emulator.CycladesSeed;

/** Every method of the compute client against the emulator. */
class ComputeClientTest {

    static final Duration T = Duration.ofSeconds(20);
    static Cloud cloud;
    static CycladesComputeClient compute;

    @BeforeAll
    static void start() {
        cloud = Cloud.start();
        compute = cloud.compute;
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static Server newServer(String name) {
        Server s = compute.createServer(ServerCreateRequest.builder(name, "1", CycladesSeed.DEBIAN_IMAGE).build())
                .block(T);
        return compute.waitServerUntil(s.id(), ServerStatus.ACTIVE, Cloud.FAST).block(T);
    }

    @Test
    void createGetListRenameDelete() {
        Server created = compute.createServer(ServerCreateRequest.builder("alpha ω", "1", CycladesSeed.DEBIAN_IMAGE)
                .metadata("role", "web").tags(List.of("t1")).build()).block(T);
        assertThat(created.status()).isEqualTo(ServerStatus.BUILD);
        assertThat(created.adminPass()).isNotBlank();
        // kamaki's behaviour: the image's os/users metadata are copied into the server's
        assertThat(created.metadata()).containsEntry("os", "debian").containsEntry("users", "root")
                .containsEntry("role", "web");
        assertThat(compute.getServerPassword(created.id()).block(T)).isEqualTo(created.adminPass());
        compute.deleteServerPassword(created.id()).block(T);
        assertThatThrownBy(() -> compute.getServerPassword(created.id()).block(T)).isInstanceOf(NotFoundException.class);

        Server active = compute.waitServerUntil(created.id(), "ACTIVE").block(T);
        assertThat(active.progress()).isEqualTo(100);
        assertThat(compute.getServerStatus(created.id()).block(T)).isEqualTo(ServerStatus.ACTIVE);
        assertThat(compute.getServerDetails(created.id()).block(T).name()).isEqualTo("alpha ω");

        assertThat(compute.listServers().map(Server::id).collectList().block(T)).contains(created.id());
        List<Server> brief = compute.listServers(false, ServerFilters.none(), null).collectList().block(T);
        assertThat(brief).anySatisfy(s -> {
            assertThat(s.id()).isEqualTo(created.id());
            assertThat(s.status()).isNull();
        });

        compute.updateServerName(created.id(), "beta").block(T);
        assertThat(compute.getServerDetails(created.id()).block(T).name()).isEqualTo("beta");

        Instant before = Instant.now().minusSeconds(5);
        compute.deleteServer(created.id()).block(T);
        Server gone = compute.waitServerUntil(created.id(), ServerStatus.DELETED, Cloud.FAST).block(T);
        assertThat(gone.deleted()).isTrue();
        assertThat(compute.listServers().map(Server::id).collectList().block(T)).doesNotContain(created.id());
        // changes-since includes deleted servers
        assertThat(compute.listServers(true, null, before).map(Server::id).collectList().block(T))
                .contains(created.id());
    }

    @Test
    void noNetworksMeansNoNicAndDefaultMeansTheCloudsChoice() {
        Server none = compute.createServer(ServerCreateRequest.builder("nonic", "1", CycladesSeed.DEBIAN_IMAGE)
                .noNetwork().build()).block(T);
        Server dflt = compute.createServer(ServerCreateRequest.builder("dflt", "1", CycladesSeed.DEBIAN_IMAGE)
                .build()).block(T);
        assertThat(compute.waitServerUntil(none.id(), ServerStatus.ACTIVE, Cloud.FAST).block(T).nics()).isEmpty();
        assertThat(compute.waitServerUntil(dflt.id(), ServerStatus.ACTIVE, Cloud.FAST).block(T).nics()).isNotEmpty();
        assertThat(compute.getServerNics(dflt.id()).block(T).nics()).isNotEmpty();
        assertThat(compute.getServerNics(none.id()).block(T).nics()).isEmpty();
    }

    @Test
    void actionsStartShutdownRebootResizeReassign() {
        Server s = newServer("actions");
        compute.rebootServer(s.id(), false).block(T);
        compute.waitServerUntil(s.id(), ServerStatus.ACTIVE, Cloud.FAST).block(T);
        compute.rebootServer(s.id(), true).block(T);
        compute.waitServerUntil(s.id(), ServerStatus.ACTIVE, Cloud.FAST).block(T);
        compute.shutdownServer(s.id()).block(T);
        compute.waitServerUntil(s.id(), ServerStatus.STOPPED, Cloud.FAST).block(T);
        compute.resizeServer(s.id(), "2").block(T);
        Server resized = compute.waitServerUntil(s.id(), ServerStatus.STOPPED, Cloud.FAST).block(T);
        assertThat(compute.waitServerWhile(s.id(), ServerStatus.RESIZE, Cloud.FAST).block(T).flavorId())
                .isEqualTo("2");
        assertThat(resized.status()).isEqualTo(ServerStatus.STOPPED);
        compute.startServer(s.id()).block(T);
        compute.waitServerUntil(s.id(), ServerStatus.ACTIVE, Cloud.FAST).block(T);

        compute.reassignServer(s.id(), cloud.user.uuid(), true).block(T);
        Server shared = compute.getServerDetails(s.id()).block(T);
        assertThat(shared.projectId()).isEqualTo(cloud.user.uuid());
        assertThat(shared.sharedToProject()).isTrue();
        compute.reassignServer(s.id(), cloud.user.uuid()).block(T);
    }

    @Test
    void consoleFirewallAndUnsupportedActions() {
        Server s = newServer("console");
        ServerConsole c = compute.getServerConsole(s.id(), ServerConsole.VNC).block(T);
        assertThat(c.type()).isEqualTo("vnc");
        assertThat(c.host()).isNotBlank();
        assertThat(c.port()).isPositive();
        assertThat(c.password()).isNotBlank();
        assertThatThrownBy(() -> compute.getServerConsole(s.id(), "foo").block(T))
                .isInstanceOf(BadRequestException.class);

        String nic = s.nics().get(0).id();
        compute.setFirewallProfile(s.id(), FirewallProfile.PROTECTED, nic).block(T);
        assertThat(compute.getServerDetails(s.id()).block(T).nics().get(0).firewallProfile())
                .isEqualTo(FirewallProfile.PROTECTED);
        assertThatThrownBy(() -> compute.setFirewallProfile(s.id(), FirewallProfile.of("FOO"), nic).block(T))
                .isInstanceOf(BadRequestException.class);

        // OpenStack actions Synnefo does not implement answer 501
        for (Runnable r : List.<Runnable>of(
                () -> compute.changeAdminPassword(s.id(), "Secret12345x").block(T),
                () -> compute.rebuildServer(s.id(), CycladesSeed.DEBIAN_IMAGE).block(T),
                () -> compute.confirmResizeServer(s.id()).block(T),
                () -> compute.revertResizeServer(s.id()).block(T),
                () -> compute.createServerImage(s.id(), "snap", Map.of()).block(T),
                () -> compute.rescueServer(s.id(), null).block(T),
                () -> compute.unrescueServer(s.id()).block(T))) {
            assertThatThrownBy(r::run).isInstanceOfSatisfying(ServerErrorException.class,
                    e -> assertThat(e.status()).isEqualTo(501));
        }
    }

    @Test
    void metadataTagsStatsDiagnostics() {
        Server s = newServer("meta");
        assertThat(compute.updateServerMetadata(s.id(), Map.of("a", "1", "b", "β")).block(T))
                .containsEntry("a", "1").containsEntry("b", "β");
        assertThat(compute.createServerMetadata(s.id(), "c", "3").block(T)).containsEntry("c", "3");
        assertThat(compute.getServerMetadata(s.id(), "b").block(T)).isEqualTo("β");
        compute.deleteServerMetadata(s.id(), "a").block(T);
        assertThat(compute.getServerMetadata(s.id()).block(T)).doesNotContainKey("a").containsKey("c");
        assertThatThrownBy(() -> compute.getServerMetadata(s.id(), "a").block(T))
                .isInstanceOf(NotFoundException.class);

        assertThat(compute.replaceTags(s.id(), List.of("x", "y")).block(T).tags()).containsExactlyInAnyOrder("x", "y");
        compute.addTag(s.id(), "z").block(T);
        assertThat(compute.checkTagExists(s.id(), "z").block(T)).isTrue();
        assertThat(compute.checkTagExists(s.id(), "nope").block(T)).isFalse();
        assertThat(compute.getTagStatus(s.id(), "z").block(T)).isNotBlank();
        assertThat(compute.listTags(s.id()).block(T).tags()).contains("x", "y", "z");
        compute.deleteTag(s.id(), "x").block(T);
        assertThat(compute.listTags(s.id()).block(T).tags()).doesNotContain("x");
        compute.deleteTags(s.id()).block(T);
        assertThat(compute.listTags(s.id()).block(T).tags()).isEmpty();

        ServerStats stats = compute.getServerStats(s.id()).block(T);
        assertThat(stats.serverRef()).isEqualTo(s.id());
        assertThat(stats.cpuBar()).isNotBlank();
        List<ServerDiagnostic> diags = compute.getServerDiagnostics(s.id()).collectList().block(T);
        assertThat(diags).isNotEmpty();
        assertThat(diags.get(0).message()).isNotBlank();
    }

    @Test
    void nicsByNetwork() {
        Server s = newServer("nics");
        ServerNetworks all = compute.getServerNics(s.id()).block(T);
        String net = all.nics().get(0).networkId();
        assertThat(compute.getServerNetworkNics(s.id(), net).block(T)).isNotEmpty()
                .allSatisfy(a -> assertThat(a.addr()).isNotBlank());
    }

    @Test
    void flavorsAndPickingByProperties() {
        List<Flavor> flavors = compute.listFlavors().collectList().block(T);
        assertThat(flavors).allSatisfy(f -> assertThat(f.vcpus()).isNotNull());
        Flavor pick = compute.listFlavors()
                .filter(f -> f.vcpus() == 2 && f.ramMiB() == 4096 && "drbd".equals(f.diskTemplate())).blockFirst(T);
        assertThat(pick).isNotNull();
        assertThat(compute.getFlavorDetails(pick.id()).block(T).name()).isEqualTo(pick.name());
        assertThat(compute.listFlavors(false, null, null).collectList().block(T))
                .allSatisfy(f -> assertThat(f.vcpus()).isNull()).hasSameSizeAs(flavors);
        assertThat(compute.listFlavors(true, false, null).collectList().block(T))
                .allSatisfy(f -> assertThat(f.isPublic()).isFalse());
        assertThat(compute.listFlavors(true, true, cloud.user.uuid()).collectList().block(T)).isNotEmpty();
        assertThat(compute.getFlavorExtraSpecs(pick.id()).block(T)).isEmpty();
        assertThatThrownBy(() -> compute.getFlavorDetails("9999").block(T)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void imagesThroughCompute() {
        List<ComputeImage> imgs = compute.listImages().collectList().block(T);
        ComputeImage debian = imgs.stream().filter(i -> "debian".equals(i.metadata().get("os"))).findFirst()
                .orElseThrow();
        assertThat(debian.status().is("ACTIVE")).isTrue();
        assertThat(compute.listImages(false, null).collectList().block(T)).hasSameSizeAs(imgs);
        assertThat(compute.getImageDetails(debian.id()).block(T).name()).isEqualTo(debian.name());
        assertThat(compute.getImageMetadata(debian.id()).block(T)).containsEntry("os", "debian");
        assertThat(compute.getImageMetadata(debian.id(), "users").block(T)).isEqualTo("root");
        assertThatThrownBy(() -> compute.getImageDetails("no-such-image").block(T))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void ownImageMetadataAndDelete() throws Exception {
        cloud.putObject("images", "mine.diskdump", new byte[] {1, 2, 3});
        String id = cloud.images.register(org.synnefo.reactive.cyclades.image.ImageRegistration.builder("mine",
                new org.synnefo.reactive.cyclades.image.PithosLocation(cloud.user.uuid(), "images", "mine.diskdump"))
                .build()).block(T).id();
        assertThat(compute.updateImageMetadata(id, Map.of("k1", "v1")).block(T)).containsEntry("k1", "v1");
        assertThat(compute.createImageMetadata(id, "k2", "v2").block(T)).containsEntry("k2", "v2");
        compute.deleteImageMetadata(id, "k1").block(T);
        assertThat(compute.getImageMetadata(id).block(T)).doesNotContainKey("k1").containsEntry("k2", "v2");
        compute.deleteImage(id).block(T);
        assertThatThrownBy(() -> compute.getImageDetails(id).block(T)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void keypairs() {
        Keypair uploaded = compute.createKeypair("laptop",
                "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC0testkeymaterial user@laptop").block(T);
        assertThat(uploaded.name()).isEqualTo("laptop");
        assertThat(uploaded.privateKey()).isNull();
        Keypair generated = compute.createKeypair("generated", null).block(T);
        assertThat(generated.privateKey()).isNotBlank();
        assertThat(generated.publicKey()).isNotBlank();
        assertThat(compute.listKeypairs().map(Keypair::name).collectList().block(T)).contains("laptop", "generated");
        assertThat(compute.getKeypairDetails("generated").block(T).fingerprint()).isEqualTo(generated.fingerprint());
        assertThatThrownBy(() -> compute.createKeypair("laptop", null).block(T)).isInstanceOf(ConflictException.class);
        compute.deleteKeypair("laptop").block(T);
        assertThatThrownBy(() -> compute.getKeypairDetails("laptop").block(T)).isInstanceOf(NotFoundException.class);

        Server s = compute.createServer(ServerCreateRequest.builder("keyed", "1", CycladesSeed.DEBIAN_IMAGE)
                .keyNames(List.of("generated")).build()).block(T);
        assertThat(compute.waitServerUntil(s.id(), ServerStatus.ACTIVE, Cloud.FAST).block(T).keyNames())
                .containsExactly("generated");
    }

    @Test
    void limitsAreNotPartOfSynnefo() {
        assertThatThrownBy(() -> compute.getLimits().block(T)).isInstanceOf(SynnefoHttpException.class);
    }
}
