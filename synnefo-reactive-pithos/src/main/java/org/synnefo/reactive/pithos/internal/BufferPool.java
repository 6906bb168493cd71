package org.synnefo.reactive.pithos.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A per-transfer pool of block-sized buffers, so that a transfer of any length reuses the same few
 * buffers instead of allocating one per block. It never blocks and never limits: the pipelines bound how
 * many buffers are in use through their concurrency; the pool only keeps up to {@code maxRetained}
 * returned buffers for reuse.
 *
 * <p>Buffers are direct by default: file channels then read and write them without the temporary
 * direct copy the JDK makes (and caches per thread) for heap buffers, and Netty sends them without
 * copying them into its own direct memory.
 */
public final class BufferPool {

    private final int size;
    private final int maxRetained;
    private final boolean direct;
    private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger retained = new AtomicInteger();
    private final AtomicInteger allocated = new AtomicInteger();

    /**
     * @param size the buffer size (the block size)
     * @param maxRetained buffers kept for reuse at most
     * @param direct direct (off-heap) buffers, or heap ones
     */
    public BufferPool(int size, int maxRetained, boolean direct) {
        this.size = size;
        this.maxRetained = maxRetained;
        this.direct = direct;
    }

    /** @return a cleared buffer of capacity {@link #size()}, reused when one is free */
    public ByteBuffer acquire() {
        ByteBuffer b = free.poll();
        if (b != null) {
            retained.decrementAndGet();
            return b.clear();
        }
        allocated.incrementAndGet();
        return direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
    }

    /** @param b a buffer from {@link #acquire()}, no longer used by anyone */
    public void release(ByteBuffer b) {
        if (b == null || b.capacity() != size || b.isDirect() != direct) {
            return;
        }
        if (retained.incrementAndGet() <= maxRetained) {
            free.offer(b);
        } else {
            retained.decrementAndGet();
        }
    }

    /** @return the buffer size */
    public int size() {
        return size;
    }

    /** @return how many buffers were allocated in all (for tests: proves the memory bound) */
    public int allocated() {
        return allocated.get();
    }
}
