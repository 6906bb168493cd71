package org.synnefo.reactive.pithos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.core.PreconditionFailedException;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.emulator.EmulatorUser;
import org.synnefo.reactive.emulator.SynnefoEmulator;
import org.synnefo.reactive.pithos.internal.BlockHasher;
import reactor.test.StepVerifier;

/** Object calls against the emulator (block size 1024, as upstream's own tests). */
class ObjectApiTest {

    static SynnefoEmulator emulator;
    static SynnefoTransport transport;
    static PithosClient account;
    static PithosClient pithos;
    static EmulatorUser user;
    static EmulatorUser otherUser;

    @BeforeAll
    static void start() {
        emulator = SynnefoEmulator.builder().blockSize(1024).start();
        transport = EmulatorSupport.transport("pithos-object-test");
        user = emulator.users().get(0);
        otherUser = emulator.users().get(1);
        account = EmulatorSupport.client(emulator, user, ClientOptions.builder().transport(transport).build());
        account.createContainer("objects").block();
        pithos = account.withContainer("objects");
    }

    @AfterAll
    static void stop() {
        transport.dispose();
        emulator.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void putThenInfoAndGetWithTheMerkleEtag() {
        ObjectWriteResult w = pithos.putObject("hello.txt", utf8("hello"), WriteOptions.defaults()
                .withContentType("text/plain").withMetadata(Map.of("lang", "en"))).block();
        assertThat(w.etag()).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(w.version()).isNotNull();
        ObjectInfo info = pithos.getObjectInfo("hello.txt").block();
        assertThat(info.contentLength()).isEqualTo(5);
        assertThat(info.contentType()).startsWith("text/plain");
        assertThat(info.hash()).isEqualTo(w.etag());
        assertThat(info.etag()).isEqualTo(w.etag());
        assertThat(info.uuid()).isNotBlank();
        assertThat(info.metadata()).containsEntry("lang", "en");
        assertThat(info.modifiedBy()).isEqualTo(user.uuid());
        assertThat(pithos.getObjectString("hello.txt").block()).isEqualTo("hello");
        assertThat(pithos.getObjectMetadata("hello.txt").block()).containsEntry("lang", "en");
    }

    @Test
    void namesWithSlashesSpacesAndUnicodeRoundTrip() {
        for (String name : List.of("dir//a b/", "/leading", "ünï cödé ?#%+.txt", "a/b/c")) {
            pithos.putObject(name, utf8(name), WriteOptions.defaults()).block();
            assertThat(pithos.getObjectString(name).block()).isEqualTo(name);
        }
    }

    @Test
    void rangesAndConditions() {
        byte[] data = EmulatorSupport.random(3000, 1);
        String etag = pithos.putObject("ranged", data, WriteOptions.defaults()).block().etag();
        ObjectContent part = pithos.getObject("ranged", ReadOptions.defaults().withRange(100, 1099)).block();
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.contentRange()).isEqualTo("bytes 100-1099/3000");
        assertThat(part.data()).isEqualTo(java.util.Arrays.copyOfRange(data, 100, 1100));
        ObjectContent tail = pithos.getObject("ranged", ReadOptions.defaults().withRange("bytes=-500")).block();
        assertThat(tail.data()).isEqualTo(java.util.Arrays.copyOfRange(data, 2500, 3000));

        assertThat(pithos.getObject("ranged", ReadOptions.defaults().withConditions(Conditions.ifMatch(etag)))
                .block().data()).isEqualTo(data);
        StepVerifier.create(pithos.getObject("ranged", ReadOptions.defaults()
                .withConditions(Conditions.ifNoneMatch(etag)))).verifyComplete();
        StepVerifier.create(pithos.getObjectInfo("ranged", ReadOptions.defaults()
                .withConditions(Conditions.ifNoneMatch(etag)))).verifyComplete();
        assertThatThrownBy(() -> pithos.getObject("ranged", ReadOptions.defaults()
                .withConditions(Conditions.ifMatch("0000"))).block()).isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> pithos.putObject("ranged", data, WriteOptions.defaults()
                .withConditions(Conditions.ifNotExists())).block()).isInstanceOf(PreconditionFailedException.class);
    }

    @Test
    void directoryObjectsAndListingFilters() {
        PithosClient c = account.withContainer("listing");
        account.createContainer("listing").block();
        c.createDirectory("photos").block();
        for (String n : List.of("photos/me.jpg", "photos/animals/cat.jpg", "photos/plants/fern.jpg", "zz")) {
            c.putObject(n, utf8(n), WriteOptions.defaults()).block();
        }
        c.setObjectMetadata("zz", Map.of("quality", "high")).block();
        assertThat(c.getObjectInfo("photos").block().isDirectory()).isTrue();

        List<ObjectEntry> delim = c.listObjects(ListObjectsOptions.defaults().withPrefix("photos/").withDelimiter("/"))
                .collectList().block();
        assertThat(delim).extracting(ObjectEntry::name)
                .containsExactly("photos/animals/", "photos/me.jpg", "photos/plants/");
        assertThat(delim.get(0).isSubdir()).isTrue();
        assertThat(c.listObjects(ListObjectsOptions.defaults().withPath("photos")).map(ObjectEntry::name)
                .collectList().block()).containsExactly("photos/me.jpg");
        assertThat(c.listObjects(ListObjectsOptions.defaults().withMeta("quality")).map(ObjectEntry::name)
                .collectList().block()).containsExactly("zz");
        assertThat(c.listObjects(ListObjectsOptions.defaults().withMeta("quality=high")).map(ObjectEntry::name)
                .collectList().block()).containsExactly("zz");
        assertThat(c.listObjects(ListObjectsOptions.defaults().withMarker("photos/plants/fern.jpg"))
                .map(ObjectEntry::name).collectList().block()).containsExactly("zz");
        List<ObjectEntry> all = c.listObjects(ListObjectsOptions.defaults().withPageSize(2)).collectList().block();
        assertThat(all).extracting(ObjectEntry::name).containsExactly("photos", "photos/animals/cat.jpg",
                "photos/me.jpg", "photos/plants/fern.jpg", "zz");
        ObjectEntry zz = all.get(4);
        assertThat(zz.bytes()).isEqualTo(2);
        assertThat(zz.hash()).isNotBlank();
        assertThat(zz.version()).isNotNull();
        assertThat(zz.lastModified()).isNotNull();
        assertThat(all.get(0).isDirectory()).isTrue();
    }

    @Test
    void hashmapAndCreateFromHashmap() {
        byte[] data = EmulatorSupport.random(2500, 2);
        pithos.putObject("source", data, WriteOptions.defaults()).block();
        ObjectHashmap hm = pithos.getObjectHashmap("source").block();
        assertThat(hm.blockSize()).isEqualTo(1024);
        assertThat(hm.bytes()).isEqualTo(2500);
        assertThat(hm.hashes()).hasSize(3);
        BlockHasher h = new BlockHasher("sha256");
        assertThat(hm.hashes().get(0)).isEqualTo(BlockHasher.hex(h.hashBlock(data, 0, 1024)));
        assertThat(h.merkleRoot(hm.hashes())).isEqualTo(hm.objectHash());

        ObjectWriteResult w = pithos.createObjectFromHashmap("clone", hm, WriteOptions.defaults()).block();
        assertThat(w.etag()).isEqualTo(hm.objectHash());
        assertThat(pithos.getObjectBytes("clone").block()).isEqualTo(data);
        assertThat(pithos.getObjectInfo("clone").block().uuid()).isNotEqualTo(pithos.getObjectInfo("source")
                .block().uuid());

        String unknown = "ab".repeat(32);
        ObjectHashmap bogus = new ObjectHashmap("sha256", 1024, 10, List.of(unknown), null);
        assertThatThrownBy(() -> pithos.createObjectFromHashmap("bogus", bogus, WriteOptions.defaults()).block())
                .isInstanceOfSatisfying(MissingBlocksException.class,
                        e -> assertThat(e.missingHashes()).containsExactly(unknown));
        List<String> stored = pithos.uploadBlocks(utf8("a fresh block")).block();
        assertThat(stored).containsExactly(BlockHasher.hex(h.hashBlock(utf8("a fresh block"), 0, 13)));
    }

    @Test
    void emptyObjectHashmap() {
        pithos.putObject("empty", new byte[0], WriteOptions.defaults()).block();
        ObjectHashmap hm = pithos.getObjectHashmap("empty").block();
        assertThat(hm.bytes()).isZero();
        assertThat(pithos.getObjectBytes("empty").block()).isEmpty();
        assertThat(pithos.getObjectInfo("empty").block().hash())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void manifestConcatenatesParts() {
        pithos.putObject("parts/1", utf8("abc"), WriteOptions.defaults()).block();
        pithos.putObject("parts/2", utf8("def"), WriteOptions.defaults()).block();
        pithos.createManifest("joined", "objects/parts/", WriteOptions.defaults()).block();
        assertThat(pithos.getObjectString("joined").block()).isEqualTo("abcdef");
        assertThat(pithos.getObjectInfo("joined").block().manifest()).isEqualTo("objects/parts/");
    }

    @Test
    void copyAndMoveWithinAndAcrossContainers() {
        account.createContainer("elsewhere").block();
        pithos.putObject("orig", utf8("payload"), WriteOptions.defaults().withMetadata(Map.of("k", "v"))).block();
        String uuid = pithos.getObjectInfo("orig").block().uuid();

        pithos.copyObject("orig", CopyOptions.to("objects", "copy")).block();
        ObjectInfo copy = pithos.getObjectInfo("copy").block();
        assertThat(copy.uuid()).isNotEqualTo(uuid);
        assertThat(copy.metadata()).containsEntry("k", "v");
        pithos.copyObject("orig", CopyOptions.to("elsewhere", "copied")).block();
        assertThat(account.withContainer("elsewhere").getObjectString("copied").block()).isEqualTo("payload");

        pithos.moveObject("copy", CopyOptions.to("elsewhere", "moved")).block();
        ObjectInfo moved = account.withContainer("elsewhere").getObjectInfo("moved").block();
        assertThat(moved.uuid()).isEqualTo(copy.uuid());
        assertThatThrownBy(() -> pithos.getObjectInfo("copy").block()).isInstanceOf(NotFoundException.class);
        // published state is not set by a copy
        assertThat(moved.publicUrl()).isNull();
    }

    @Test
    void copyOfAnOldVersion() {
        pithos.putObject("versioned", utf8("one"), WriteOptions.defaults()).block();
        long v1 = pithos.getObjectInfo("versioned").block().version();
        pithos.putObject("versioned", utf8("two"), WriteOptions.defaults()).block();
        pithos.copyObject("versioned", CopyOptions.to("objects", "from-v1").withSourceVersion(v1)).block();
        assertThat(pithos.getObjectString("from-v1").block()).isEqualTo("one");
        assertThat(pithos.getObject("versioned", ReadOptions.defaults().withVersion(v1)).block().data())
                .isEqualTo(utf8("one"));
    }

    @Test
    void crossAccountCopyNeedsSharing() {
        PithosClient theirs = EmulatorSupport.client(emulator, otherUser,
                ClientOptions.builder().transport(transport).build());
        theirs.createContainer("inbox").block();
        theirs.withContainer("inbox").putObject("gift", utf8("for you"), WriteOptions.defaults()
                .withSharing(Sharing.read(user.uuid()))).block();
        // my client, on their account: copy their shared object into my container
        theirs.withContainer("inbox").setObjectSharing("gift", Sharing.write(user.uuid())).block();
        account.withAccount(otherUser.uuid()).withContainer("inbox")
                .copyObject("gift", CopyOptions.to("objects", "gift-copy").withDestinationAccount(user.uuid()))
                .block();
        assertThat(pithos.getObjectString("gift-copy").block()).isEqualTo("for you");
    }

    @Test
    void deleteAndRecursiveDelete() {
        pithos.putObject("gone", utf8("x"), WriteOptions.defaults()).block();
        pithos.deleteObject("gone").block();
        assertThatThrownBy(() -> pithos.getObjectInfo("gone").block()).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pithos.deleteObject("gone").block()).isInstanceOf(NotFoundException.class);
        pithos.putObject("tree", new byte[0], WriteOptions.defaults().withContentType("application/directory"))
                .block();
        pithos.putObject("tree/a", utf8("a"), WriteOptions.defaults()).block();
        pithos.putObject("tree/b/c", utf8("c"), WriteOptions.defaults()).block();
        pithos.deleteObjectRecursive("tree").block();
        assertThat(pithos.listObjects(ListObjectsOptions.defaults().withPrefix("tree")).collectList().block())
                .isEmpty();
    }

    @Test
    void metadataSetMergeDeleteReplaceAndVersions() {
        pithos.putObject("meta", utf8("m"), WriteOptions.defaults()).block();
        pithos.setObjectMetadata("meta", Map.of("a", "1", "b", "2")).block();
        pithos.deleteObjectMetadata("meta", "a").block();
        assertThat(pithos.getObjectMetadata("meta").block()).containsOnlyKeys("b");
        pithos.replaceObjectMetadata("meta", Map.of("c", "3")).block();
        assertThat(pithos.getObjectMetadata("meta").block()).containsOnlyKeys("c");
        List<ObjectVersion> versions = pithos.listObjectVersions("meta").collectList().block();
        assertThat(versions).hasSize(4);
        assertThat(versions).extracting(ObjectVersion::id).isSorted();
        assertThat(versions.get(0).timestamp()).isNotNull();
        pithos.updateObject("meta", WriteOptions.defaults().withContentEncoding("gzip")
                .withContentDisposition("attachment; filename=\"m\"")).block();
        ObjectInfo info = pithos.getObjectInfo("meta").block();
        assertThat(info.contentEncoding()).isEqualTo("gzip");
        assertThat(info.contentDisposition()).contains("attachment");
    }

    @Test
    void sharingAndPublishing() {
        pithos.putObject("pub", utf8("public data"), WriteOptions.defaults()).block();
        pithos.setObjectSharing("pub", new Sharing(List.of(otherUser.uuid()), List.of())).block();
        assertThat(pithos.getObjectSharing("pub").block().read()).containsExactly(otherUser.uuid());
        pithos.deleteObjectSharing("pub").block();
        assertThat(pithos.getObjectSharing("pub").block().isEmpty()).isTrue();

        String url = pithos.publishObject("pub").block();
        assertThat(url).contains("/pithos/public/");
        assertThat(pithos.getObjectInfo("pub").block().publicUrl()).isEqualTo(url);
        pithos.unpublishObject("pub").block();
        assertThat(pithos.getObjectInfo("pub").block().publicUrl()).isNull();
    }

    @Test
    void appendOverwriteTruncateRestore(@TempDir Path tmp) throws Exception {
        pithos.putObject("edit", utf8("hello"), WriteOptions.defaults()).block();
        long v1 = pithos.getObjectInfo("edit").block().version();
        pithos.appendObject("edit", utf8(" world")).block();
        assertThat(pithos.getObjectString("edit").block()).isEqualTo("hello world");
        ObjectWriteResult w = pithos.overwriteObject("edit", 0, utf8("HELLO")).block();
        assertThat(pithos.getObjectString("edit").block()).isEqualTo("HELLO world");
        assertThat(w.etag()).isEqualTo(pithos.getObjectInfo("edit").block().hash());
        pithos.truncateObject("edit", 5).block();
        assertThat(pithos.getObjectString("edit").block()).isEqualTo("HELLO");
        pithos.restoreObjectVersion("edit", v1).block();
        assertThat(pithos.getObjectString("edit").block()).isEqualTo("hello");

        byte[] big = EmulatorSupport.random(2500, 3);
        Path f = tmp.resolve("append.bin");
        Files.write(f, big);
        pithos.putObject("appended", new byte[0], WriteOptions.defaults()).block();
        pithos.appendObject("appended", f).block();
        assertThat(pithos.getObjectBytes("appended").block()).isEqualTo(big);
    }
}
