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

    /**
     * A block.
     *
     * @param data the pooled array holding it
     * @param length the block length
     */
    record Block(byte[] data, int length) {
    }

    private final BufferPool pool;
    private final int blockSize;
    private byte[] current;
    private int filled;

    Chunker(BufferPool pool) {
        this.pool = pool;
        this.blockSize = pool.size();
    }

    Iterable<Block> feed(ByteBuffer input) {
        ByteBuffer in = input.duplicate();
        return () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                fill(in);
                return filled == blockSize;
            }

            @Override
            public Block next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Block b = new Block(current, blockSize);
                current = null;
                filled = 0;
                return b;
            }
        };
    }

    private void fill(ByteBuffer in) {
        if (!in.hasRemaining() || filled == blockSize) {
            return;
        }
        if (current == null) {
            current = pool.acquire();
            filled = 0;
        }
        int n = Math.min(in.remaining(), blockSize - filled);
        in.get(current, filled, n);
        filled += n;
    }

    /** @return the last, partial block (length 0 when the stream ended on a block boundary) */
    Block finish() {
        Block b = new Block(current == null ? new byte[0] : current, current == null ? 0 : filled);
        current = null;
        filled = 0;
        return b;
    }
}
