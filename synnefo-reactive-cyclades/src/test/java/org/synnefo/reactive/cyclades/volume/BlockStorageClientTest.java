package org.synnefo.reactive.cyclades.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.BadRequestException;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.cyclades.Cloud;
import org.synnefo.reactive.cyclades.compute.Server;
import org.synnefo.reactive.cyclades.compute.ServerCreateRequest;
import org.synnefo.reactive.cyclades.compute.ServerStatus;
import org.synnefo.reactive.cyclades.compute.VolumeAttachment;
import org.synnefo.reactive.emulator.CycladesSeed;

/** Every method of the block storage client (and the compute volume attachments) against the emulator. */
class BlockStorageClientTest {

    static final Duration T = Duration.ofSeconds(20);
    static Cloud cloud;
    static CycladesBlockStorageClient vols;

    @BeforeAll
    static void start() {
        cloud = Cloud.start();
        vols = cloud.volumes;
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static String detachableType() {
        return vols.listVolumeTypes().filter(VolumeType::detachable).blockFirst(T).id();
    }

    @Test
    void typesVolumesMetadata() {
        List<VolumeType> types = vols.listVolumeTypes().collectList().block(T);
        assertThat(types).hasSizeGreaterThanOrEqualTo(2);
        assertThat(vols.getVolumeTypeDetails(types.get(0).id()).block(T).name()).isEqualTo(types.get(0).name());

        Volume created = vols.createVolume(VolumeCreateRequest.builder(3, "data").description("d")
                .volumeType(detachableType()).metadata("k", "v").build()).block(T);
        assertThat(created.name()).isEqualTo("data");
        Volume v = vols.waitVolumeUntil(created.id(), "available").block(T);
        assertThat(v.sizeGiB()).isEqualTo(3);
        assertThat(v.metadata()).containsEntry("k", "v");
        assertThat(vols.waitVolumeWhile(created.id(), "creating").block(T).status()).isEqualTo(VolumeStatus.AVAILABLE);
        assertThat(vols.listVolumes().map(Volume::id).collectList().block(T)).contains(v.id());
        assertThat(vols.listVolumes(false, null).map(Volume::id).collectList().block(T)).contains(v.id());

        Volume updated = vols.updateVolume(v.id(), "data2", "desc2", false).block(T);
        assertThat(updated.name()).isEqualTo("data2");
        assertThat(updated.description()).isEqualTo("desc2");
        assertThat(vols.updateVolume(v.id(), null, null, null).block(T).name()).isEqualTo("data2");

        assertThat(vols.updateVolumeMetadata(v.id(), Map.of("a", "1")).block(T)).containsEntry("a", "1")
                .containsEntry("k", "v");
        assertThat(vols.replaceVolumeMetadata(v.id(), Map.of("b", "2")).block(T)).containsOnlyKeys("b");
        vols.deleteVolumeMetadata(v.id(), "b").block(T);
        assertThat(vols.getVolumeMetadata(v.id()).block(T)).isEmpty();
        assertThatThrownBy(() -> vols.deleteVolumeMetadata(v.id(), "nope").block(T))
                .isInstanceOf(BadRequestException.class);

        vols.reassignVolume(v.id(), cloud.user.uuid(), true).block(T);
        assertThat(vols.getVolumeDetails(v.id()).block(T).sharedToProject()).isTrue();
        vols.reassignVolume(v.id(), cloud.user.uuid()).block(T);

        vols.deleteVolume(v.id()).block(T);
        assertThat(vols.waitVolumeUntil(v.id(), VolumeStatus.DELETED, Cloud.FAST).block(T).deleted()).isTrue();
        assertThatThrownBy(() -> vols.getVolumeDetails("99999").block(T)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void attachDetachAndCreateOnServer() {
        Server s = cloud.compute.createServer(ServerCreateRequest.builder("vm", String.valueOf(
                CycladesSeed.SMALL_ARCHIPELAGO_FLAVOR), CycladesSeed.DEBIAN_IMAGE).build()).block(T);
        cloud.compute.waitServerUntil(s.id(), ServerStatus.ACTIVE, Cloud.FAST).block(T);
        List<VolumeAttachment> root = cloud.compute.listVolumeAttachments(s.id()).collectList().block(T);
        assertThat(root).hasSize(1);
        assertThatThrownBy(() -> cloud.compute.detachVolume(s.id(), root.get(0).volumeId()).blockLast(T))
                .isInstanceOf(BadRequestException.class);

        Volume v = vols.createVolume(VolumeCreateRequest.builder(2, "extra").volumeType(detachableType()).build())
                .block(T);
        vols.waitVolumeUntil(v.id(), VolumeStatus.AVAILABLE, Cloud.FAST).block(T);
        VolumeAttachment a = cloud.compute.attachVolume(s.id(), v.id()).block(T);
        assertThat(a.volumeId()).isEqualTo(v.id());
        Volume inUse = vols.waitVolumeUntil(v.id(), VolumeStatus.IN_USE, Cloud.FAST).block(T);
        assertThat(inUse.attachments()).singleElement().satisfies(x -> assertThat(x.serverId()).isEqualTo(s.id()));
        assertThat(cloud.compute.getVolumeAttachment(s.id(), a.id()).block(T).serverId()).isEqualTo(s.id());
        assertThat(cloud.compute.listVolumeAttachments(s.id()).collectList().block(T)).hasSize(2);

        assertThat(cloud.compute.detachVolume(s.id(), v.id()).collectList().block(T)).hasSize(1);
        vols.waitVolumeUntil(v.id(), VolumeStatus.AVAILABLE, Cloud.FAST).block(T);
        assertThat(cloud.compute.detachVolume(s.id(), v.id()).collectList().block(T)).isEmpty();

        VolumeAttachment again = cloud.compute.attachVolume(s.id(), v.id()).block(T);
        vols.waitVolumeUntil(v.id(), VolumeStatus.IN_USE, Cloud.FAST).block(T);
        cloud.compute.deleteVolumeAttachment(s.id(), again.id()).block(T);
        vols.waitVolumeUntil(v.id(), VolumeStatus.AVAILABLE, Cloud.FAST).block(T);

        Volume onServer = vols.createVolume(VolumeCreateRequest.builder(1, "boot-data").server(s.id())
                .fromImage(CycladesSeed.UBUNTU_IMAGE).build()).block(T);
        Volume attached = vols.waitVolumeUntil(onServer.id(), VolumeStatus.IN_USE, Cloud.FAST).block(T);
        assertThat(attached.imageId()).isEqualTo(CycladesSeed.UBUNTU_IMAGE);
    }

    @Test
    void snapshots() {
        Volume v = vols.createVolume(VolumeCreateRequest.builder(1, "src").volumeType(detachableType()).build())
                .block(T);
        vols.waitVolumeUntil(v.id(), VolumeStatus.AVAILABLE, Cloud.FAST).block(T);
        Snapshot s = vols.createSnapshot(v.id(), "snap", "first").block(T);
        assertThat(s.volumeId()).isEqualTo(v.id());
        assertThat(vols.listSnapshots().map(Snapshot::id).collectList().block(T)).contains(s.id());
        assertThat(vols.listSnapshots(false).map(Snapshot::id).collectList().block(T)).contains(s.id());
        assertThat(vols.getSnapshotDetails(s.id()).block(T).name()).isEqualTo("snap");
        assertThat(vols.updateSnapshot(s.id(), "snap2", null).block(T).name()).isEqualTo("snap2");
        assertThat(vols.updateSnapshot(s.id(), null, null).block(T).name()).isEqualTo("snap2");

        Volume fromSnap = vols.createVolume(VolumeCreateRequest.builder(1, "copy").volumeType(detachableType())
                .fromSnapshot(s.id()).build()).block(T);
        assertThat(vols.waitVolumeUntil(fromSnap.id(), VolumeStatus.AVAILABLE, Cloud.FAST).block(T).snapshotId())
                .isEqualTo(s.id());
        vols.deleteSnapshot(s.id()).block(T);
    }
}
