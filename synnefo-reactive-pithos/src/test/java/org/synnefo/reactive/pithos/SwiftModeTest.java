package org.synnefo.reactive.pithos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
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
import org.synnefo.reactive.emulator.FaultRule;
import org.synnefo.reactive.emulator.SynnefoEmulator;
import org.synnefo.reactive.pithos.transfer.DownloadOptions;
import org.synnefo.reactive.pithos.transfer.DownloadResult;
import org.synnefo.reactive.pithos.transfer.UploadOptions;
import org.synnefo.reactive.pithos.transfer.UploadResult;

/**
 * The Swift paths of the client, forced with {@code swiftCompatible(true)} against the Pithos emulator
 * (which, like Swift, checks a PUT's {@code ETag} against the body's MD5, serves ranges, COPY and DELETE).
 * Static large objects and tempauth against a real Swift are in {@link SwiftInteropTest}.
 */
class SwiftModeTest {

    static final Duration T = Duration.ofSeconds(30);
    static SynnefoEmulator emulator;
    static SynnefoTransport transport;
    static PithosClient detecting;
    static PithosClient swift;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        emulator = SynnefoEmulator.builder().blockSize(64 * 1024).start();
        transport = EmulatorSupport.transport("pithos-swift-mode-test");
        EmulatorUser user = emulator.users().get(0);
        ClientOptions o = ClientOptions.builder().transport(transport).build();
        detecting = EmulatorSupport.client(emulator, user, o);
        detecting.createContainer("sw").block(T);
        swift = PithosClient.builder().endpoint(EmulatorSupport.objectStoreUrl(emulator)).token(user.token())
                .account(user.uuid()).options(o).swiftCompatible(true)
                .swiftOptions(SwiftOptions.defaults().withSegmentSize(1 << 20).withPartSize(100_000))
                .build().withContainer("sw");
    }

    @AfterAll
    static void stop() {
        transport.dispose();
        emulator.close();
    }

    static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    @Test
    void detectionFollowsTheContainerHead() {
        assertThat(detecting.isSwiftContainer("sw").block(T)).isFalse();
        assertThat(swift.isSwiftContainer("sw").block(T)).isTrue();
    }

    @Test
    void fileUpToTheSegmentSizeIsOneVerifiedPutAndRangedDownloadsReassembleIt() throws Exception {
        Path src = EmulatorSupport.randomFile(tmp, "f.bin", 1_000_003, 5);
        UploadResult up = swift.uploadObject("f.bin", src, UploadOptions.defaults()).block(T);
        assertThat(up.bytes()).isEqualTo(1_000_003);
        assertThat(up.blocks()).isEqualTo(1);
        assertThat(up.hashmapPuts()).isZero();
        // the server stored exactly the bytes (a Pithos reading through its own protocol)
        assertThat(detecting.withContainer("sw").getObjectBytes("f.bin").block(T)).isEqualTo(Files.readAllBytes(src));
        Path out = tmp.resolve("out.bin");
        Files.write(out, new byte[2_000_000]);
        DownloadResult d = swift.downloadObject("f.bin", out, DownloadOptions.defaults().withConcurrency(3)).block(T);
        assertThat(d.blocks()).isEqualTo(11); // 10 parts of 100,000 bytes and one of 3
        assertThat(d.bytesFetched()).isEqualTo(1_000_003);
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(src));
    }

    @Test
    void streamsGoInOneChunkedPutAndComeBackInOrder() throws Exception {
        byte[] data = EmulatorSupport.random(300_000, 9);
        UploadResult up = swift.uploadObject("s.bin", data, UploadOptions.defaults()).block(T);
        assertThat(up.bytes()).isEqualTo(300_000);
        ByteArrayOutputStream back = swift.downloadObject("s.bin", DownloadOptions.defaults())
                .reduce(new ByteArrayOutputStream(), (o, bb) -> {
                    byte[] b = new byte[bb.remaining()];
                    bb.get(b);
                    o.write(b, 0, b.length);
                    return o;
                }).block(T);
        assertThat(back.toByteArray()).isEqualTo(data);
        assertThat(swift.downloadObject("s.bin", DownloadOptions.defaults()
                .withConditions(Conditions.ifNoneMatch(swift.getObjectInfo("s.bin").block(T).etag())))
                .collectList().block(T)).isEmpty();
    }

    @Test
    void emptyFileRoundTrips() throws Exception {
        Path empty = Files.write(tmp.resolve("e"), new byte[0]);
        swift.uploadObject("e", empty, UploadOptions.defaults()).block(T);
        Path out = Files.write(tmp.resolve("e.out"), new byte[10]);
        assertThat(swift.downloadObject("e", out, DownloadOptions.defaults()).block(T).bytes()).isZero();
        assertThat(Files.size(out)).isZero();
    }

    @Test
    void pithosOnlyCallsFailTypedBeforeSending() {
        swift.putObject("p", new byte[] {1}, WriteOptions.defaults()).block(T);
        assertThatThrownBy(() -> swift.getObjectHashmap("p").block(T)).isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("hashmap");
        assertThatThrownBy(() -> swift.createObjectFromHashmap("q", new ObjectHashmap("sha256", 4, 0, List.of(),
                null), WriteOptions.defaults()).block(T)).isInstanceOf(UnsupportedFeatureException.class);
        assertThatThrownBy(() -> swift.uploadBlocks(new byte[] {1}).block(T))
                .isInstanceOf(UnsupportedFeatureException.class);
        assertThatThrownBy(() -> swift.setObjectSharing("p", Sharing.read("x")).block(T))
                .isInstanceOf(UnsupportedFeatureException.class);
        assertThatThrownBy(() -> swift.publishObject("p").block(T)).isInstanceOf(UnsupportedFeatureException.class);
        assertThatThrownBy(() -> swift.overwriteObject("p", 0, new byte[] {2}).block(T))
                .isInstanceOf(UnsupportedFeatureException.class);
        assertThatThrownBy(() -> swift.truncateObject("p", 0).block(T)).isInstanceOf(UnsupportedFeatureException.class);
        assertThatThrownBy(() -> swift.restoreObjectVersion("p", 1).block(T))
                .isInstanceOf(UnsupportedFeatureException.class);
        assertThatThrownBy(() -> swift.getObjectInfo("p", ReadOptions.defaults().withVersion(1L)).block(T))
                .isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("versions");
        assertThatThrownBy(() -> swift.downloadObject("p", tmp.resolve("v"), DownloadOptions.defaults()
                .withVersion(1L)).block(T)).isInstanceOf(UnsupportedFeatureException.class);
        assertThatThrownBy(() -> swift.copyObject("p", CopyOptions.to("sw", "c").withSourceVersion(1L)).block(T))
                .isInstanceOf(UnsupportedFeatureException.class);
        assertThatThrownBy(() -> swift.uploadObject("q", "x", UploadOptions.defaults()
                .withWrite(WriteOptions.defaults().withSharing(Sharing.read("x")))).block(T))
                .isInstanceOf(UnsupportedFeatureException.class);
        // none of them touched the object
        assertThat(swift.getObjectBytes("p").block(T)).containsExactly(1);
        assertThat(detecting.withContainer("sw").getObjectSharing("p").block(T)).isEqualTo(Sharing.none());
    }

    @Test
    void moveIsCopyThenDelete() {
        swift.putObject("m1", "move".getBytes(StandardCharsets.UTF_8), WriteOptions.defaults()).block(T);
        swift.moveObject("m1", CopyOptions.to("sw", "m2")).block(T);
        assertThat(swift.getObjectString("m2").block(T)).isEqualTo("move");
        assertThatThrownBy(() -> swift.getObjectInfo("m1").block(T)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> swift.moveObject("m2", CopyOptions.to("sw", "m2")).block(T))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void metadataUpdatesAreMergedClientSide() {
        swift.putObject("md", new byte[] {1}, WriteOptions.defaults().withMetadata(Map.of("a", "1", "b", "2")))
                .block(T);
        swift.setObjectMetadata("md", Map.of("c", "3")).block(T);
        swift.deleteObjectMetadata("md", "a").block(T);
        assertThat(swift.getObjectMetadata("md").block(T)).containsOnly(Map.entry("b", "2"), Map.entry("c", "3"));
    }

    @Test
    void recursiveDeletesListAndDelete() {
        for (String n : List.of("d", "d/1", "d/2/3", "dd", "keep")) {
            swift.putObject(n, new byte[] {1}, WriteOptions.defaults()).block(T);
        }
        swift.deleteObjectRecursive("d").block(T);
        assertThat(swift.listObjects(ListObjectsOptions.defaults().withPrefix("d")).map(ObjectEntry::name)
                .collectList().block(T)).containsExactly("dd");
        detecting.createContainer("sw-empty").block(T);
        PithosClient forced = PithosClient.builder().endpoint(EmulatorSupport.objectStoreUrl(emulator))
                .token(emulator.users().get(0).token()).account(emulator.users().get(0).uuid())
                .options(ClientOptions.builder().transport(transport).build()).swiftCompatible(true).build();
        forced.withContainer("sw-empty").putObject("x", new byte[] {1}, WriteOptions.defaults()).block(T);
        forced.emptyContainer("sw-empty").block(T);
        assertThat(forced.getContainerInfo("sw-empty").block(T).objectCount()).isZero();
        assertThatThrownBy(() -> forced.purgeContainer("sw-empty").block(T))
                .isInstanceOf(UnsupportedFeatureException.class);
        forced.deleteContainerRecursive("sw-empty", true).block(T);
        assertThatThrownBy(() -> forced.getContainerInfo("sw-empty").block(T)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void largerFilesBecomeStaticLargeObjectsWhichThisPithosDoesNotUnderstand() throws Exception {
        // The emulator ignores ?multipart-manifest=put and stores the manifest JSON, whose MD5 is not the
        // ETag the client announced: the server refuses it (422) and the client reports an IntegrityException
        // instead of leaving a JSON document where a file was meant to be.
        Path src = EmulatorSupport.randomFile(tmp, "big.bin", (1 << 20) + 1, 6);
        assertThatThrownBy(() -> swift.uploadObject("big.bin", src, UploadOptions.defaults()).block(T))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("manifest");
        // the segments themselves went to <container>_segments, verified one by one
        assertThat(swift.withContainer("sw_segments").listObjects(ListObjectsOptions.defaults().withPrefix("big.bin/"))
                .count().block(T)).isEqualTo(2);
        assertThat(md5(Files.readAllBytes(src))).hasSize(32);
    }

    @Test
    void smallFilesAreOneVerifiedPutFromMemory() throws Exception {
        Path src = EmulatorSupport.randomFile(tmp, "small.bin", 10_001, 8);
        UploadResult up = swift.uploadObject("small.bin", src, UploadOptions.defaults()).block(T);
        assertThat(up.bytes()).isEqualTo(10_001);
        assertThat(up.blocks()).isEqualTo(1);
        assertThat(detecting.withContainer("sw").getObjectBytes("small.bin").block(T))
                .isEqualTo(Files.readAllBytes(src));
    }

    @Test
    void aSegmentStoredWithAnotherMd5FailsTheUploadBeforeTheManifest() throws Exception {
        // the server answers one segment PUT with an ETag that is not the MD5 the client computed while the
        // kernel sent the range: the upload must fail naming that segment, and no manifest may be written
        FaultRule bad = emulator.faults().add(FaultRule.builder().method("PUT").path(".*/sw_segments/bad\\.bin/.*01")
                .once().respond(201, Map.of("ETag", "0123456789abcdef0123456789abcdef"), "").build());
        try {
            Path src = EmulatorSupport.randomFile(tmp, "bad.bin", (2 << 20) + 5, 9);
            assertThatThrownBy(() -> swift.uploadObject("bad.bin", src, UploadOptions.defaults()).block(T))
                    .isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("00000001")
                    .hasMessageContaining("manifest was not written");
            assertThat(emulator.faults().fired(bad.id())).isEqualTo(1);
            assertThatThrownBy(() -> detecting.withContainer("sw").getObjectInfo("bad.bin").block(T))
                    .isInstanceOf(NotFoundException.class);
        } finally {
            emulator.faults().remove(bad.id());
        }
    }

    @Test
    void oneStuckSegmentDoesNotHoldBackTheOtherSegments() throws Exception {
        // Segment 0 hangs; with three segments in flight the other twelve must still all be sent (an
        // ordered merge asked for the next segment only once the oldest was done, and stalled here).
        FaultRule first = emulator.faults().add(FaultRule.builder().method("PUT")
                .path(".*/sw_segments/stuck\\.bin/.*/00000000").latency(Duration.ofHours(1)).build());
        FaultRule others = emulator.faults().add(FaultRule.builder().method("PUT")
                .path(".*/sw_segments/stuck\\.bin/.*/000000(0[1-9]|1[0-2])").latency(Duration.ofMillis(1)).build());
        Path src = EmulatorSupport.randomFile(tmp, "stuck.bin", (12 << 20) + 7, 12);
        EmulatorSupport.assertTheOthersGoOn(emulator, first, others, 12,
                swift.uploadObject("stuck.bin", src, UploadOptions.defaults().withConcurrency(3)));
    }

    @Test
    void aConnectionClosedInTheMiddleOfARangeIsRefetchedNotWaitedFor() throws Exception {
        Path src = EmulatorSupport.randomFile(tmp, "cut.bin", 1_000_003, 10);
        swift.uploadObject("cut.bin", src, UploadOptions.defaults()).block(T);
        // the server closes the connection after 10,000 bytes of two ranged GETs, with the rest announced
        FaultRule cut = emulator.faults().add(FaultRule.builder().method("GET").path(".*/sw/cut\\.bin").skip(1)
                .times(2).closeAfterBytes(10_000).build());
        try {
            Path out = tmp.resolve("cut.out");
            // block(T) is shorter than the response timeout: a reset waited for instead of noticed fails here
            DownloadResult d = swift.downloadObject("cut.bin", out, DownloadOptions.defaults().withConcurrency(3))
                    .block(T);
            assertThat(emulator.faults().fired(cut.id())).isEqualTo(2);
            assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(src));
            assertThat(d.bytes()).isEqualTo(1_000_003);
        } finally {
            emulator.faults().remove(cut.id());
        }
    }

    @Test
    void smallObjectsComeInOneAnswerAndReplaceTheTarget() throws Exception {
        Path src = EmulatorSupport.randomFile(tmp, "s1.bin", 10_001, 11);
        swift.uploadObject("s1.bin", src, UploadOptions.defaults()).block(T);
        Path out = tmp.resolve("s1.out");
        Files.write(out, new byte[50_000]); // longer than the object: must end up exactly the object
        DownloadResult d = swift.downloadObject("s1.bin", out, DownloadOptions.defaults()).block(T);
        assertThat(d.bytes()).isEqualTo(10_001);
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(src));
    }

    @Test
    void aSmallObjectWhoseBytesAreNotItsEtagIsRefusedAndTheTargetKept() throws Exception {
        swift.putObject("s2.bin", "original".getBytes(StandardCharsets.UTF_8), WriteOptions.defaults()).block(T);
        // the answer claims the MD5 of "original" but carries other bytes of the same length
        FaultRule bad = emulator.faults().add(FaultRule.builder().method("GET").path(".*/sw/s2\\.bin").once()
                .respond(200, Map.of("ETag", md5("original".getBytes(StandardCharsets.UTF_8)),
                        "Content-Type", "application/octet-stream"), "0riginal").build());
        try {
            Path out = tmp.resolve("s2.out");
            Files.writeString(out, "kept");
            assertThatThrownBy(() -> swift.downloadObject("s2.bin", out, DownloadOptions.defaults()).block(T))
                    .isInstanceOf(IntegrityException.class).hasMessageContaining("MD5");
            assertThat(emulator.faults().fired(bad.id())).isEqualTo(1);
            assertThat(Files.readString(out)).isEqualTo("kept");
        } finally {
            emulator.faults().remove(bad.id());
        }
    }
}
