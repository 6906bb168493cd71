package org.synnefo.reactive.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.emulator.EmulatorUser;
import org.synnefo.reactive.emulator.SynnefoEmulator;
import org.synnefo.reactive.pithos.ContainerOptions;
import org.synnefo.reactive.pithos.PithosClient;
import org.synnefo.reactive.pithos.VersioningPolicy;
import org.synnefo.reactive.pithos.transfer.DownloadOptions;
import org.synnefo.reactive.pithos.transfer.DownloadResult;
import org.synnefo.reactive.pithos.transfer.UploadOptions;
import org.synnefo.reactive.pithos.transfer.UploadResult;

/**
 * The Pithos transfer engine against the in-process emulator on loopback: a fresh upload (every block
 * new), the same upload again (every block already there: one hashmap PUT, no block bytes) and a verified
 * download, each at {@code concurrency} blocks at once; {@code concurrency=1} is the sequential
 * one-block-at-a-time baseline of kamaki's library.
 *
 * <p>Files live in {@link BenchFiles#workDir()} ({@code /dev/shm} by default), so the figures are CPU and
 * loopback, not this VM's disk. The emulator keeps blocks in memory by default ({@code store=memory});
 * {@code store=files} gives it a data directory in the same place (a block file written per new block).
 * It runs in this JVM: its CPU (receiving, hashing each received block once, serving ranges) is part of
 * every figure, as {@link CpuMeter} shows.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx6g"})
public class TransferBenchmark {

    /** The emulator's block size (the Pithos default). */
    static final int BLOCK = SynnefoEmulator.DEFAULT_BLOCK_SIZE;
    static final String CONTAINER = "bench";

    /** What every transfer state has: the parameters, a work directory, an emulator and a client. */
    @State(Scope.Benchmark)
    public abstract static class Env {
        /** Object size in MiB. */
        @Param("1024")
        public int sizeMiB;
        /** Blocks in flight; 1 = the sequential baseline. */
        @Param({"8", "1"})
        public int concurrency;
        /** Where the emulator keeps blocks: {@code memory} or {@code files}. */
        @Param("memory")
        public String store;

        Path dir;
        Path file;
        SynnefoEmulator emulator;
        SynnefoTransport transport;
        PithosClient pithos;
        private int emulators;

        long bytes() {
            return sizeMiB * BenchFiles.MIB;
        }

        int blocks() {
            return (int) ((bytes() + BLOCK - 1) / BLOCK);
        }

        String key(String benchmark) {
            return benchmark + " concurrency=" + concurrency + " sizeMiB=" + sizeMiB + " store=" + store;
        }

        UploadOptions uploadOptions() {
            return UploadOptions.defaults().withConcurrency(concurrency);
        }

        DownloadOptions downloadOptions() {
            return DownloadOptions.defaults().withConcurrency(concurrency);
        }

        void createFile() {
            dir = BenchFiles.workDir();
            file = BenchFiles.randomFile(dir.resolve("source.bin"), bytes(), 42);
        }

        void startEmulator() {
            SynnefoEmulator.Builder b = SynnefoEmulator.builder();
            switch (store) {
                case "memory" -> { }
                case "files" -> b.dataDir(dir.resolve("emulator-" + (++emulators)));
                default -> throw new IllegalArgumentException("store must be memory or files: " + store);
            }
            emulator = b.start();
            EmulatorUser user = emulator.users().get(0);
            transport = SynnefoTransport.builder().name("bench").responseTimeout(Duration.ofMinutes(2)).build();
            PithosClient account = PithosClient.builder()
                    .endpoint(emulator.baseUrl() + "/object-store/v1")
                    .token(user.token())
                    .account(user.uuid())
                    .options(ClientOptions.builder().transport(transport).build())
                    .build();
            account.createContainer(CONTAINER, ContainerOptions.defaults().withVersioning(VersioningPolicy.NONE))
                    .block();
            pithos = account.withContainer(CONTAINER);
        }

        void stopEmulator() {
            if (transport != null) {
                transport.dispose();
                transport = null;
            }
            if (emulator != null) {
                emulator.close();
                emulator = null;
                if ("files".equals(store)) {
                    BenchFiles.deleteTree(dir.resolve("emulator-" + emulators));
                }
            }
            pithos = null;
        }

        /** Stops everything and deletes the files. */
        @TearDown(Level.Trial)
        public void close() {
            stopEmulator();
            BenchFiles.deleteTree(dir);
        }
    }

    /** A fresh emulator per iteration and new content in every block per invocation. */
    @State(Scope.Benchmark)
    public static class Fresh extends Env {
        private long tag = System.nanoTime();
        private int uploads;

        /** Writes the source file. */
        @Setup(Level.Trial)
        public void trial() {
            createFile();
        }

        /** A new emulator, so that its memory does not grow by the object size per iteration. */
        @Setup(Level.Iteration)
        public void iteration() {
            stopEmulator();
            startEmulator();
        }

        /** Makes every block new. */
        @Setup(Level.Invocation)
        public void invocation() {
            BenchFiles.stamp(file, BLOCK, ++tag);
        }

        String nextName() {
            return "fresh-" + (++uploads) + ".bin";
        }
    }

    /** One emulator per trial holding the object, uploaded once. */
    @State(Scope.Benchmark)
    public static class Uploaded extends Env {
        static final String NAME = "object.bin";
        Path target;

        /** Writes the source file and uploads it. */
        @Setup(Level.Trial)
        public void trial() {
            createFile();
            target = dir.resolve("download.bin");
            startEmulator();
            UploadResult r = pithos.uploadObject(NAME, file, UploadOptions.defaults()).block();
            if (r == null || r.bytes() != bytes()) {
                throw new IllegalStateException("setup upload failed: " + r);
            }
        }

        /** No partial file to resume from: every block is fetched. */
        @Setup(Level.Invocation)
        public void invocation() {
            BenchFiles.delete(target);
        }
    }

    /**
     * Fresh upload: every block hashed, the hashmap PUT (409), every block POSTed, the hashmap PUT (201).
     *
     * @param s the state
     * @return the result
     */
    @Benchmark
    public UploadResult uploadFresh(Fresh s) {
        CpuMeter cpu = CpuMeter.start();
        UploadResult r = s.pithos.uploadObject(s.nextName(), s.file, s.uploadOptions()).block();
        cpu.stop(s.key("uploadFresh"));
        if (r == null || r.bytes() != s.bytes() || r.blocksSent() != s.blocks()) {
            throw new IllegalStateException("fresh upload did not send every block: " + r);
        }
        return r;
    }

    /**
     * The same upload again: every block hashed, one hashmap PUT (201), no block bytes.
     *
     * @param s the state
     * @return the result
     */
    @Benchmark
    public UploadResult uploadDedup(Uploaded s) {
        CpuMeter cpu = CpuMeter.start();
        UploadResult r = s.pithos.uploadObject(Uploaded.NAME, s.file, s.uploadOptions()).block();
        cpu.stop(s.key("uploadDedup"));
        if (r == null || r.bytes() != s.bytes() || r.blocksSent() != 0 || r.hashmapPuts() != 1) {
            throw new IllegalStateException("re-upload was not deduplicated: " + r);
        }
        return r;
    }

    /**
     * Verified download to a new file: hashmap GET, every block fetched by a ranged GET and checked
     * against its hash, written at its offset.
     *
     * @param s the state
     * @return the result
     */
    @Benchmark
    public DownloadResult download(Uploaded s) {
        CpuMeter cpu = CpuMeter.start();
        DownloadResult r = s.pithos.downloadObject(Uploaded.NAME, s.target, s.downloadOptions()).block();
        cpu.stop(s.key("download"));
        if (r == null || r.bytes() != s.bytes() || r.blocksFetched() != s.blocks()) {
            throw new IllegalStateException("download did not fetch every block: " + r);
        }
        return r;
    }
}
