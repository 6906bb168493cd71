package org.synnefo.reactive.pithos.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Positional reads and writes of whole buffers, the loops every transfer engine needs. Blocking: callers
 * run them on {@code boundedElastic}.
 */
final class FileRanges {

    private FileRanges() {
    }

    /**
     * Positional read of exactly {@code len} bytes into a cleared buffer, which is then flipped.
     *
     * @param ch the channel
     * @param bb the target (cleared, capacity at least {@code len})
     * @param len bytes to read
     * @param off the file position
     * @throws IOException on a read error, or when the file is shorter than expected
     */
    static void readFully(FileChannel ch, ByteBuffer bb, int len, long off) throws IOException {
        bb.clear().limit(len);
        while (bb.hasRemaining()) {
            int r = ch.read(bb, off + bb.position());
            if (r < 0) {
                throw new IOException("file shrank: no data at " + (off + bb.position()));
            }
        }
        bb.flip();
    }

    /**
     * Positional write of all of a buffer's remaining bytes: the byte at the buffer's position {@code p}
     * goes to file position {@code base + p}.
     *
     * @param ch the channel
     * @param bb the bytes (consumed)
     * @param base the file position of the buffer's index 0
     * @throws IOException on a write error
     */
    static void writeFully(FileChannel ch, ByteBuffer bb, long base) throws IOException {
        while (bb.hasRemaining()) {
            ch.write(bb, base + bb.position());
        }
    }
}
