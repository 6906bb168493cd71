package org.synnefo.reactive.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.cyclades.image.Image;
import org.synnefo.reactive.examples.astakos.AstakosProjectReassign;
import org.synnefo.reactive.examples.image.ImageList;
import org.synnefo.reactive.examples.image.ImageRegister;
import org.synnefo.reactive.examples.image.ImageUnregister;
import org.synnefo.reactive.examples.pithos.PithosDownloadUpload;
import org.synnefo.reactive.examples.pithos.PithosInit;
import org.synnefo.reactive.examples.pithos.PithosList;
import org.synnefo.reactive.examples.pithos.PithosMoveCopyDelete;
import org.synnefo.reactive.examples.pithos.PithosReassign;
import org.synnefo.reactive.pithos.ObjectEntry;
import org.synnefo.reactive.pithos.ObjectInfo;
import org.synnefo.reactive.pithos.PithosClient;

/**
 * Each Pithos and image example, in the tour's order, against the seeded embedded cloud: what it prints
 * and what it leaves in the cloud.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PithosAndImageExamplesTest {

    static final Duration T = Duration.ofSeconds(60);
    static final String UUID = TourCloud.USER.uuid();

    TourCloud cloud;
    ExampleContext ctx;
    PithosClient pithos;
    final Output out = new Output();
    String course;

    @BeforeAll
    void start() {
        cloud = TourCloud.start(Duration.ZERO);
        ctx = ExampleContext.builder().authUrl(cloud.authUrl()).token(cloud.token()).out(out.stream).build();
        pithos = ctx.pithos().block(T);
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

    long diskspace(String project) {
        return ctx.astakos().getQuotas().block(T).get(project).get("pithos.diskspace").usage();
    }

    List<String> names(String container) {
        return pithos.withContainer(container).listObjects().map(ObjectEntry::name).collectList().block(T);
    }

    @Test
    @Order(1)
    void reassignTheContainerOfAFullProject() {
        assertThat(diskspace(UUID)).isEqualTo(20_522_192_022L);
        String printed = run(new AstakosProjectReassign());
        assertThat(printed).isEqualTo("Container course_container is in project " + UUID
                + ", which uses 20522192022/20522192022 bytes\nContainer course_container is reassigned to project "
                + course + "\n");
        assertThat(pithos.getContainerInfo(PithosData.COURSE_CONTAINER).block(T).project()).isEqualTo(course);
        assertThat(diskspace(UUID)).isEqualTo(539_427_858L);
        // a second run finds room
        assertThat(run(new AstakosProjectReassign())).endsWith("Quotas for container course_container are OK\n");
    }

    @Test
    @Order(2)
    void registerAnImage() {
        String printed = run(new ImageRegister());
        Image image = ctx.images().listPublic().filter(i -> ImageRegister.IMAGE_NAME.equals(i.name())).blockFirst(T);
        assertThat(image.owner()).isEqualTo(UUID);
        assertThat(image.location().toUri()).isEqualTo("pithos://" + UUID + "/images/my-image.diskdump");
        assertThat(image.properties()).containsEntry("os", "linux");
        ObjectInfo file = pithos.withContainer("images").getObjectInfo(ImageRegister.IMAGE_FILE).block(T);
        assertThat(file.contentLength()).isEqualTo(6 * 1024 * 1024 + 123);
        assertThat(pithos.withContainer("images").getObjectString("my-image.diskdump.meta").block(T))
                .contains("\"name\": \"Debian Base With Extras\"");
        assertThat(printed).isEqualTo("Uploaded my-image.diskdump (6291579 bytes) and my-image.diskdump.meta to images\n"
                + "Registered image Debian Base With Extras (id " + image.id() + ") at " + image.location() + "\n");
    }

    @Test
    @Order(3)
    void listMyImages() {
        assertThat(run(new ImageList())).isEqualTo("My images:\n\n\tDebian Base With Extras (pithos://" + UUID
                + "/images/my-image.diskdump)\n");
    }

    @Test
    @Order(4)
    void unregisterAnImageAndDeleteItsFiles() {
        String printed = run(new ImageUnregister());
        assertThat(printed).contains("Unregistered Debian Base With Extras", "Deleted /images/my-image.diskdump\n",
                "Deleted /images/my-image.diskdump.meta\n");
        assertThat(ctx.images().listPublic().map(Image::name).collectList().block(T))
                .doesNotContain(ImageRegister.IMAGE_NAME);
        assertThat(names("images")).doesNotContain("my-image.diskdump", "my-image.diskdump.meta");
    }

    @Test
    @Order(5)
    void initialisePithos() {
        assertThat(run(new PithosInit())).isEqualTo("Pithos client for account " + UUID + ", container pithos: "
                + "4 objects, 539427828 bytes, blocks of 4194304 bytes (sha256)\n");
    }

    @Test
    @Order(6)
    void listContainersAndObjects() {
        String printed = run(new PithosList());
        assertThat(printed).contains("Listing contents of pithos (project: " + UUID + ")\n"
                        + "\tmy-linux-distro.diskdump \tapplication/octet-stream \t539427293 bytes\n"
                        + "\tmyfile.txt \ttext/plain \t202 bytes\n"
                        + "\tmyfolder/ \tapplication/directory \t0 bytes\n"
                        + "\tmyfolder/anotherfile.txt \ttext/plain \t333 bytes\n",
                "Listing contents of images (project: " + course + ")\n"
                        + "\tdebian-stable.disckdump \tapplication/octet-stream \t309427093 bytes\n"
                        + "\tmy-special-image.diskdump \tapplication/octet-stream \t339427293 bytes\n",
                "Listing contents of music (project: " + course + ")\n",
                "\tThe Beatles - White Album/Back in the U.S.S.R.mp3 \tmedia/mpeg \t3442135 bytes\n",
                "Listing contents of trash (project: " + UUID + ")\n",
                "\tmy deleted folder/removed by accident.png \timage/png \t20 bytes\n");
    }

    @Test
    @Order(7)
    void downloadThenUpload() {
        String printed = run(new PithosDownloadUpload());
        assertThat(printed).isEqualTo("Downloaded /pithos/my-linux-distro.diskdump to local.diskdump: 539427293 bytes,"
                + " 129 blocks, 1 fetched (the others repeat them)\n"
                + "Uploaded local.diskdump to /images/my-linux-distro.diskdump: 539427293 bytes, 0 of 129 blocks sent"
                + " (the server had the others)\n");
        ObjectInfo source = pithos.withContainer("pithos").getObjectInfo(PithosData.DISTRO).block(T);
        ObjectInfo copy = pithos.withContainer("images").getObjectInfo(PithosData.DISTRO).block(T);
        assertThat(copy.contentLength()).isEqualTo(539_427_293L);
        assertThat(copy.hash()).isEqualTo(source.hash());
    }

    @Test
    @Order(8)
    void moveCopyAndDelete() {
        String printed = run(new PithosMoveCopyDelete());
        assertThat(printed).isEqualTo("Moved /pithos/my-linux-distro.diskdump to /trash/my-linux-distro.diskdump\n"
                + "Deleted /images/my-linux-distro.diskdump\n"
                + "Copied /trash/my-linux-distro.diskdump to /images/recovered.diskdump\n");
        assertThat(names("pithos")).containsExactly("myfile.txt", "myfolder/", "myfolder/anotherfile.txt");
        assertThat(names("images")).containsExactly("debian-stable.disckdump", "my-special-image.diskdump",
                "recovered.diskdump");
        assertThat(names("trash")).contains("my-linux-distro.diskdump");
        assertThat(pithos.withContainer("images").getObjectInfo(PithosData.DISTRO).map(i -> "found")
                .onErrorResume(NotFoundException.class, e -> reactor.core.publisher.Mono.just("gone")).block(T))
                .isEqualTo("gone");
    }

    @Test
    @Order(9)
    void reassignImagesToTheProjectOfPithos() {
        long before = diskspace(UUID);
        String printed = run(new PithosReassign());
        assertThat(printed).isEqualTo("pithos is in project " + UUID + ", images in project " + course + "\n"
                + "Container images is reassigned to project " + UUID + "\n");
        assertThat(pithos.getContainerInfo("images").block(T).project()).isEqualTo(UUID);
        assertThat(diskspace(UUID)).isEqualTo(before + 309_427_093L + 339_427_293L + 539_427_293L);
        assertThat(run(new PithosReassign())).endsWith("Nothing to reassign\n");
    }
}
