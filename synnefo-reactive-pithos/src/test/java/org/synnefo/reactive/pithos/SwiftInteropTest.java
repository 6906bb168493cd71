package org.synnefo.reactive.pithos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.core.PreconditionFailedException;
import org.synnefo.reactive.core.TokenProvider;
import org.synnefo.reactive.core.UnauthorizedException;
import org.synnefo.reactive.pithos.transfer.DownloadOptions;
import org.synnefo.reactive.pithos.transfer.DownloadResult;
import org.synnefo.reactive.pithos.transfer.UploadOptions;
import org.synnefo.reactive.pithos.transfer.UploadResult;
import reactor.core.publisher.Mono;

/**
 * The client's Swift-compatible surface against a real OpenStack Swift ({@code scripts/swift-aio.sh}),
 * selected by the Maven profile {@code swift-interop}; never part of the plain build. Reads
 * {@code SWIFT_AUTH_URL}, {@code SWIFT_USER} and {@code SWIFT_KEY} from the environment and fails when
 * they are missing (a profile that silently skipped would prove nothing). Set {@code SWIFT_INTEROP_BIG_MB}
 * to change the size of the big transfer (default 1024 MiB).
 */
@Tag("swift-interop")
class SwiftInteropTest {

    static final Duration T = Duration.ofMinutes(5);
    static String authUrl;
    static String user;
    static String key;
    static PithosClient swift;
    static String c;

    @BeforeAll
    static void connect() {
        authUrl = System.getenv("SWIFT_AUTH_URL");
        user = System.getenv("SWIFT_USER");
        key = System.getenv("SWIFT_KEY");
        if (authUrl == null || user == null || key == null) {
            throw new IllegalStateException("SWIFT_AUTH_URL, SWIFT_USER and SWIFT_KEY must be set: "
                    + "eval \"$(scripts/swift-aio.sh env --export)\"");
        }
        swift = PithosClient.builder().swiftAuth(authUrl, user, key)
                .options(ClientOptions.builder().transport(EmulatorSupport.transport("swift-interop")).build())
                .build();
        c = "interop-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(swift.createContainer(c).block(T)).isTrue();
    }

    @AfterAll
    static void cleanUp() {
        if (swift != null && c != null) {
            swift.deleteContainerRecursive(c, true).onErrorResume(e -> Mono.empty()).block(T);
            swift.deleteContainerRecursive(c + SwiftOptions.DEFAULT_SEGMENT_CONTAINER_SUFFIX, false)
                    .onErrorResume(e -> Mono.empty()).block(T);
        }
    }

    PithosClient objects() {
        return swift.withContainer(c);
    }

    @Test
    void tempauthGivesStorageUrlAndAccount() {
        SwiftAuth auth = SwiftAuth.tempauth(authUrl, user, key);
        SwiftAuth.Session s = auth.authenticate().block(T);
        assertThat(s.storageUrl()).contains("/v1/");
        assertThat(s.account()).startsWith("AUTH_");
        assertThat(s.endpoint() + "/" + s.account()).isEqualTo(s.storageUrl());
        assertThat(s.toString()).doesNotContain(s.token());
        assertThat(auth.toString()).doesNotContain(key);
        assertThat(swift.isSwiftContainer(c).block(T)).isTrue();
    }

