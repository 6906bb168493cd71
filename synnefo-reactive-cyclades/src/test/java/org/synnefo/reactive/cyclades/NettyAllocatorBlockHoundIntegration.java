package org.synnefo.reactive.cyclades;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Netty's adaptive buffer allocator takes a {@code StampedLock} for a few instructions when it grows or
 * frees a magazine; under contention (many connections on one event loop, as in these tests) the lock may
 * park for a moment, which BlockHound reports although no I/O or sleep is involved. Allowed here, for this
 * module's test JVM only; the library's own code paths stay fully checked.
 */
public final class NettyAllocatorBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines")
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free")
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "allocate");
    }
}
