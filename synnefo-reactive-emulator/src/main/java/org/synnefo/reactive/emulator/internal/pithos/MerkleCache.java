package org.synnefo.reactive.emulator.internal.pithos;

import java.util.List;
import java.util.function.Supplier;

/**
 * The Merkle roots of the versions asked about most recently. Every ranged GET of a block needs its
 * object's hash (the ETag): without a cache a download of n blocks hashes the whole hashmap n times
 * (O(n^2)). A version's hash list is immutable, so the list's identity names it. The one-entry cache
 * this replaces thrashed as soon as two downloads interleaved (each GET evicted the other object); a
 * few entries replaced in turn cover the downloads a test or a demo runs at once.
 */
final class MerkleCache {

    /** How many versions are remembered. */
    static final int SLOTS = 16;

    private record Entry(List<String> hashes, long bytes, String root) {
    }

    private final Entry[] slots = new Entry[SLOTS];
    private int next;

    /**
     * @param hashes a version's block hashes (the very list the version holds)
     * @param bytes its size
     * @param compute the root, computed outside the lock when not cached
     * @return the root
     */
    String root(List<String> hashes, long bytes, Supplier<String> compute) {
        synchronized (this) {
            for (Entry e : slots) {
                if (e != null && e.hashes() == hashes && e.bytes() == bytes) {
                    return e.root();
                }
            }
        }
        String root = compute.get();
        synchronized (this) {
            slots[next] = new Entry(hashes, bytes, root);
            next = (next + 1) % SLOTS;
        }
        return root;
    }
}
