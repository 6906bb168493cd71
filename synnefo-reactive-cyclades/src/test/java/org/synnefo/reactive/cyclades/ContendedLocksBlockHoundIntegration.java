package org.synnefo.reactive.cyclades;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Short in-memory critical sections of libraries under the client that BlockHound reports when they are
 * contended, although they do no I/O and never sleep: (1) Netty's adaptive buffer allocator takes a {@code StampedLock} for a few instructions when it grows or
 * frees a magazine; under contention (many connections on one event loop, as in these tests) the lock may
 * park for a moment; (2) Resilience4j's circuit breaker records each outcome in a sliding window guarded
 * by a {@code ReentrantLock}, which parks briefly when a thousand waiters complete polls at once on several
 * event loops. Allowed here, for this module's test JVM only (reported to the core module, which owns the
 * breaker); everything else stays checked.
 */
public final class ContendedLocksBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines")
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free")
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "allocate")
                .allowBlockingCallsInside("io.github.resilience4j.core.metrics.FixedSizeSlidingWindowMetrics", "record")
                .allowBlockingCallsInside("io.github.resilience4j.core.metrics.SlidingTimeWindowMetrics", "record");
    }
}
