package org.synnefo.reactive.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.synnefo.reactive.pithos.transfer.DownloadOptions;
import org.synnefo.reactive.pithos.transfer.DownloadResult;
import org.synnefo.reactive.pithos.transfer.UploadResult;

/**
 * Runs each benchmark's logic once on a tiny input (8 MiB, 2 blocks) the way JMH drives it (trial,
 * iteration and invocation setups, the benchmark method, the teardown), so that the benchmark code keeps
 * working as the library changes. Asserts that the bytes round-trip, never on time.
 */
class BenchmarksSmokeTest {

    @Test
    void yardstickHashesTheBlocks() throws Exception {
        HashBenchmark b = new HashBenchmark();
        b.sizeMiB = 8;
        b.setup();
        byte[] last = b.sha256();
        assertThat(last).isEqualTo(MessageDigest.getInstance("SHA-256").digest(b.blocks[1]));
    }

    @ParameterizedTest
    @CsvSource({"8,memory", "1,memory", "8,files"})
    void freshUploadRoundTrips(int concurrency, String store) {
        TransferBenchmark bench = new TransferBenchmark();
        TransferBenchmark.Fresh s = new TransferBenchmark.Fresh();
        s.sizeMiB = 8;
        s.concurrency = concurrency;
        s.store = store;
        try {
            s.trial();
            for (int iteration = 0; iteration < 2; iteration++) {
                s.iteration();
                String before = BenchFiles.sha256(s.file);
                s.invocation();
                String stamped = BenchFiles.sha256(s.file);
                assertThat(stamped).as("every invocation uploads new content").isNotEqualTo(before);
                UploadResult up = bench.uploadFresh(s);
                assertThat(up.blocks()).isEqualTo(2);
                assertThat(up.blocksSent()).isEqualTo(2);
                Path back = s.dir.resolve("back-" + iteration + ".bin");
                DownloadResult down = s.pithos.downloadObject(up.name(), back, DownloadOptions.defaults()).block();
                assertThat(down.bytes()).isEqualTo(8L << 20);
                assertThat(BenchFiles.sha256(back)).isEqualTo(stamped);
            }
        } finally {
            s.close();
        }
        assertThat(s.dir).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource({"8,memory", "1,memory", "8,files"})
    void dedupUploadAndDownloadRoundTrip(int concurrency, String store) {
        TransferBenchmark bench = new TransferBenchmark();
        TransferBenchmark.Uploaded s = new TransferBenchmark.Uploaded();
        s.sizeMiB = 8;
        s.concurrency = concurrency;
        s.store = store;
        try {
            s.trial();
            String expected = BenchFiles.sha256(s.file);
            UploadResult again = bench.uploadDedup(s);
            assertThat(again.blocksSent()).isZero();
            assertThat(again.hashmapPuts()).isEqualTo(1);
            for (int invocation = 0; invocation < 2; invocation++) {
                s.invocation();
                assertThat(s.target).doesNotExist();
                DownloadResult down = bench.download(s);
                assertThat(down.blocksFetched()).isEqualTo(2);
                assertThat(BenchFiles.sha256(s.target)).isEqualTo(expected);
            }
        } finally {
            s.close();
        }
    }

    @Test
    void emulatorBlockPostsAndRangedGets() throws Exception {
        EmulatorBenchmark bench = new EmulatorBenchmark();
        EmulatorBenchmark.Server s = new EmulatorBenchmark.Server();
        s.blocks = 2;
        s.concurrency = 2;
        try {
            s.trial();
            s.iteration();
            s.stamp();
            List<String> hashes = bench.blockPosts(s);
            HexFormat hex = HexFormat.of();
            for (int i = 0; i < s.blocks; i++) {
                assertThat(hashes.get(i)).as("hash the emulator answered for block " + i)
                        .isEqualTo(hex.formatHex(MessageDigest.getInstance("SHA-256").digest(s.data[i])));
            }
            assertThat(bench.rangedGets(s)).isEqualTo(2L * EmulatorBenchmark.BLOCK);
        } finally {
            s.stop();
        }
    }

    @Test
    void cpuMeterSortsThreadsIntoFamilies() {
        assertThat(CpuMeter.family("reactor-http-epoll-3")).isZero();
        assertThat(CpuMeter.family("reactor-http-nio-1")).isZero();
        assertThat(CpuMeter.family("parallel-2")).isEqualTo(1);
        assertThat(CpuMeter.family("boundedElastic-7")).isEqualTo(2);
        assertThat(CpuMeter.family("main")).isEqualTo(3);
        String line = CpuMeter.start().stop("nothing");
        assertThat(line.split("\t")).hasSize(2 + 1 + CpuMeter.FAMILIES.length + 1);
    }
}