    @Test
    void wrongKeyIs401() {
        PithosClient bad = PithosClient.builder().swiftAuth(authUrl, user, key + "-wrong").build();
        assertThatThrownBy(() -> bad.listContainers().collectList().block(T))
                .isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> SwiftAuth.tempauth(authUrl, user, "nope").authenticate().block(T))
                .isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void rejectedTokenIsRefreshedOnce() {
        SwiftAuth auth = SwiftAuth.tempauth(authUrl, user, key);
        SwiftAuth.Session s = auth.session().block(T);
        // the first request carries a token Swift never issued: 401, then TokenProvider.refresh gives the real one
        TokenProvider stale = new TokenProvider() {
            boolean first = true;

            @Override
            public Mono<String> token() {
                return Mono.fromSupplier(() -> {
                    String t = first ? "AUTH_tk00000000000000000000000000000000" : s.token();
                    first = false;
                    return t;
                });
            }

            @Override
            public Mono<String> refresh(String rejected) {
                return auth.tokenProvider().refresh(rejected);
            }
        };
        PithosClient p = PithosClient.builder().endpoint(s.endpoint()).account(s.account()).tokenProvider(stale)
                .build();
        assertThat(p.getContainerInfo(c).block(T).blockHash()).isNull();
        // a bogus fixed token cannot refresh: the 401 surfaces
        PithosClient fixed = PithosClient.builder().endpoint(s.endpoint()).account(s.account())
                .token("AUTH_tk11111111111111111111111111111111").build();
        assertThatThrownBy(() -> fixed.getAccountInfo().block(T)).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void accountAndContainers() {
        String other = c + "-b";
        assertThat(swift.createContainer(other).block(T)).isTrue();
        assertThat(swift.createContainer(other).block(T)).isFalse();
        swift.setContainerMetadata(other, Map.of("colour", "blue", "size", "big")).block(T);
        swift.deleteContainerMetadata(other, "size").block(T);
        ContainerInfo info = swift.getContainerInfo(other).block(T);
        assertThat(info.metadata()).containsEntry("colour", "blue").doesNotContainKey("size");
        assertThat(info.blockHash()).isNull();
        assertThat(info.objectCount()).isZero();
        assertThat(swift.listContainers().map(ContainerEntry::name).collectList().block(T)).contains(c, other);
        assertThat(swift.getAccountInfo().block(T).containerCount()).isGreaterThanOrEqualTo(2);
        swift.setAccountMetadata(Map.of("interop", "yes")).block(T);
        assertThat(swift.getAccountMetadata().block(T)).containsEntry("interop", "yes");
        swift.deleteAccountMetadata("interop").block(T);
        assertThat(swift.getAccountMetadata().block(T)).doesNotContainKey("interop");
        swift.deleteContainer(other).block(T);
        assertThatThrownBy(() -> swift.getContainerInfo(other).block(T)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void jsonListingsWithPrefixDelimiterMarkerLimit() {
        PithosClient o = swift.withContainer(c + "-list");
        swift.createContainer(c + "-list").block(T);
        try {
            for (String n : List.of("a/1", "a/2", "a/b/3", "a/c/4", "b", "c")) {
                o.putObject(n, n.getBytes(StandardCharsets.UTF_8), WriteOptions.defaults()).block(T);
            }
            List<ObjectEntry> dir = o.listObjects(ListObjectsOptions.defaults().withPrefix("a/").withDelimiter("/"))
                    .collectList().block(T);
            assertThat(dir).extracting(ObjectEntry::name).containsExactly("a/1", "a/2", "a/b/", "a/c/");
            assertThat(dir).extracting(ObjectEntry::isSubdir).containsExactly(false, false, true, true);
            assertThat(dir.get(0).bytes()).isEqualTo(3);
            // Swift's last_modified has no offset (UTC)
            assertThat(dir.get(0).lastModified()).isNotNull().isBetween(Instant.now().minusSeconds(3600),
                    Instant.now().plusSeconds(3600));
            assertThat(dir.get(0).raw().path("hash").asText()).isEqualTo(Md5.hex("a/1".getBytes(StandardCharsets.UTF_8)));
            assertThat(o.listObjects(ListObjectsOptions.defaults().withMarker("a/c/4")).map(ObjectEntry::name)
                    .collectList().block(T)).containsExactly("b", "c");
            // page size 2 = limit=2 and marker paging under the hood
            assertThat(o.listObjects(ListObjectsOptions.defaults().withPageSize(2)).map(ObjectEntry::name)
                    .collectList().block(T)).containsExactly("a/1", "a/2", "a/b/3", "a/c/4", "b", "c");
            assertThat(o.listObjects(ListObjectsOptions.defaults().withPageSize(2)).take(3).count().block(T))
                    .isEqualTo(3);
            o.deleteObjectRecursive("a").block(T);
            assertThat(o.listObjects().map(ObjectEntry::name).collectList().block(T)).containsExactly("b", "c");
            swift.emptyContainer(c + "-list").block(T);
            assertThat(o.listObjects().collectList().block(T)).isEmpty();
            assertThat(swift.getContainerInfo(c + "-list").block(T)).isNotNull();
        } finally {
            swift.deleteContainerRecursive(c + "-list", true).block(T);
        }
    }

    @Test
    void objectMetadataIsMergedNotReplaced() {
        objects().putObject("meta", "x".getBytes(StandardCharsets.UTF_8),
                WriteOptions.defaults().withContentType("text/plain").withMetadata(Map.of("a", "1", "b", "2"))).block(T);
        objects().setObjectMetadata("meta", Map.of("c", "3")).block(T);
        objects().deleteObjectMetadata("meta", "a").block(T);
        ObjectInfo i = objects().getObjectInfo("meta").block(T);
        assertThat(i.metadata()).containsEntry("b", "2").containsEntry("c", "3").doesNotContainKey("a");
        assertThat(i.contentType()).startsWith("text/plain");
        objects().replaceObjectMetadata("meta", Map.of("only", "this")).block(T);
        assertThat(objects().getObjectMetadata("meta").block(T)).containsOnlyKeys("only");
    }

    @Test
    void conditionalAndRangedGets() {
        byte[] data = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        ObjectWriteResult w = objects().putObject("cond", data, WriteOptions.defaults()).block(T);
        assertThat(w.etag()).isEqualTo(Md5.hex(data));
        ObjectContent part = objects().getObject("cond", ReadOptions.defaults().withRange(4, 7)).block(T);
        assertThat(part.status()).isEqualTo(206);
        assertThat(new String(part.data(), StandardCharsets.US_ASCII)).isEqualTo("4567");
        assertThat(objects().getObject("cond", ReadOptions.defaults().withConditions(Conditions.ifNoneMatch(w.etag())))
                .blockOptional(T)).isEmpty();
        assertThat(objects().getObjectInfo("cond", ReadOptions.defaults()
                .withConditions(Conditions.ifNoneMatch(w.etag()))).blockOptional(T)).isEmpty();
        assertThatThrownBy(() -> objects().getObject("cond", ReadOptions.defaults()
                .withConditions(Conditions.ifMatch("0123456789abcdef0123456789abcdef"))).block(T))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> objects().putObject("cond", data, WriteOptions.defaults()
                .withConditions(Conditions.ifNotExists())).block(T))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> objects().downloadObject("cond", Path.of("/nonexistent-dir/x"),
                DownloadOptions.defaults().withConditions(Conditions.ifMatch("0123456789abcdef0123456789abcdef")))
                .block(T)).isInstanceOf(PreconditionFailedException.class);
    }

    @Test
    void copyMoveDeleteAndNotFound() {
        byte[] data = "copy me".getBytes(StandardCharsets.UTF_8);
        objects().putObject("src", data, WriteOptions.defaults().withMetadata(Map.of("k", "v"))).block(T);
        objects().copyObject("src", CopyOptions.to(c, "copy")).block(T);
        assertThat(objects().getObjectBytes("copy").block(T)).isEqualTo(data);
        assertThat(objects().getObjectMetadata("copy").block(T)).containsEntry("k", "v");
        // Swift answers MOVE with 405 and ignores X-Move-From: the client copies, then deletes the source
        objects().moveObject("copy", CopyOptions.to(c, "moved")).block(T);
        assertThat(objects().getObjectBytes("moved").block(T)).isEqualTo(data);
        assertThatThrownBy(() -> objects().getObjectInfo("copy").block(T)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> objects().moveObject("moved", CopyOptions.to(c, "moved")).block(T))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> objects().moveObject("moved", CopyOptions.to(c, "x").withRecursive()).block(T))
                .isInstanceOf(UnsupportedFeatureException.class);
        objects().deleteObject("moved").block(T);
        assertThatThrownBy(() -> objects().deleteObject("moved").block(T)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> objects().getObjectBytes("never-was").block(T)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> swift.withContainer(c + "-missing").listObjects().collectList().block(T))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void pithosOnlyFeaturesAreRefusedNotSilentlyIgnored() {
        objects().putObject("p", new byte[] {1, 2, 3}, WriteOptions.defaults()).block(T);
        assertThatThrownBy(() -> objects().getObjectHashmap("p").block(T))
                .isInstanceOf(UnsupportedFeatureException.class)
                .satisfies(e -> assertThat(((UnsupportedFeatureException) e).feature()).isEqualTo("hashmap"));
        assertThatThrownBy(() -> objects().setObjectSharing("p", Sharing.read("someone"))
                .block(T)).isInstanceOf(UnsupportedFeatureException.class);
        assertThatThrownBy(() -> objects().publishObject("p").block(T))
                .isInstanceOf(UnsupportedFeatureException.class);
        assertThatThrownBy(() -> objects().appendObject("p", new byte[] {4}).block(T))
                .isInstanceOf(UnsupportedFeatureException.class);
        assertThatThrownBy(() -> objects().listObjectVersions("p").collectList().block(T))
                .isInstanceOf(UnsupportedFeatureException.class);
        assertThatThrownBy(() -> objects().uploadObject("q", "x", UploadOptions.defaults()
                .withWrite(WriteOptions.defaults().withPublic(true))).block(T))
                .isInstanceOf(UnsupportedFeatureException.class);
        // nothing was changed by the refused calls
        assertThat(objects().getObjectBytes("p").block(T)).containsExactly(1, 2, 3);
    }

    @Test
    void streamsAndSmallFiles(@TempDir Path dir) throws Exception {
        UploadResult up = objects().uploadObject("hello.txt", "hello swift", UploadOptions.defaults()).block(T);
        assertThat(up.objectHash()).isEqualTo(Md5.hex("hello swift".getBytes(StandardCharsets.UTF_8)));
        byte[] back = objects().downloadObject("hello.txt", DownloadOptions.defaults())
                .reduce(new java.io.ByteArrayOutputStream(), (out, bb) -> {
                    byte[] b = new byte[bb.remaining()];
                    bb.get(b);
                    out.write(b, 0, b.length);
                    return out;
                }).block(T).toByteArray();
        assertThat(new String(back, StandardCharsets.UTF_8)).isEqualTo("hello swift");
        Path small = EmulatorSupport.randomFile(dir, "small.bin", 3 * 1024 * 1024 + 17, 7);
        UploadResult r = objects().uploadObject("small.bin", small, UploadOptions.defaults()).block(T);
        assertThat(r.objectHash()).isEqualTo(Md5.hex(Files.readAllBytes(small)));
        Path got = dir.resolve("small.out");
        Files.write(got, new byte[10 * 1024 * 1024]); // longer than the object: truncated
        DownloadResult d = objects().downloadObject("small.bin", got, DownloadOptions.defaults()).block(T);
        assertThat(d.bytes()).isEqualTo(Files.size(small));
        assertThat(EmulatorSupport.sha256(got)).isEqualTo(EmulatorSupport.sha256(small));
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        objects().uploadObject("empty", empty, UploadOptions.defaults()).block(T);
        objects().downloadObject("empty", dir.resolve("empty.out"), DownloadOptions.defaults()).block(T);
        assertThat(Files.size(dir.resolve("empty.out"))).isZero();
        assertThat(objects().downloadObject("small.bin", dir.resolve("nm"), DownloadOptions.defaults()
                .withConditions(Conditions.ifNoneMatch(r.objectHash()))).block(T).notModified()).isTrue();
    }

    @Test
    void staticLargeObjectReplacedDeletesOldSegments(@TempDir Path dir) throws Exception {
        PithosClient small = PithosClient.builder().swiftAuth(authUrl, user, key)
                .swiftOptions(SwiftOptions.defaults().withSegmentSize(1 << 20).withPartSize(300_000)).build()
                .withContainer(c);
        Path f = EmulatorSupport.randomFile(dir, "f", 5 * (1 << 20) + 123, 11);
        UploadResult r = small.uploadObject("slo", f, UploadOptions.defaults()).block(T);
        assertThat(r.blocks()).isEqualTo(6);
        assertThat(small.getObjectInfo("slo").block(T).headers().firstOrNull("X-Static-Large-Object"))
                .isEqualToIgnoringCase("true");
        PithosClient segs = swift.withContainer(c + SwiftOptions.DEFAULT_SEGMENT_CONTAINER_SUFFIX);
        assertThat(segs.listObjects(ListObjectsOptions.defaults().withPrefix("slo/")).count().block(T)).isEqualTo(6);
        Path out = dir.resolve("out");
        small.downloadObject("slo", out, DownloadOptions.defaults().withConcurrency(3)).block(T);
        assertThat(EmulatorSupport.sha256(out)).isEqualTo(EmulatorSupport.sha256(f));
        Path f2 = EmulatorSupport.randomFile(dir, "f2", 2 * (1 << 20) + 5, 12);
        small.uploadObject("slo", f2, UploadOptions.defaults()).block(T);
        assertThat(segs.listObjects(ListObjectsOptions.defaults().withPrefix("slo/")).count().block(T)).isEqualTo(3);
        small.downloadObject("slo", out, DownloadOptions.defaults()).block(T);
        assertThat(EmulatorSupport.sha256(out)).isEqualTo(EmulatorSupport.sha256(f2));
    }

    @Test
    void oneGibUpAndDownByteForByte(@TempDir Path dir) throws Exception {
        long mb = Long.parseLong(System.getenv().getOrDefault("SWIFT_INTEROP_BIG_MB", "1024"));
        long size = mb << 20;
        Path src = EmulatorSupport.randomFile(dir, "big.bin", size, 2024);
        String want = EmulatorSupport.sha256(src);
        long t0 = System.nanoTime();
        UploadResult up = objects().uploadObject("big.bin", src, UploadOptions.defaults()).block(Duration.ofMinutes(10));
        long t1 = System.nanoTime();
        assertThat(up.bytes()).isEqualTo(size);
        Path dst = dir.resolve("big.out");
        DownloadResult down = objects().downloadObject("big.bin", dst, DownloadOptions.defaults())
                .block(Duration.ofMinutes(10));
        long t2 = System.nanoTime();
        assertThat(down.bytes()).isEqualTo(size);
        assertThat(EmulatorSupport.sha256(dst)).isEqualTo(want);
        System.out.printf("swift-interop: %d MiB: upload %.2f s = %.0f MB/s (%d segments); download %.2f s = %.0f MB/s%n",
                mb, (t1 - t0) / 1e9, size / ((t1 - t0) / 1e3), up.blocks(), (t2 - t1) / 1e9,
                size / ((t2 - t1) / 1e3));
        objects().deleteObject("big.bin").block(T);
    }

    /** MD5 helpers for expectations. */
    static final class Md5 {
        static String hex(byte[] b) {
            try {
                return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(b));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

}
