package org.synnefo.reactive.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.CallRejectedException;
import org.synnefo.reactive.core.ConflictException;
import org.synnefo.reactive.core.SynnefoHttpException;
import org.synnefo.reactive.core.SynnefoTimeoutException;
import org.synnefo.reactive.core.SynnefoTransportException;
import org.synnefo.reactive.pithos.IntegrityException;
import org.synnefo.reactive.pithos.transfer.TransferEvent;
import org.synnefo.reactive.pithos.transfer.TransferProgress;
import reactor.core.publisher.Flux;

/** The pieces without a server: exit code mapping, sizes, remote paths, safe local paths, progress. */
class SnfUnitTest {

    @Test
    void failuresMapToTheDocumentedExitCodes() {
        assertThat(ExitCodes.of(SynnefoHttpException.of(401, "unauthorized", "bad", "", "GET", "u", null)))
                .isEqualTo(ExitCodes.AUTH);
        assertThat(ExitCodes.of(SynnefoHttpException.of(403, "forbidden", "no", "", "GET", "u", null)))
                .isEqualTo(ExitCodes.AUTH);
        assertThat(ExitCodes.of(SynnefoHttpException.of(404, "itemNotFound", "", "", "GET", "u", null)))
                .isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(ExitCodes.of(SynnefoHttpException.of(503, "serviceUnavailable", "", "", "GET", "u", null)))
                .isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(ExitCodes.of(SynnefoHttpException.of(500, "computeFault", "", "", "GET", "u", null)))
                .isEqualTo(ExitCodes.FAILURE);
        assertThat(ExitCodes.of(new ConflictException("conflict", "", "", "PUT", "u"))).isEqualTo(ExitCodes.FAILURE);
        assertThat(ExitCodes.of(new SynnefoTransportException("cannot connect", "GET", "u", new ConnectException(),
                true))).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(ExitCodes.of(new SynnefoTimeoutException("timed out", "GET", "u", null)))
                .isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(ExitCodes.of(new CallRejectedException(CallRejectedException.Reason.CIRCUIT_OPEN, "x", "open",
                null))).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(ExitCodes.of(new IntegrityException("block 3 hash mismatch", false))).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(ExitCodes.of(new NoSuchFileException("/x"))).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(ExitCodes.of(CliException.usage("u"))).isEqualTo(ExitCodes.USAGE);
        assertThat(ExitCodes.of(new IllegalStateException("?"))).isEqualTo(ExitCodes.FAILURE);
        // Reactor's block() wraps checked exceptions
        assertThat(ExitCodes.of(reactor.core.Exceptions.propagate(new NoSuchFileException("/y"))))
                .isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(ExitCodes.message(new IntegrityException("block 3", false))).isEqualTo(
                "integrity check failed: block 3");
        assertThat(ExitCodes.message(new IllegalStateException("two\nlines"))).isEqualTo("two lines");
    }

