package org.synnefo.reactive.pithos.internal;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Re-cuts a stream of buffers of any sizes into blocks of exactly the block size (the last one shorter).
 * Lazy: {@link #feed} returns an iterable that copies input only as blocks are pulled, so with a
 * prefetch of 1 the chunker holds at most one block being filled. One instance per subscription; not
 * thread-safe (Reactor serialises the calls).
 */
final class Chunker {

    private final BufferPool pool;
    private final int blockSize;
    private ByteBuffer current;

    Chunker(BufferPool pool) {
        this.pool = pool;
        this.blockSize = pool.size();
    }

    /**
     * @param input the next piece of the stream
     * @return the blocks it completes, flipped (position 0, limit = length), produced lazily
     */
    Iterable<ByteBuffer> feed(ByteBuffer input) {
        ByteBuffer in = input.duplicate();
        return () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                fill(in);
                return current != null && current.position() == blockSize;
            }

            @Override
            public ByteBuffer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ByteBuffer b = current.flip();
                current = null;
                return b;
            }
        };
    }

    private void fill(ByteBuffer in) {
        if (!in.hasRemaining() || (current != null && current.position() == blockSize)) {
            return;
        }
        if (current == null) {
            current = pool.acquire();
        }
        int n = Math.min(in.remaining(), current.remaining());
        ByteBuffer part = in.slice().limit(n);
        current.put(part);
        in.position(in.position() + n);
    }

    /** @return the last, partial block, flipped (empty when the stream ended on a block boundary) */
    ByteBuffer finish() {
        ByteBuffer b = current == null ? ByteBuffer.allocate(0) : current.flip();
        current = null;
        return b;
    }
}
