package org.synnefo.reactive.cyclades.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.cyclades.Cloud;

/** Every method of the Plankton client against the emulator. */
class ImageClientTest {

    static final Duration T = Duration.ofSeconds(20);
    static Cloud cloud;
    static ImageClient images;

    @BeforeAll
    static void start() throws Exception {
        cloud = Cloud.start();
        images = cloud.images;
        cloud.putObject("images", "dir/my image.diskdump", "not really a disk".getBytes());
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void registerReadUpdateListUnregister() {
        PithosLocation loc = new PithosLocation(cloud.user.uuid(), "images", "dir/my image.diskdump");
        Image reg = images.register(ImageRegistration.builder("Débian custom", loc).diskFormat("diskdump")
                .containerFormat("bare").size(17).property("OSFAMILY", "linux").property("description", "café")
                .isPublic(false).build()).block(T);
        assertThat(reg.id()).isNotBlank();
        assertThat(reg.name()).isEqualTo("Débian custom");
        assertThat(reg.status()).isEqualTo(ImageStatus.AVAILABLE);
        assertThat(reg.isPublic()).isFalse();
        assertThat(reg.location()).isEqualTo(loc);
        assertThat(reg.size()).isEqualTo(17L);
        assertThat(reg.properties()).containsEntry("osfamily", "linux").containsEntry("description", "café");

        Image meta = images.getMeta(reg.id()).block(T);
        assertThat(meta.name()).isEqualTo("Débian custom");
        assertThat(meta.owner()).isEqualTo(cloud.user.uuid());
        assertThat(meta.createdAt()).isNotNull();

        Image upd = images.updateImage(reg.id(), ImageUpdate.builder().name("renamed ω").property("extra", "1")
                .build()).block(T);
        assertThat(upd.name()).isEqualTo("renamed ω");
        assertThat(images.getMeta(reg.id()).block(T).properties()).containsEntry("extra", "1")
                .containsEntry("osfamily", "linux");

        List<Image> detail = images.listPublic().collectList().block(T);
        assertThat(detail).anySatisfy(i -> {
            assertThat(i.id()).isEqualTo(reg.id());
            assertThat(i.properties()).isNotEmpty();
        });
        List<Image> byName = images.listPublic(ImageListOptions.defaults().withOrder("name")).collectList().block(T);
        assertThat(byName).extracting(Image::name).isSortedAccordingTo(String::compareTo);
        List<Image> byNameDesc = images.listPublic(ImageListOptions.defaults().withOrder("-name")
                .withFilter("disk_format", "diskdump").withDetail(false)).collectList().block(T);
        assertThat(byNameDesc).extracting(Image::name).isSortedAccordingTo((a, b) -> b.compareTo(a));

        images.unregister(reg.id()).block(T);
        assertThatThrownBy(() -> images.getMeta(reg.id()).block(T)).isInstanceOf(NotFoundException.class);
        assertThat(images.listPublic().map(Image::id).collectList().block(T)).doesNotContain(reg.id());
    }

    @Test
    void members() throws Exception {
        cloud.putObject("images", "shared.diskdump", new byte[] {9});
        Image img = images.register(ImageRegistration.builder("shared", new PithosLocation(cloud.user.uuid(),
                "images", "shared.diskdump")).build()).block(T);
        String other = cloud.otherUser().uuid();
        images.addMember(img.id(), other).block(T);
        assertThat(images.listMembers(img.id()).collectList().block(T)).containsExactly(new ImageMember(other, false));

        ImageClient otherImages = ImageClient.builder().endpoint(cloud.emulator.baseUrl() + "/image/v1.0")
                .token(cloud.otherUser().token()).options(cloud.options).build();
        assertThat(otherImages.listShared(cloud.user.uuid()).map(SharedImage::imageId).collectList().block(T))
                .contains(img.id());
        assertThat(otherImages.getMeta(img.id()).block(T).name()).isEqualTo("shared");

        images.removeMember(img.id(), other).block(T);
        assertThat(images.listMembers(img.id()).collectList().block(T)).isEmpty();
        images.setMembers(img.id(), List.of(other)).block(T);
        assertThat(images.listMembers(img.id()).map(ImageMember::memberId).collectList().block(T))
                .containsExactly(other);
        images.setMembers(img.id(), List.of()).block(T);
        assertThat(images.listMembers(img.id()).collectList().block(T)).isEmpty();
    }
}
