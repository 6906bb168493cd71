package org.synnefo.reactive.pithos;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.emulator.EmulatorUser;
import org.synnefo.reactive.emulator.SynnefoEmulator;
import org.synnefo.reactive.pithos.transfer.DownloadOptions;
import org.synnefo.reactive.pithos.transfer.DownloadResult;
import org.synnefo.reactive.pithos.transfer.UploadOptions;
import org.synnefo.reactive.pithos.transfer.UploadResult;

/**
 * The memory bound, proved: 1 GiB of random bytes uploaded and downloaded with 4 MiB blocks in a JVM
 * capped at {@code -Xmx96m -XX:MaxDirectMemorySize=96m} (the {@code memory-bound} surefire execution),
 * with the emulator in the same JVM keeping its blocks on disk. A transfer that buffered the object, or
 * more than (concurrency + 1) blocks plus the server's share, would fail with OutOfMemoryError.
 */
@Tag("memory-bound")
class MemoryBoundTest {

    static final long SIZE = Long.getLong("pithos.memoryTest.bytes", 1L << 30);

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES) // 1 GiB each way on a loaded machine
    void oneGibUpAndDownInBoundedMemory() throws Exception {
        long maxHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        assertThat(maxHeap).as("run in the memory-bound execution (-Xmx96m)").isLessThanOrEqualTo(100L << 20);
        Path data = Files.createDirectories(tmp.resolve("emulator-data"));
        SynnefoTransport transport = EmulatorSupport.transport("pithos-memory-test");
        try (SynnefoEmulator emulator = SynnefoEmulator.builder().dataDir(data).start()) {
            EmulatorUser user = emulator.users().get(0);
            PithosClient account = EmulatorSupport.client(emulator, user,
                    ClientOptions.builder().transport(transport).build());
            account.createContainer("big").block();
            PithosClient pithos = account.withContainer("big");
            Path src = EmulatorSupport.randomFile(tmp, "one-gib.bin", SIZE, 42);
            String expected = EmulatorSupport.sha256(src);

            UploadResult up = pithos.uploadObject("one-gib.bin", src,
                    UploadOptions.defaults()).block();
            assertThat(up.bytes()).isEqualTo(SIZE);
            assertThat(up.blocks()).isEqualTo((int) (SIZE >> 22));

            Path dst = tmp.resolve("one-gib.out");
            DownloadResult down = pithos.downloadObject("one-gib.bin", dst,
                    DownloadOptions.defaults()).block();
            assertThat(down.bytes()).isEqualTo(SIZE);
            Files.delete(src);
            assertThat(EmulatorSupport.sha256(dst)).isEqualTo(expected);
        } finally {
            transport.dispose();
        }
    }
}
