package org.synnefo.reactive.pithos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.PreconditionFailedException;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.emulator.EmulatorUser;
import org.synnefo.reactive.emulator.FaultRule;
import org.synnefo.reactive.emulator.SynnefoEmulator;
import org.synnefo.reactive.pithos.internal.BlockHasher;
import org.synnefo.reactive.pithos.internal.DownloadEngine;
import org.synnefo.reactive.pithos.internal.ProgressTracker;
import org.synnefo.reactive.pithos.internal.Target;
import org.synnefo.reactive.pithos.internal.TransferMetrics;
import org.synnefo.reactive.pithos.transfer.DirectoryTransferResult;
import org.synnefo.reactive.pithos.transfer.DownloadOptions;
import org.synnefo.reactive.pithos.transfer.DownloadResult;
import org.synnefo.reactive.pithos.transfer.TransferEvent;
import org.synnefo.reactive.pithos.transfer.TransferProgress;
import org.synnefo.reactive.pithos.transfer.UploadOptions;
import org.synnefo.reactive.pithos.transfer.UploadResult;
import reactor.core.publisher.Flux;

/** The transfer engine against the emulator, with 64 KiB blocks so that small files have many blocks. */
class TransferTest {

    static final int BS = 64 * 1024;

    static SynnefoEmulator emulator;
    static SynnefoTransport transport;
    static SimpleMeterRegistry meters;
    static PithosClient account;
    static PithosClient pithos;
    static EmulatorUser user;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        emulator = SynnefoEmulator.builder().blockSize(BS).start();
        transport = EmulatorSupport.transport("pithos-transfer-test");
        meters = new SimpleMeterRegistry();
        user = emulator.users().get(0);
        account = EmulatorSupport.client(emulator, user,
                ClientOptions.builder().transport(transport).meterRegistry(meters).build());
        account.createContainer("transfers").block();
        account.createContainer("other").block();
        pithos = account.withContainer("transfers");
    }

    @AfterAll
    static void stop() {
        transport.dispose();
        emulator.close();
    }

    private Path file(String name, byte[] data) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, data);
        return p;
    }

    @Test
    void uploadThenDownloadIsByteIdenticalAndVerified() throws Exception {
        Path src = EmulatorSupport.randomFile(tmp, "src.bin", 10 * BS + 123, 11);
        UploadResult up = pithos.uploadObject("big.bin", src, UploadOptions.defaults()).block();
        assertThat(up.blocks()).isEqualTo(11);
        assertThat(up.blocksSent()).isEqualTo(11);
        assertThat(up.bytesSent()).isEqualTo(10 * BS + 123);
        assertThat(up.hashmapPuts()).isEqualTo(2);
        assertThat(up.objectHash()).isEqualTo(pithos.getObjectInfo("big.bin").block().hash());

        Path dst = tmp.resolve("dst.bin");
        DownloadResult down = pithos.downloadObject("big.bin", dst, DownloadOptions.defaults()).block();
        assertThat(down.blocksFetched()).isEqualTo(11);
        assertThat(down.bytes()).isEqualTo(10 * BS + 123);
        assertThat(EmulatorSupport.sha256(dst)).isEqualTo(EmulatorSupport.sha256(src));
    }

    @Test
    void secondUploadOfTheSameBytesCostsOnePutAndNoBlocks() throws Exception {
        Path src = EmulatorSupport.randomFile(tmp, "dedup.bin", 5 * BS, 12);
        pithos.uploadObject("dedup-1", src, UploadOptions.defaults()).block();
        double before = meters.counter("synnefo.pithos.transfer.bytes", "direction", "up").count();
        UploadResult again = account.withContainer("other").uploadObject("dedup-2", src, UploadOptions.defaults())
                .block();
        assertThat(again.hashmapPuts()).isEqualTo(1);
        assertThat(again.blocksSent()).isZero();
        assertThat(again.bytesSent()).isZero();
        assertThat(meters.counter("synnefo.pithos.transfer.bytes", "direction", "up").count()).isEqualTo(before);
        assertThat(meters.counter("synnefo.pithos.transfer.blocks.deduplicated").count()).isGreaterThanOrEqualTo(5);
        assertThat(meters.timer("synnefo.pithos.hashing").count()).isGreaterThan(0);
    }

    @Test
    void emptyFileAllZeroBlocksAndRepeatedBlocks() throws Exception {
        UploadResult empty = pithos.uploadObject("empty", file("empty", new byte[0]), UploadOptions.defaults())
                .block();
        assertThat(empty.bytes()).isZero();
        assertThat(empty.objectHash()).isEqualTo(new BlockHasher("sha256").emptyHash());
        Path emptyOut = tmp.resolve("empty.out");
        Files.write(emptyOut, new byte[] {1, 2, 3});
        pithos.downloadObject("empty", emptyOut, DownloadOptions.defaults()).block();
        assertThat(Files.size(emptyOut)).isZero();

        byte[] zeros = new byte[3 * BS + 10];
        UploadResult z = pithos.uploadObject("zeros", file("zeros", zeros), UploadOptions.defaults()).block();
        assertThat(z.blocksSent()).isLessThanOrEqualTo(2);
        Path zOut = tmp.resolve("zeros.out");
        pithos.downloadObject("zeros", zOut, DownloadOptions.defaults()).block();
        assertThat(Files.readAllBytes(zOut)).isEqualTo(zeros);

        byte[] block = EmulatorSupport.random(BS, 13);
        byte[] repeated = new byte[4 * BS + 1];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(block, 0, repeated, i * BS, BS);
        }
        repeated[4 * BS] = 9;
        UploadResult r = pithos.uploadObject("repeated", file("repeated", repeated), UploadOptions.defaults())
                .block();
        assertThat(r.blocks()).isEqualTo(5);
        assertThat(r.blocksSent()).isEqualTo(2);
        Path rOut = tmp.resolve("repeated.out");
        DownloadResult d = pithos.downloadObject("repeated", rOut, DownloadOptions.defaults()).block();
        assertThat(d.blocksFetched()).isEqualTo(2);
        assertThat(Files.readAllBytes(rOut)).isEqualTo(repeated);
    }

    @Test
    void blocksWithLeadingZerosResumeCorrectly() throws Exception {
        byte[] data = EmulatorSupport.random(3 * BS, 14);
        for (int i = 0; i < 100; i++) {
            data[i] = 0;
            data[BS + i] = 0;
        }
        pithos.uploadObject("leading", file("leading", data), UploadOptions.defaults()).block();
        Path out = file("leading.out", data);
        DownloadResult d = pithos.downloadObject("leading", out, DownloadOptions.defaults()).block();
        assertThat(d.blocksFetched()).isZero();
        assertThat(d.blocksReused()).isEqualTo(3);
        assertThat(Files.readAllBytes(out)).isEqualTo(data);
    }

    @Test
    void downloadResumesAPartialOrCorruptFile() throws Exception {
        byte[] data = EmulatorSupport.random(8 * BS + 77, 15);
        pithos.uploadObject("resume", file("resume.src", data), UploadOptions.defaults()).block();
        Path out = tmp.resolve("resume.out");
        Files.write(out, java.util.Arrays.copyOf(data, 3 * BS + 5));
        try (RandomAccessFile f = new RandomAccessFile(out.toFile(), "rw")) {
            f.seek(BS + 10);
            f.write(0x55 ^ data[BS + 10]);
        }
        DownloadResult d = pithos.downloadObject("resume", out, DownloadOptions.defaults()).block();
        assertThat(d.blocksReused()).isEqualTo(2);
        assertThat(d.blocksFetched()).isEqualTo(7);
        assertThat(Files.readAllBytes(out)).isEqualTo(data);

        // a longer stale file is truncated
        Files.write(out, EmulatorSupport.random(20 * BS, 16));
        pithos.downloadObject("resume", out, DownloadOptions.defaults()).block();
        assertThat(Files.readAllBytes(out)).isEqualTo(data);
    }

    @Test
    void downloadOfAVersionAndNotModified() throws Exception {
        byte[] v1 = EmulatorSupport.random(2 * BS, 17);
        byte[] v2 = EmulatorSupport.random(3 * BS, 18);
        UploadResult r1 = pithos.uploadObject("ver", file("v1", v1), UploadOptions.defaults()).block();
        pithos.uploadObject("ver", file("v2", v2), UploadOptions.defaults()).block();
        Path out = tmp.resolve("ver.out");
        pithos.downloadObject("ver", out, DownloadOptions.defaults().withVersion(r1.version())).block();
        assertThat(Files.readAllBytes(out)).isEqualTo(v1);
        String etag = pithos.getObjectInfo("ver").block().etag();
        DownloadResult nm = pithos.downloadObject("ver", out, DownloadOptions.defaults()
                .withConditions(Conditions.ifNoneMatch(etag))).block();
        assertThat(nm.notModified()).isTrue();
        assertThat(Files.readAllBytes(out)).isEqualTo(v1);
        assertThatThrownBy(() -> pithos.downloadObject("ver", out, DownloadOptions.defaults()
                .withConditions(Conditions.ifMatch("feed"))).block())
                .isInstanceOf(PreconditionFailedException.class);
    }

    @Test
    void aConcurrentOverwriteFailsTheDownloadLoudly() throws Exception {
        byte[] data = EmulatorSupport.random(6 * BS, 19);
        pithos.uploadObject("moving", file("moving", data), UploadOptions.defaults()).block();
        // the hashmap a download has read, then the object is overwritten before the blocks are fetched
        ObjectHashmap stale = pithos.getObjectHashmap("moving").block();
        pithos.uploadObject("moving", file("repl", EmulatorSupport.random(6 * BS, 20)), UploadOptions.defaults())
                .block();
        DownloadEngine engine = new DownloadEngine(new Target(pithos.httpClient(), user.uuid(), "transfers"),
                new TransferMetrics(null));
        Path out = tmp.resolve("moving.out");
        assertThatThrownBy(() -> engine.downloadFile("moving", stale, out, DownloadOptions.defaults(),
                ProgressTracker.silent()).block()).isInstanceOf(PreconditionFailedException.class);
        // pinned to a version instead, the old content is still readable and verified
        DownloadResult old = engine.downloadFile("moving", stale, out, DownloadOptions.defaults()
                .withVersion(stale.version()), ProgressTracker.silent()).block();
        assertThat(old.bytes()).isEqualTo(data.length);
        assertThat(Files.readAllBytes(out)).isEqualTo(data);
    }

    @Test
    void uploadWithConditionsSharingPublicMetadata() throws Exception {
        Path src = EmulatorSupport.randomFile(tmp, "cond.bin", 2 * BS, 21);
        UploadOptions opts = UploadOptions.defaults().withWrite(WriteOptions.defaults()
                .withContentType("application/x-test").withMetadata(java.util.Map.of("k", "v"))
                .withSharing(Sharing.read(emulator.users().get(1).uuid())).withPublic(true)
                .withConditions(Conditions.ifNotExists()));
        UploadResult r = pithos.uploadObject("cond", src, opts).block();
        ObjectInfo info = pithos.getObjectInfo("cond").block();
        assertThat(info.contentType()).startsWith("application/x-test");
        assertThat(info.metadata()).containsEntry("k", "v");
        assertThat(info.sharing().read()).containsExactly(emulator.users().get(1).uuid());
        assertThat(info.publicUrl()).isNotNull();
        assertThatThrownBy(() -> pithos.uploadObject("cond", src, opts).block())
                .isInstanceOf(PreconditionFailedException.class);
        UploadResult ok = pithos.uploadObject("cond", src, UploadOptions.defaults().withWrite(
                WriteOptions.defaults().withConditions(Conditions.ifMatch(r.objectHash())))).block();
        assertThat(ok.hashmapPuts()).isEqualTo(1);
    }

    @Test
    void oneStuckBlockDoesNotHoldBackTheOtherBlocksOfAStreamUpload() {
        // The first block POST hangs; with three blocks in flight the other eleven must still all be sent
        // (an ordered merge asked for the next block only once the oldest was done, and stalled here).
        account.createContainer("stuck").block();
        FaultRule first = emulator.faults().add(FaultRule.builder().method("POST").path(".*/stuck(\\?.*)?")
                .once().latency(Duration.ofHours(1)).build());
        FaultRule others = emulator.faults().add(FaultRule.builder().method("POST").path(".*/stuck(\\?.*)?")
                .latency(Duration.ofMillis(1)).build());
        List<ByteBuffer> blocks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            blocks.add(ByteBuffer.wrap(EmulatorSupport.random(BS, 100 + i)));
        }
        EmulatorSupport.assertTheOthersGoOn(emulator, first, others, 11, account.withContainer("stuck")
                .uploadObject("s.bin", Flux.fromIterable(blocks), UploadOptions.defaults().withConcurrency(3)));
    }

    @Test
    void streamUploadOfUnknownLengthAndOrderedStreamDownload() {
        byte[] data = EmulatorSupport.random(7 * BS + 1000, 22);
        Random r = new Random(5);
        List<ByteBuffer> pieces = new ArrayList<>();
        int off = 0;
        while (off < data.length) {
            int n = Math.min(data.length - off, 1 + r.nextInt(BS / 3 * 2 + 5000));
            pieces.add(ByteBuffer.wrap(data, off, n));
            off += n;
        }
        UploadResult up = pithos.uploadObject("streamed", Flux.fromIterable(pieces), UploadOptions.defaults())
                .block();
        assertThat(up.bytes()).isEqualTo(data.length);
        assertThat(up.blocks()).isEqualTo(8);
        byte[] back = pithos.downloadObject("streamed", DownloadOptions.defaults().withConcurrency(3))
                .reduce(new java.io.ByteArrayOutputStream(), (o, bb) -> {
                    byte[] b = new byte[bb.remaining()];
                    bb.get(b);
                    o.write(b, 0, b.length);
                    return o;
                }).map(java.io.ByteArrayOutputStream::toByteArray).block();
        assertThat(back).isEqualTo(data);

        assertThat(pithos.uploadObject("s-empty", Flux.<ByteBuffer>empty(), UploadOptions.defaults()).block()
                .bytes()).isZero();
        assertThat(pithos.uploadObject("s-string", "hello", UploadOptions.defaults()).block().objectHash())
                .isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        byte[] rep = new byte[3 * BS];
        UploadResult zeros = pithos.uploadObject("s-zeros", rep, UploadOptions.defaults()).block();
        assertThat(zeros.blocksSent()).isEqualTo(1);
        assertThat(pithos.getObjectBytes("s-zeros").block()).isEqualTo(rep);
    }

    @Test
    void progressEndsWithTheResultAndNeverDoubleCounts() throws Exception {
        Path src = EmulatorSupport.randomFile(tmp, "progress.bin", 6 * BS + 3, 23);
        List<TransferEvent<UploadResult>> events = pithos.uploadObjectWithProgress("progress", src,
                UploadOptions.defaults()).collectList().block();
        assertThat(events.get(events.size() - 1)).isInstanceOf(TransferEvent.Completed.class);
        List<TransferProgress> ps = new ArrayList<>();
        events.forEach(e -> {
            if (e instanceof TransferEvent.Progress<UploadResult> p) {
                ps.add(p.progress());
            }
        });
        TransferProgress last = ps.get(ps.size() - 1);
        assertThat(last.totalBytes()).isEqualTo(6 * BS + 3);
        assertThat(last.bytesHashed()).isEqualTo(6 * BS + 3);
        assertThat(last.bytesTransferred() + last.bytesSkipped()).isEqualTo(6 * BS + 3);
        assertThat(last.blocksDone()).isEqualTo(7);
        assertThat(last.fractionDone()).isEqualTo(1.0);
        assertThat(ps).extracting(TransferProgress::blocksDone).isSorted();

        List<TransferEvent<DownloadResult>> down = pithos.downloadObjectWithProgress("progress",
                tmp.resolve("progress.out"), DownloadOptions.defaults()).collectList().block();
        TransferEvent.Completed<DownloadResult> done = (TransferEvent.Completed<DownloadResult>) down
                .get(down.size() - 1);
        assertThat(done.result().bytes()).isEqualTo(6 * BS + 3);
        TransferProgress dl = ((TransferEvent.Progress<DownloadResult>) down.get(down.size() - 2)).progress();
        assertThat(dl.bytesTransferred()).isEqualTo(6 * BS + 3);
        assertThat(dl.blocksDone()).isEqualTo(7);
    }

    @Test
    void sequentialModeGivesTheSameResult() throws Exception {
        Path src = EmulatorSupport.randomFile(tmp, "seq.bin", 5 * BS + 9, 24);
        UploadResult r = pithos.uploadObject("seq", src, UploadOptions.defaults().sequential()).block();
        Path out = tmp.resolve("seq.out");
        pithos.downloadObject("seq", out, DownloadOptions.defaults().sequential()).block();
        assertThat(EmulatorSupport.sha256(out)).isEqualTo(EmulatorSupport.sha256(src));
        assertThat(r.blocksSent()).isEqualTo(6);
    }

    @Test
    void cancellationStopsTrafficAndReturnsEveryConnection() throws Exception {
        Path src = EmulatorSupport.randomFile(tmp, "cancel.bin", 64 * BS, 25);
        List<TransferProgress> seen = new CopyOnWriteArrayList<>();
        pithos.uploadObjectWithProgress("cancelled", src, UploadOptions.defaults())
                .filter(e -> e instanceof TransferEvent.Progress<UploadResult> p
                        && p.progress().bytesTransferred() > 0)
                .doOnNext(e -> seen.add(((TransferEvent.Progress<UploadResult>) e).progress()))
                .take(1)
                .blockLast();
        assertThat(seen).hasSize(1);
        awaitNoAcquiredConnections();
        pithos.uploadObject("cancel-src", src, UploadOptions.defaults()).block();
        pithos.downloadObject("cancel-src", DownloadOptions.defaults()).take(2).blockLast();
        awaitNoAcquiredConnections();
        pithos.downloadObjectWithProgress("cancel-src", tmp.resolve("cancel.out"), DownloadOptions.defaults())
                .filter(e -> e instanceof TransferEvent.Progress<DownloadResult> p && p.progress().blocksDone() > 2)
                .take(1).blockLast();
        awaitNoAcquiredConnections();
        // the cancelled download resumes
        DownloadResult d = pithos.downloadObject("cancel-src", tmp.resolve("cancel.out"), DownloadOptions.defaults())
                .block();
        assertThat(d.blocksReused()).isGreaterThan(0);
        assertThat(EmulatorSupport.sha256(tmp.resolve("cancel.out"))).isEqualTo(EmulatorSupport.sha256(src));
    }

    static void awaitNoAcquiredConnections() throws InterruptedException {
        awaitNoAcquiredConnections(transport);
    }

    static void awaitNoAcquiredConnections(SynnefoTransport t) throws InterruptedException {
        // Connection release after a cancel is asynchronous; poll the pool (bounded, not a timing assertion).
        for (int i = 0; i < 200 && t.poolStats().acquired() > 0; i++) {
            Thread.sleep(25);
        }
        assertThat(t.poolStats().acquired()).isZero();
        assertThat(t.poolStats().pendingAcquire()).isZero();
    }

    @Test
    void directoryUploadAndDownload() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("tree"));
        Files.createDirectories(root.resolve("a/b"));
        Files.createDirectories(root.resolve("empty"));
        Files.write(root.resolve("top.txt"), "top".getBytes());
        Files.write(root.resolve("a/one.bin"), EmulatorSupport.random(2 * BS + 5, 26));
        Files.write(root.resolve("a/b/two.bin"), EmulatorSupport.random(100, 27));
        DirectoryTransferResult up = pithos.uploadDirectory(root, "backup", UploadOptions.defaults()).block();
        assertThat(up.isComplete()).isTrue();
        assertThat(up.transferred()).containsExactlyInAnyOrder("backup/top.txt", "backup/a/one.bin",
                "backup/a/b/two.bin");
        assertThat(up.directories()).containsExactlyInAnyOrder("backup/a", "backup/a/b", "backup/empty");
        assertThat(pithos.getObjectInfo("backup/empty").block().isDirectory()).isTrue();

        // a hostile name next to the good ones
        pithos.putObject("backup/../../escape", new byte[] {1}, WriteOptions.defaults()).block();
        Path out = tmp.resolve("restored");
        DirectoryTransferResult down = pithos.downloadDirectory("backup", out, DownloadOptions.defaults()).block();
        assertThat(down.failed()).isEmpty();
        assertThat(down.refused()).containsExactly("backup/../../escape");
        assertThat(Files.readAllBytes(out.resolve("a/one.bin"))).isEqualTo(Files.readAllBytes(root.resolve("a/one.bin")));
        assertThat(Files.readString(out.resolve("top.txt"))).isEqualTo("top");
        assertThat(Files.isDirectory(out.resolve("empty"))).isTrue();
        assertThat(Files.exists(tmp.resolve("escape"))).isFalse();
    }

    @Test
    void concurrentFirstTransfersToAContainerShareOneHead() throws Exception {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        PithosClient fresh = EmulatorSupport.client(emulator, user,
                ClientOptions.builder().transport(transport).meterRegistry(own).build());
        fresh.createContainer("shared-head").block();
        PithosClient c = fresh.withContainer("shared-head");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            files.add(file("h" + i + ".bin", new byte[] {(byte) i, 1, 2}));
        }
        List<UploadResult> results = Flux.fromIterable(files)
                .flatMap(f -> c.uploadObject(f.getFileName().toString(), f, UploadOptions.defaults()), 8)
                .collectList().block();
        assertThat(results).hasSize(8);
        assertThat(c.downloadObject("h7.bin", tmp.resolve("back.bin"), DownloadOptions.defaults()).block().bytes())
                .isEqualTo(3);
        // eight uploads and a download started on a client that knew nothing of the container: one HEAD
        assertThat(own.find(org.synnefo.reactive.core.SynnefoObservations.OPERATION_DURATION)
                .tag(org.synnefo.reactive.core.SynnefoObservations.OPERATION_NAME, "getContainerInfo").timers()
                .stream().mapToLong(t -> t.count()).sum()).isEqualTo(1);
    }

    @Test
    void aContainerHeadOfTheCallerServesTheTransfersThatFollow() throws Exception {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        PithosClient fresh = EmulatorSupport.client(emulator, user,
                ClientOptions.builder().transport(transport).meterRegistry(own).build());
        fresh.createContainer("known-head").block();
        // what snf does before an upload: look at the container; the upload then needs no HEAD of its own
        assertThat(fresh.getContainerInfo("known-head").block().blockSize()).isNotNull();
        Path f = file("k.bin", new byte[] {1, 2, 3});
        assertThat(fresh.withContainer("known-head").uploadObject("k.bin", f, UploadOptions.defaults()).block()
                .bytes()).isEqualTo(3);
        assertThat(own.find(org.synnefo.reactive.core.SynnefoObservations.OPERATION_DURATION)
                .tag(org.synnefo.reactive.core.SynnefoObservations.OPERATION_NAME, "getContainerInfo").timers()
                .stream().mapToLong(t -> t.count()).sum()).isEqualTo(1);
    }
}
