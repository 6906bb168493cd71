package org.synnefo.reactive.core.internal;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Tells BlockHound about short in-memory critical sections of the libraries under the HTTP layer that park
 * only when contended, never for I/O: (1) Resilience4j's circuit breaker records every outcome in a sliding
 * window guarded by a {@code ReentrantLock}; a thousand waiters completing polls at once on several event
 * loops contend for it; (2) Netty's adaptive buffer allocator takes a {@code StampedLock} for a few
 * instructions when it grows or frees a magazine; (3) Jackson's deserializer cache takes a
 * {@code ReentrantLock} the first time a type is decoded, which a concurrent first decode on another event loop
 * may contend for once. Loaded through {@code ServiceLoader} by BlockHound itself
 * (as Reactor's and Netty's integrations are), so every application and test JVM that installs BlockHound
 * gets it; everything else stays checked.
 */
public final class SynnefoBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.github.resilience4j.core.metrics.FixedSizeSlidingWindowMetrics", "record")
                .allowBlockingCallsInside("io.github.resilience4j.core.metrics.SlidingTimeWindowMetrics", "record")
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
                        "tryExpandMagazines")
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "allocate")
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free")
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "allocate")
                .allowBlockingCallsInside("com.fasterxml.jackson.databind.deser.DeserializerCache",
                        "_createAndCacheValueDeserializer");
    }
}
