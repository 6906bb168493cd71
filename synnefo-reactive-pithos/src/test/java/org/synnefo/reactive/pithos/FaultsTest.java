package org.synnefo.reactive.pithos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.RetryOptions;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.emulator.EmulatorUser;
import org.synnefo.reactive.emulator.FaultRule;
import org.synnefo.reactive.emulator.SynnefoEmulator;
import org.synnefo.reactive.pithos.transfer.DownloadOptions;
import org.synnefo.reactive.pithos.transfer.DownloadResult;
import org.synnefo.reactive.pithos.transfer.UploadOptions;
import org.synnefo.reactive.pithos.transfer.UploadResult;

/**
 * Transfers through an unreliable server: the emulator's fault injector resets 5% of the connections
 * (before answering block POSTs, in the middle of ranged GET bodies) and the data still arrives intact.
 */
class FaultsTest {

    static final int BS = 1 << 20;

    SynnefoEmulator emulator;
    SynnefoTransport transport;
    PithosClient pithos;

    @TempDir
    Path tmp;

    @BeforeEach
    void start() {
        emulator = SynnefoEmulator.builder().blockSize(BS).start();
        transport = EmulatorSupport.transport("pithos-faults-test");
        EmulatorUser user = emulator.users().get(0);
        ClientOptions options = ClientOptions.builder().transport(transport)
                .retry(RetryOptions.defaults().withMaxAttempts(6)
                        .withBackoff(Duration.ofMillis(5), Duration.ofMillis(50)))
                .build();
        PithosClient account = EmulatorSupport.client(emulator, user, options);
        account.createContainer("faulty").block();
        pithos = account.withContainer("faulty");
    }

    @AfterEach
    void stop() {
        transport.dispose();
        emulator.close();
    }

    @Test
    void sixtyFourMibSurviveFivePercentConnectionResets() throws Exception {
        Path src = EmulatorSupport.randomFile(tmp, "src.bin", 64L * BS + 12345, 99);
        FaultRule posts = emulator.faults().add(FaultRule.builder().method("POST").probability(0.05, 7)
                .closeConnection().build());
        FaultRule gets = emulator.faults().add(FaultRule.builder().method("GET").probability(0.05, 8)
                .closeAfterBytes(64 * 1024).build());

        UploadResult up = pithos.uploadObject("big", src, UploadOptions.defaults()).block();
        assertThat(up.blocksSent()).isEqualTo(65);
        Path dst = tmp.resolve("dst.bin");
        DownloadResult down = pithos.downloadObject("big", dst, DownloadOptions.defaults()).block();
        assertThat(down.blocksFetched()).isEqualTo(65);
        assertThat(EmulatorSupport.sha256(dst)).isEqualTo(EmulatorSupport.sha256(src));

        assertThat(emulator.faults().fired(posts.id())).isPositive();
        assertThat(emulator.faults().fired(gets.id())).isPositive();
        TransferTest.awaitNoAcquiredConnections(transport);
    }

    @Test
    void aBodyThatBreaksMidBlockIsFetchedAgain() throws Exception {
        Path src = EmulatorSupport.randomFile(tmp, "src.bin", 3L * BS, 100);
        pithos.uploadObject("obj", src, UploadOptions.defaults()).block();
        FaultRule truncate = emulator.faults().add(FaultRule.builder().method("GET").skip(1).times(2)
                .truncateBody(1000).build());
        Path dst = tmp.resolve("dst.bin");
        DownloadResult down = pithos.downloadObject("obj", dst, DownloadOptions.defaults().sequential()).block();
        assertThat(emulator.faults().fired(truncate.id())).isEqualTo(2);
        assertThat(down.blocksFetched()).isEqualTo(3);
        assertThat(EmulatorSupport.sha256(dst)).isEqualTo(EmulatorSupport.sha256(src));
    }
}
