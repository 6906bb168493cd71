package org.synnefo.reactive.pithos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.emulator.EmulatorUser;
import org.synnefo.reactive.emulator.SynnefoEmulator;
import org.synnefo.reactive.pithos.transfer.DownloadOptions;
import org.synnefo.reactive.pithos.transfer.UploadOptions;
import reactor.core.publisher.Flux;
import reactor.util.function.Tuple2;

/**
 * The seed's Pithos examples, as kamaki users wrote them ({@code pithos.account = uuid;
 * pithos.container = "images"}), in this library's terms.
 */
class SeedExamplesTest {

    static SynnefoEmulator emulator;
    static SynnefoTransport transport;
    static EmulatorUser user;
    static PithosClient pithos;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        emulator = SynnefoEmulator.builder().blockSize(64 * 1024).start();
        transport = EmulatorSupport.transport("pithos-seed-test");
        user = emulator.users().get(0);
        // initialise: endpoint + token, then bind the account (the user's uuid)
        pithos = PithosClient.builder()
                .endpoint(emulator.baseUrl() + "/object-store/v1")
                .token(user.token())
                .options(ClientOptions.builder().transport(transport).build())
                .build()
                .withAccount(user.uuid());
        pithos.createContainer("images").block();
        pithos.createContainer("backups").block();
        PithosClient images = pithos.withContainer("images");
        images.uploadObject("debian.diskdump", EmulatorSupport.random(300 * 1024, 1), UploadOptions.defaults())
                .block();
        images.uploadObject("debian.diskdump.meta", "{\"os\": \"debian\"}", UploadOptions.defaults()).block();
    }

    @AfterAll
    static void stop() {
        transport.dispose();
        emulator.close();
    }

    @Test
    void listAllContainersAndObjectsWithTheirProject() {
        List<Tuple2<ContainerEntry, List<ObjectEntry>>> all = pithos.listContainers()
                .concatMap(c -> pithos.withContainer(c.name()).listObjects().collectList()
                        .map(objects -> reactor.util.function.Tuples.of(c, objects)))
                .collectList().block();
        assertThat(all).extracting(t -> t.getT1().name()).contains("images", "backups");
        Tuple2<ContainerEntry, List<ObjectEntry>> images = all.stream()
                .filter(t -> t.getT1().name().equals("images")).findFirst().orElseThrow();
        assertThat(images.getT1().project()).isEqualTo(user.uuid());
        assertThat(images.getT2()).extracting(ObjectEntry::name).contains("debian.diskdump", "debian.diskdump.meta");
    }

    @Test
    void downloadThenUploadToAnotherContainer() {
        Path local = tmp.resolve("debian.diskdump");
        pithos.withContainer("images").downloadObject("debian.diskdump", local, DownloadOptions.defaults()).block();
        var up = pithos.withContainer("backups").uploadObject("debian.diskdump", local, UploadOptions.defaults())
                .block();
        // every block was already in the cloud: one hashmap PUT, nothing sent
        assertThat(up.blocksSent()).isZero();
        assertThat(pithos.withContainer("backups").getObjectInfo("debian.diskdump").block().hash())
                .isEqualTo(pithos.withContainer("images").getObjectInfo("debian.diskdump").block().hash());
    }

    @Test
    void moveCopyDelete() {
        PithosClient images = pithos.withContainer("images");
        images.copyObject("debian.diskdump.meta", CopyOptions.to("images", "copy.meta")).block();
        images.moveObject("copy.meta", CopyOptions.to("backups", "moved.meta")).block();
        assertThat(pithos.withContainer("backups").getObjectString("moved.meta").block()).contains("debian");
        pithos.withContainer("backups").deleteObject("moved.meta").block();
        assertThatThrownBy(() -> pithos.withContainer("backups").getObjectInfo("moved.meta").block())
                .isInstanceOf(NotFoundException.class);
        assertThat(images.getObjectInfo("debian.diskdump.meta").block()).isNotNull();
    }

    @Test
    void reassignAContainer() {
        pithos.createContainer("project-box").block();
        pithos.reassignContainer("project-box", user.uuid()).block();
        assertThat(pithos.getContainerInfo("project-box").block().project()).isEqualTo(user.uuid());
        assertThat(Flux.from(pithos.listContainers()).filter(c -> c.name().equals("project-box"))
                .map(ContainerEntry::project).blockFirst()).isEqualTo(user.uuid());
        assertThat(pithos.getContainerInfo("project-box").block().metadata()).isEqualTo(Map.of());
    }
}
