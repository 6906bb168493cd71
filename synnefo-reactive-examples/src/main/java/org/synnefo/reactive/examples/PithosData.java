package org.synnefo.reactive.examples;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.synnefo.reactive.pithos.ContainerOptions;
import org.synnefo.reactive.pithos.ObjectHashmap;
import org.synnefo.reactive.pithos.PithosClient;
import org.synnefo.reactive.pithos.WriteOptions;
import org.synnefo.reactive.pithos.transfer.UploadOptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The containers and objects of the reference's Pithos listing ({@code pithos}, {@code images},
 * {@code music}, {@code trash}, with the listed names, types and sizes), plus {@code course_container}
 * for astakos-project-reassign. Small objects are uploaded; the large ones (disk images, music) are made
 * of zero-filled blocks, created from a hashmap after sending one zero block: they cost the server one
 * block, the reader their full size. Creates only what is missing.
 */
public final class PithosData {

    /** The container of astakos-project-reassign. */
    public static final String COURSE_CONTAINER = "course_container";
    /** The object of pithos-download-upload and pithos-move-copy-delete. */
    public static final String DISTRO = "my-linux-distro.diskdump";

    /** One object of the listing. */
    record Entry(String container, String name, String type, long bytes) {
        boolean directory() {
            return name.endsWith("/");
        }
    }

    /** The reference's listing, container by container. */
    static final List<Entry> LISTING = List.of(
            new Entry("pithos", "myfile.txt", "text/plain", 202),
            new Entry("pithos", "myfolder/", "application/directory", 0),
            new Entry("pithos", "myfolder/anotherfile.txt", "text/plain", 333),
            new Entry("pithos", DISTRO, "application/octet-stream", 539_427_293L),
            new Entry("images", "debian-stable.disckdump", "application/octet-stream", 309_427_093L),
            new Entry("images", "my-special-image.diskdump", "application/octet-stream", 339_427_293L),
            new Entry("music", "The Beatles - White Album/", "application/directory", 0),
            new Entry("music", "The Beatles - White Album/Back in the U.S.S.R.mp3", "media/mpeg", 3_442_135L),
            new Entry("music", "BoC - Music has the right to children/", "application/directory", 0),
            new Entry("music", "BoC - Music has the right to children/Wildlife Analysis.mp3", "media/mpeg", 4_442_135L),
            new Entry("music", "BoC - Music has the right to children/An eagle in your mind.mp3", "media/mpeg",
                    23_442_135L),
            new Entry("trash", "my deleted folder/", "application/directory", 0),
            new Entry("trash", "my deleted folder/some old file.txt", "text/plain", 10),
            new Entry("trash", "my deleted folder/removed by accident.png", "image/png", 20));

    /** Objects larger than this are made of zero blocks; smaller ones are uploaded with readable content. */
    static final long UPLOAD_LIMIT = 64 * 1024;

    private PithosData() {
    }

    /**
     * Creates the containers and objects that are missing: {@code pithos}, {@code trash} and
     * {@code course_container} in my system project, {@code images} and {@code music} in
     * {@code courseProject}.
     *
     * @param account my Pithos client (account set)
     * @param systemProject my system project (my uuid)
     * @param courseProject the project for images and music
     * @param courseContainerBytes the size of {@code course_container}'s one object (0 for none): the tour
     *        makes it fill the system project's storage quota
     * @return completion
     */
    public static Mono<Void> seed(PithosClient account, String systemProject, String courseProject,
            long courseContainerBytes) {
        List<Entry> all = new ArrayList<>(LISTING);
        if (courseContainerBytes > 0) {
            all.add(new Entry(COURSE_CONTAINER, "lab-datasets.tar", "application/x-tar", courseContainerBytes));
        }
        return Flux.just("pithos", "trash", COURSE_CONTAINER, "images", "music")
                .concatMap(c -> account.createContainer(c, ContainerOptions.defaults().withProject(
                        c.equals("images") || c.equals("music") ? courseProject : systemProject)))
                .then(Flux.fromIterable(all).concatMap(e -> create(account.withContainer(e.container()), e)).then());
    }

    private static Mono<Void> create(PithosClient container, Entry e) {
        return container.getObjectInfo(e.name()).then()
                .onErrorResume(org.synnefo.reactive.core.NotFoundException.class, nf -> write(container, e));
    }

    private static Mono<Void> write(PithosClient container, Entry e) {
        if (e.directory()) {
            return container.createDirectory(e.name()).then();
        }
        WriteOptions w = WriteOptions.defaults().withContentType(e.type());
        if (e.bytes() <= UPLOAD_LIMIT) {
            return container.uploadObject(e.name(), content(e), UploadOptions.defaults().withWrite(w)).then();
        }
        return container.getContainerInfo(container.container())
                .flatMap(info -> container.uploadBlocks(new byte[info.blockSize()])
                        .flatMap(hashes -> {
                            int blocks = (int) ((e.bytes() + info.blockSize() - 1) / info.blockSize());
                            List<String> map = Collections.nCopies(blocks, hashes.get(0));
                            return container.createObjectFromHashmap(e.name(), new ObjectHashmap(info.blockHash(),
                                    info.blockSize(), e.bytes(), map, null), w);
                        }))
                .then();
    }

    /** Readable bytes of the entry's exact size. */
    private static byte[] content(Entry e) {
        byte[] line = ("This is " + e.name() + " in " + e.container() + ".\n").getBytes(
                java.nio.charset.StandardCharsets.UTF_8);
        byte[] out = new byte[(int) e.bytes()];
        for (int i = 0; i < out.length; i++) {
            out[i] = line[i % line.length];
        }
        return out;
    }
}
