package org.synnefo.reactive.pithos.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.Provider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.pithos.IntegrityException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class FastMd5Test {

    static final byte[] DATA = new byte[300_001];

    static {
        new Random(3).nextBytes(DATA);
    }

    static List<Md5Verifier.Unit> units(int... lengths) {
        List<Md5Verifier.Unit> u = new ArrayList<>();
        int off = 0;
        for (int len : lengths) {
            var md = Md5Verifier.md5();
            md.update(DATA, off, len);
            u.add(new Md5Verifier.Unit(len, Md5Verifier.hex(md.digest())));
            off += len;
        }
        return u;
    }

    /** Feeds DATA as direct buffers of {@code step} bytes, each fed at a non-zero position. */
    static void feedDirect(Md5Verifier v, int step) {
        for (int off = 0; off < DATA.length; off += step) {
            int n = Math.min(step, DATA.length - off);
            ByteBuffer b = ByteBuffer.allocateDirect(n + 5);
            b.position(5);
            b.put(DATA, off, n).position(5);
            v.update(b.asReadOnlyBuffer());
            assertThat(b.position()).isEqualTo(5);
        }
        v.finish();
    }

    static Provider nativeOrNull() {
        return FastMd5.load().orElse(null);
    }

    @Test
    void directBuffersAcrossUnitBoundariesWithEitherProvider() {
        Provider nss = Mono.fromCallable(FastMd5Test::nativeOrNull).subscribeOn(Schedulers.boundedElastic())
                .block(Duration.ofSeconds(30));
        for (Provider p : java.util.Arrays.asList(null, nss)) {
            feedDirect(new Md5Verifier("o", units(100_000, 1, 199_999, 1), p, 0, false), 65_536);
            feedDirect(new Md5Verifier("o", units(300_001), p, 0, true), 7_777);
        }
    }

    @Test
    void aWrongByteIsCaughtWithTheSegmentsIndexInTheObject() {
        List<Md5Verifier.Unit> u = units(100_000, 200_001);
        Md5Verifier v = new Md5Verifier("o", List.of(u.get(1)), null, 1, false);
        byte[] tail = java.util.Arrays.copyOfRange(DATA, 100_000, DATA.length);
        tail[tail.length - 1] ^= 1;
        assertThatThrownBy(() -> v.update(ByteBuffer.wrap(tail))).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("segment 1 of o");
    }

    @Test
    void theNativeDigestRunsOnANonBlockingThreadOnceLoaded() {
        // the engine hashes on the event loop: BlockHound (active in tests) must find nothing blocking there
        Optional<Provider> p = FastMd5.forBytes(FastMd5.WORTH_IT).block(Duration.ofSeconds(30));
        assertThat(p).isNotNull();
        String got = Mono.fromCallable(() -> {
            Md5Verifier v = new Md5Verifier("o", units(300_001), p.orElse(null), 0, true);
            feedDirect(v, 65_536);
            return "ok";
        }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(30));
        assertThat(got).isEqualTo("ok");
        assertThat(FastMd5.forBytes(10).block()).isEmpty();
    }
}
