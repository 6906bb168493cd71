package org.synnefo.reactive.pithos;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Netty's adaptive buffer allocator takes a {@code StampedLock} for a few instructions when two event
 * loops grow or free a magazine at the same moment; block uploads (several MiB written at once from
 * several connections) hit it. It is a short internal critical section, not I/O, and Netty's own
 * BlockHound integration does not list it yet. Allowed here, for this module's tests only; the project's
 * shared BlockHound setup should take it over.
 */
public final class NettyAllocatorBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
                "tryExpandMagazines");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "allocate");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "allocate");
    }
}
