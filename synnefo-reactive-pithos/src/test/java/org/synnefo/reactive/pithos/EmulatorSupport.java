package org.synnefo.reactive.pithos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.emulator.EmulatorUser;
import org.synnefo.reactive.emulator.FaultRule;
import org.synnefo.reactive.emulator.SynnefoEmulator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Shared plumbing of the tests against the in-process emulator. */
final class EmulatorSupport {

    private EmulatorSupport() {
    }

    static String objectStoreUrl(SynnefoEmulator emulator) {
        return emulator.baseUrl() + "/object-store/v1";
    }

    static PithosClient client(SynnefoEmulator emulator, EmulatorUser user, ClientOptions options) {
        return PithosClient.builder()
                .endpoint(objectStoreUrl(emulator))
                .token(user.token())
                .account(user.uuid())
                .options(options)
                .build();
    }

    static SynnefoTransport transport(String name) {
        return SynnefoTransport.builder().name(name).responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** Writes {@code size} pseudo-random bytes (seeded) in 1 MiB chunks, never holding the whole file. */
    static Path randomFile(Path dir, String name, long size, long seed) {
        Path p = dir.resolve(name);
        Random r = new Random(seed);
        byte[] chunk = new byte[1 << 20];
        try (var out = Files.newOutputStream(p)) {
            long left = size;
            while (left > 0) {
                int n = (int) Math.min(chunk.length, left);
                r.nextBytes(chunk);
                out.write(chunk, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** SHA-256 of a file, streamed. */
    static String sha256(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /**
     * Subscribes to {@code transfer}, waits until rule {@code others} has fired {@code n} times (the requests
     * that must still go out while the one {@code stuck} delays hangs), then cancels the transfer and
     * removes both rules. Fails when they do not all go out within 30 s.
     */
    static void assertTheOthersGoOn(SynnefoEmulator emulator, FaultRule stuck, FaultRule others, long n,
            Mono<?> transfer) {
        Disposable d = transfer.subscribe(r -> { }, e -> { });
        try {
            Long sent = Flux.interval(Duration.ofMillis(20)).map(x -> emulator.faults().fired(others.id()))
                    .filter(c -> c >= n).blockFirst(Duration.ofSeconds(30));
            assertThat(sent).isEqualTo(n);
            assertThat(emulator.faults().fired(stuck.id())).isEqualTo(1);
        } finally {
            d.dispose();
            emulator.faults().remove(stuck.id());
            emulator.faults().remove(others.id());
        }
    }
}
