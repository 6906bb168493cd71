package org.synnefo.reactive.cyclades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.ConflictException;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.core.OverLimitException;
import org.synnefo.reactive.core.ServerErrorException;
import org.synnefo.reactive.cyclades.compute.CycladesComputeClient;
import org.synnefo.reactive.cyclades.compute.Server;
import org.synnefo.reactive.cyclades.compute.ServerCreateRequest;
import org.synnefo.reactive.cyclades.image.ImageRegistration;
import org.synnefo.reactive.cyclades.image.PithosLocation;
import org.synnefo.reactive.cyclades.network.NetworkType;
import org.synnefo.reactive.cyclades.volume.VolumeCreateRequest;
import org.synnefo.reactive.emulator.CycladesSeed;
import org.synnefo.reactive.emulator.FaultRule;

/** Bad input gives typed exceptions; creates are never retried. */
class TypedErrorsTest {

    static final Duration T = Duration.ofSeconds(20);

    @Test
    void unknownIdsAreNotFound() {
        try (Cloud cloud = Cloud.start()) {
            assertThatThrownBy(() -> cloud.compute.getServerDetails("999999").block(T))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> {
                        assertThat(e.faultName()).contains("itemNotFound");
                        assertThat(e.url()).doesNotContain(cloud.user.token());
                    });
            assertThatThrownBy(() -> cloud.compute.startServer("999999").block(T)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> cloud.network.getNetworkDetails("999999").block(T))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> cloud.network.getPortDetails("999999").block(T))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> cloud.network.getFloatingIpDetails("999999").block(T))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> cloud.volumes.getVolumeDetails("999999").block(T))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> cloud.images.getMeta("no-such-image").block(T))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> cloud.images.register(ImageRegistration.builder("x",
                    new PithosLocation(cloud.user.uuid(), "images", "missing")).build()).block(T))
                    .isInstanceOf(NotFoundException.class);
            // another user's server is invisible, not forbidden
            Server mine = cloud.compute.createServer(ServerCreateRequest.builder("mine", "1",
                    CycladesSeed.DEBIAN_IMAGE).build()).block(T);
            CycladesComputeClient other = cloud.computeOf(cloud.otherUser());
            assertThatThrownBy(() -> other.getServerDetails(mine.id()).block(T)).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void wrongStateIsConflict() {
        try (Cloud cloud = Cloud.start(b -> b.stateDelay(Duration.ofHours(1)))) {
            Server building = cloud.compute.createServer(ServerCreateRequest.builder("slow", "1",
                    CycladesSeed.DEBIAN_IMAGE).build()).block(T);
            assertThatThrownBy(() -> cloud.compute.shutdownServer(building.id()).block(T))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.faultName()).contains("buildInProgress"));
            assertThatThrownBy(() -> cloud.compute.resizeServer(building.id(), "2").block(T))
                    .isInstanceOf(ConflictException.class);
        }
    }

    @Test
    void overQuotaIs413() {
        try (Cloud cloud = Cloud.start(b -> b.systemProjectCapacity("cyclades.vm", 1)
                .systemProjectCapacity("cyclades.network.private", 0).systemProjectCapacity("cyclades.disk", 25L << 30))) {
            cloud.compute.createServer(ServerCreateRequest.builder("one", "1", CycladesSeed.DEBIAN_IMAGE)
                    .noNetwork().build()).block(T);
            assertThatThrownBy(() -> cloud.compute.createServer(ServerCreateRequest.builder("two", "1",
                    CycladesSeed.DEBIAN_IMAGE).noNetwork().build()).block(T))
                    .isInstanceOfSatisfying(OverLimitException.class, e -> {
                        assertThat(e.status()).isEqualTo(413);
                        assertThat(e.faultName()).contains("overLimit");
                    });
            assertThatThrownBy(() -> cloud.network.createNetwork(NetworkType.MAC_FILTERED, "n").block(T))
                    .isInstanceOf(OverLimitException.class);
            String type = cloud.volumes.listVolumeTypes().filter(t -> t.detachable()).blockFirst(T).id();
            assertThatThrownBy(() -> cloud.volumes.createVolume(VolumeCreateRequest.builder(10, "big")
                    .volumeType(type).build()).block(T)).isInstanceOf(OverLimitException.class);
            assertThat(cloud.compute.listServers().collectList().block(T)).hasSize(1);
        }
    }

    @Test
    void createsAreNeverRetriedButReadsAre() {
        try (Cloud cloud = Cloud.start()) {
            FaultRule post = cloud.emulator.faults().add(FaultRule.builder().method("POST")
                    .path("/compute/v2\\.0/servers").once().respond(503).build());
            assertThatThrownBy(() -> cloud.compute.createServer(ServerCreateRequest.builder("once", "1",
                    CycladesSeed.DEBIAN_IMAGE).build()).block(T)).isInstanceOf(ServerErrorException.class);
            assertThat(cloud.emulator.faults().matched(post.id())).isEqualTo(1);
            assertThat(cloud.compute.listServers().collectList().block(T)).isEmpty();

            FaultRule action = cloud.emulator.faults().add(FaultRule.builder().method("POST")
                    .path("/compute/v2\\.0/servers/.*/action").once().respond(503).build());
            Server s = cloud.compute.createServer(ServerCreateRequest.builder("ok", "1", CycladesSeed.DEBIAN_IMAGE)
                    .build()).block(T);
            cloud.compute.waitServerUntil(s.id(), "ACTIVE").block(T);
            assertThatThrownBy(() -> cloud.compute.rebootServer(s.id(), false).block(T))
                    .isInstanceOf(ServerErrorException.class);
            assertThat(cloud.emulator.faults().matched(action.id())).isEqualTo(1);

            FaultRule get = cloud.emulator.faults().add(FaultRule.builder().method("GET")
                    .path("/compute/v2\\.0/servers/" + s.id()).once().respond(503).build());
            assertThat(cloud.compute.getServerDetails(s.id()).block(T).id()).isEqualTo(s.id());
            assertThat(cloud.emulator.faults().fired(get.id())).isEqualTo(1);
            assertThat(cloud.emulator.faults().matched(get.id())).isEqualTo(2);
        }
    }
}
