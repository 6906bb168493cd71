package org.synnefo.reactive.pithos.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A per-transfer pool of block-sized arrays, so that a transfer of any length reuses the same few
 * buffers instead of allocating (and making the GC reclaim) one 4 MiB array per block. It never blocks
 * and never limits: the pipelines bound how many buffers are in use through their concurrency; the pool
 * only keeps up to {@code maxRetained} returned buffers for reuse.
 */
public final class BufferPool {

    private final int size;
    private final int maxRetained;
    private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger retained = new AtomicInteger();
    private final AtomicInteger allocated = new AtomicInteger();

    /**
     * @param size the buffer size (the block size)
     * @param maxRetained buffers kept for reuse at most
     */
    public BufferPool(int size, int maxRetained) {
        this.size = size;
        this.maxRetained = maxRetained;
    }

    /** @return a buffer of {@link #size()} bytes, reused when one is free; its content is arbitrary */
    public byte[] acquire() {
        byte[] b = free.poll();
        if (b != null) {
            retained.decrementAndGet();
            return b;
        }
        allocated.incrementAndGet();
        return new byte[size];
    }

    /** @param b a buffer from {@link #acquire()}, no longer used by anyone */
    public void release(byte[] b) {
        if (b == null || b.length != size) {
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