    @Test
    void sizesParseBinaryUnitsAndPrintReadably() {
        assertThat(Sizes.parse("65536")).isEqualTo(65536);
        assertThat(Sizes.parse("512K")).isEqualTo(512 * 1024);
        assertThat(Sizes.parse("64M")).isEqualTo(64L << 20);
        assertThat(Sizes.parse("64MiB")).isEqualTo(64L << 20);
        assertThat(Sizes.parse("64mb")).isEqualTo(64L << 20);
        assertThat(Sizes.parse("1G")).isEqualTo(1L << 30);
        assertThatThrownBy(() -> Sizes.parse("0")).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> Sizes.parse("x")).hasMessageContaining("bad size 'x'");
        assertThat(Sizes.bytes(1023)).isEqualTo("1023 B");
        assertThat(Sizes.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Sizes.bytes(1L << 30)).isEqualTo("1.0 GiB");
    }

    @Test
    void remotePathsSplitAtTheFirstSlash() {
        assertThat(RemotePath.parse("c")).isEqualTo(new RemotePath("c", ""));
        assertThat(RemotePath.parse("c/a/b.txt")).isEqualTo(new RemotePath("c", "a/b.txt"));
        assertThat(RemotePath.parse("/c/a/")).isEqualTo(new RemotePath("c", "a/"));
        assertThat(RemotePath.parse("c/a/").directoryPrefix()).isEqualTo("a/");
        assertThat(RemotePath.parse("c").directoryPrefix()).isEmpty();
        assertThatThrownBy(() -> RemotePath.parse("")).isInstanceOf(CliException.class);
        assertThatThrownBy(() -> RemotePath.parse("/")).isInstanceOf(CliException.class);
    }

    @Test
    void objectNamesCannotEscapeTheTargetDirectory() {
        Path root = Path.of("/tmp/target");
        assertThat(DownloadCommand.localPath(root, "a/b.txt")).isEqualTo(Path.of("/tmp/target/a/b.txt"));
        assertThat(DownloadCommand.localPath(root, "dir/")).isEqualTo(Path.of("/tmp/target/dir"));
        assertThat(DownloadCommand.localPath(root, "../etc/passwd")).isNull();
        assertThat(DownloadCommand.localPath(root, "a/../../x")).isNull();
        assertThat(DownloadCommand.localPath(root, "/abs")).isNull();
        assertThat(DownloadCommand.localPath(root, "a//b")).isNull();
        assertThat(DownloadCommand.localPath(root, "./a")).isNull();
        assertThat(DownloadCommand.localPath(root, "a\\b")).isNull();
        assertThat(DownloadCommand.localPath(root, "")).isNull();
    }

    @Test
    void progressCountsEachBlockOnceAndDrawsPercentAndRate() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Context ctx = new Context(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
                StandardCharsets.UTF_8), Map.of(), true);
        AtomicLong now = new AtomicLong(0);
        Progress p = new Progress(ctx, Progress.Mode.BAR, "upload", 1000, 2, now::get);
        Flux<TransferEvent<String>> one = Flux.just(
                new TransferEvent.Progress<>(new TransferProgress(600, 600, 200, 0, 1, 3)),
                new TransferEvent.Progress<>(new TransferProgress(600, 600, 200, 100, 2, 3)),
                // a stale snapshot never counts backwards
                new TransferEvent.Progress<>(new TransferProgress(600, 600, 100, 0, 1, 3)),
                new TransferEvent.Completed<>("one"));
        assertThat(p.track(one, 600, "one").block()).isEqualTo("one");
        assertThat(p.bytes()).isEqualTo(600);
        now.set(2_000_000_000L);
        // the bar: 60 % of 1000 bytes, 600 bytes in 2 s = 300 B/s, 1 of 2 files
        assertThat(p.bar(now.get())).isEqualTo("upload [##############----------]  60% 600 B/1000 B  300 B/s  1/2 files");
        Flux<TransferEvent<String>> two = Flux.just(new TransferEvent.Completed<>("two"));
        assertThat(p.await(p.track(two, 400, "two"))).isEqualTo("two");
        assertThat(p.bytes()).isEqualTo(1000);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("100%").contains("2/2 files");
    }

    @Test
    void plainProgressListsFinishedFilesAndQuietNothing() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Context ctx = new Context(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
                StandardCharsets.UTF_8), Map.of(), false);
        Progress plain = new Progress(ctx, false, "download", 10, 2);
        assertThat(plain.mode()).isEqualTo(Progress.Mode.PLAIN);
        plain.await(plain.track(Flux.just(new TransferEvent.Completed<>("a")), 5, "dir/a")
                .then(plain.track(Flux.just(new TransferEvent.Completed<>("b")), 5, "dir/b")));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("download dir/a\ndownload dir/b\n");

        Progress quiet = new Progress(ctx, true, "download", 10, 1);
        assertThat(quiet.mode()).isEqualTo(Progress.Mode.NONE);
    }

    @Test
    void smallFilesOfADirectoryAreCountedWithoutEventsBigOnesAndSingleFilesShowTheirs() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Context ctx = new Context(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
                StandardCharsets.UTF_8), Map.of(), false);
        Progress dir = new Progress(ctx, false, "upload", 3 * Progress.EVENTS_FROM, 3);
        assertThat(dir.wantsEvents(64 * 1024)).isFalse();
        assertThat(dir.wantsEvents(Progress.EVENTS_FROM)).isTrue();
        assertThat(new Progress(ctx, false, "upload", 10, 1).wantsEvents(10)).as("a single file").isTrue();
        assertThat(new Progress(ctx, true, "upload", 1L << 40, 1).wantsEvents(1L << 40)).as("quiet").isFalse();

        assertThat(dir.await(dir.count(reactor.core.publisher.Mono.just("a"), 7, "d/a")
                .then(dir.count(reactor.core.publisher.Mono.just("b"), 5, "d/b")))).isEqualTo("b");
        assertThat(dir.bytes()).isEqualTo(12);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("upload d/a\nupload d/b\n");
        // a failed file counts nothing
        Progress other = new Progress(ctx, false, "upload", 10, 2);
        assertThat(other.count(reactor.core.publisher.Mono.<String>error(new IllegalStateException("x")), 10, "f")
                .onErrorResume(e -> reactor.core.publisher.Mono.empty()).block()).isNull();
        assertThat(other.bytes()).isZero();
    }

    @Test
    void onlyTheNamedCommandIsBuiltAndHelpStillListsThemAll() {
        assertThat(Snf.named("upload")).isEqualTo(UploadCommand.class);
        assertThat(Snf.named("rm")).isEqualTo(DeleteCommand.class);
        assertThat(Snf.named("ls")).isEqualTo(ListCommand.class);
        assertThat(Snf.named("stat")).isEqualTo(InfoCommand.class);
        assertThat(Snf.named("--help")).isNull();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(Snf.run(new String[] {"--help"}, o, e, Map.of(), false)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("upload", "download", "list, ls", "info, stat",
                "delete, rm");
        out.reset();
        assertThat(Snf.run(new String[] {"rm", "--help"}, o, e, Map.of(), false)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: snf delete");
        assertThat(Snf.run(new String[] {"bogus"}, o, e, Map.of(), false)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'bogus'");
    }

    @Test
    void theArchiveTrainingReadsAListingAndRoundTripsAManifestOffline() {
        java.util.List<Object> r = Training.run();
        assertThat(r).hasSize(3);
        org.synnefo.reactive.pithos.ObjectEntry file = (org.synnefo.reactive.pithos.ObjectEntry) r.get(0);
        assertThat(file.name()).isEqualTo("d/a.bin");
        assertThat(file.lastModified()).isEqualTo(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(((org.synnefo.reactive.pithos.ObjectEntry) r.get(1)).isSubdir()).isTrue();
        assertThat(r.get(2).toString()).contains("\"size_bytes\":1").contains("00000000");
    }
}
