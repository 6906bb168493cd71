package org.synnefo.reactive.emulator.internal.pithos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Interleaved downloads of several objects compute each object's Merkle root once, not once per GET. */
class MerkleCacheTest {

    @Test
    void interleavedVersionsAreEachHashedOnce() {
        MerkleCache cache = new MerkleCache();
        AtomicInteger computed = new AtomicInteger();
        List<List<String>> versions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            versions.add(List.of("h" + i, "x"));
        }
        // eight downloads, their ranged GETs interleaved: 8 x 20 lookups
        for (int round = 0; round < 20; round++) {
            for (List<String> v : versions) {
                String root = cache.root(v, 2, () -> {
                    computed.incrementAndGet();
                    return "root-" + v.get(0);
                });
                assertThat(root).isEqualTo("root-" + v.get(0));
            }
        }
        assertThat(computed).hasValue(8);
    }

    @Test
    void anEqualButDistinctListIsAnotherVersionAndTheOldestIsForgotten() {
        MerkleCache cache = new MerkleCache();
        AtomicInteger computed = new AtomicInteger();
        List<String> a = new ArrayList<>(List.of("h"));
        List<String> b = new ArrayList<>(List.of("h"));
        cache.root(a, 1, () -> "r" + computed.incrementAndGet());
        assertThat(cache.root(b, 1, () -> "r" + computed.incrementAndGet())).isEqualTo("r2");
        assertThat(cache.root(a, 2, () -> "r" + computed.incrementAndGet())).as("same list, other size").isEqualTo("r3");
        for (int i = 0; i < MerkleCache.SLOTS; i++) {
            List<String> other = List.of("o" + i);
            cache.root(other, 1, () -> "x");
        }
        assertThat(cache.root(a, 1, () -> "again")).isEqualTo("again");
    }
}
