package org.synnefo.reactive.pithos.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
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

    /**
     * The eager form of {@link #feed}, for a consumer that must copy all of its input at once (a transient
     * network buffer): copies all of {@code in} (moving its position to its limit) with absolute bulk puts,
     * allocating nothing in the usual case where no block, or a single one, is completed.
     *
     * @param in the next piece of the stream
     * @return the blocks it completes, flipped
     */
    List<ByteBuffer> take(ByteBuffer in) {
        List<ByteBuffer> full = Collections.emptyList();
        while (in.hasRemaining()) {
            if (current == null) {
                current = pool.acquire();
            }
            int n = Math.min(in.remaining(), current.remaining());
            current.put(current.position(), in, in.position(), n);
            current.position(current.position() + n);
            in.position(in.position() + n);
            if (!current.hasRemaining()) {
                ByteBuffer b = current.flip();
                current = null;
                if (full.isEmpty()) {
                    full = Collections.singletonList(b);
                } else {
                    full = new ArrayList<>(full);
                    full.add(b);
                }
            }
        }
        return full;
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
