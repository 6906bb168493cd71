package org.synnefo.reactive.emulator.internal.pithos;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Streams object data in and out in blocks: incoming bytes are cut at block boundaries as they arrive
 * (each block hashed once, when complete), and outgoing data is served block by block as slices of
 * the stored arrays, padded with a shared zero array, without ever assembling a whole object.
 */
final class DataPath {

    /** Where a write lands: the new hashmap and size. */
    record Written(List<String> hashes, long size, long written) {
    }

    private final BlockStore store;
    private final int blockSize;
    private final byte[] zeros;

    DataPath(BlockStore store, int blockSize) {
        this.store = store;
        this.blockSize = blockSize;
        this.zeros = new byte[blockSize];
    }

    int blockSize() {
        return blockSize;
    }

    BlockStore store() {
        return store;
    }

    /** A piece of incoming data lying inside one block. */
    private record Chunk(long offset, byte[] data, int length) {
    }

    /** Cuts a byte stream at the block boundaries of an object being written from {@code offset}. */
    private final class Splitter {
        private long position;
        private byte[] buffer;
        private int filled;
        private long total;
        private final MessageDigest md5;

        Splitter(long offset, MessageDigest md5) {
            this.position = offset;
            this.md5 = md5;
        }

        private int room() {
            return (int) (blockSize - (position % blockSize));
        }

        /** Copies the buffer's bytes out synchronously (the caller releases the buffer afterwards). */
        List<Chunk> feed(ByteBuf buf) {
            List<Chunk> out = new ArrayList<>(1);
            int readable = buf.readableBytes();
            if (md5 != null && readable > 0) {
                md5.update(buf.nioBuffer());
            }
            total += readable;
            while (buf.isReadable()) {
                if (buffer == null) {
                    buffer = new byte[room()];
                    filled = 0;
                }
                int n = Math.min(buffer.length - filled, buf.readableBytes());
                buf.readBytes(buffer, filled, n);
                filled += n;
                if (filled == buffer.length) {
                    out.add(new Chunk(position, buffer, filled));
                    position += filled;
                    buffer = null;
                }
            }
            return out;
        }

        Chunk finish() {
            if (buffer == null || filled == 0) {
                return null;
            }
            Chunk c = new Chunk(position, buffer, filled);
            position += filled;
            buffer = null;
            return c;
        }
    }

    /** Stores a body as consecutive blocks (block upload): the hashes in order. */
    Mono<List<String>> storeBlocks(Flux<ByteBuf> body) {
        Splitter s = new Splitter(0, null);
        return chunks(body, s)
                .concatMap(c -> store.store(c.data(), c.length()))
                .collectList();
    }

    /**
     * Writes {@code data} at {@code offset} over an existing object ({@code oldHashes}, {@code oldSize}),
     * storing only the blocks that change. An empty stream leaves the hashmap as it is.
     */
    Mono<Written> write(List<String> oldHashes, long oldSize, long offset, Flux<ByteBuf> data, MessageDigest md5) {
        Splitter s = new Splitter(offset, md5);
        List<String> hashes = new ArrayList<>(oldHashes);
        if (oldSize == 0) {
            hashes.clear();
        }
        return chunks(data, s)
                .concatMap(c -> writeChunk(hashes, oldHashes, oldSize, c))
                .then(Mono.fromCallable(() -> {
                    long size = Math.max(oldSize, offset + s.total);
                    List<String> out = new ArrayList<>(hashes);
                    if (size == 0) {
                        out = List.of(store.hashing().emptyHex());
                    }
                    return new Written(out, size, s.total);
                }));
    }

    private Mono<Void> writeChunk(List<String> hashes, List<String> oldHashes, long oldSize, Chunk c) {
        int index = (int) (c.offset() / blockSize);
        int pos = (int) (c.offset() % blockSize);
        int oldBlocks = oldSize == 0 ? 0 : (int) ((oldSize + blockSize - 1) / blockSize);
        int oldLen = index < oldBlocks ? (int) Math.min(blockSize, oldSize - (long) index * blockSize) : 0;
        Mono<String> stored;
        if (pos == 0 && c.length() >= oldLen) {
            stored = store.store(c.data(), c.length());
        } else {
            stored = store.read(oldHashes.get(index)).flatMap(old -> {
                byte[] merged = new byte[Math.max(oldLen, pos + c.length())];
                System.arraycopy(old, 0, merged, 0, Math.min(old.length, oldLen));
                System.arraycopy(c.data(), 0, merged, pos, c.length());
                return store.store(merged, merged.length);
            });
        }
        return stored.doOnNext(h -> {
            if (index < hashes.size()) {
                hashes.set(index, h);
            } else {
                hashes.add(h);
            }
        }).then();
    }

    /** Cuts the hashmap down to {@code size} bytes, re-hashing a shortened last block. */
    Mono<Written> truncate(List<String> hashes, long size) {
        if (size == 0) {
            return Mono.just(new Written(List.of(store.hashing().emptyHex()), 0, 0));
        }
        int blocks = (int) ((size + blockSize - 1) / blockSize);
        List<String> kept = new ArrayList<>(hashes.subList(0, Math.min(blocks, hashes.size())));
        int lastLen = (int) (size - (long) (blocks - 1) * blockSize);
        if (lastLen == blockSize || kept.size() < blocks) {
            return Mono.just(new Written(kept, size, 0));
        }
        return store.read(kept.get(blocks - 1)).flatMap(old -> {
            byte[] cut = new byte[lastLen];
            System.arraycopy(old, 0, cut, 0, Math.min(old.length, lastLen));
            return store.store(cut, lastLen);
        }).map(h -> {
            kept.set(blocks - 1, h);
            return new Written(kept, size, 0);
        });
    }

    private Flux<Chunk> chunks(Flux<ByteBuf> data, Splitter s) {
        // map runs inside onNext, while the buffer is still valid (Reactor Netty releases it afterwards)
        return data.map(s::feed)
                .concatMapIterable(list -> list)
                .concatWith(Mono.fromCallable(s::finish));
    }

    /** The bytes {@code [start, end)} of an object made of {@code hashes}, block by block, without copies. */
    Flux<ByteBuf> read(List<String> hashes, long size, long start, long end) {
        if (end <= start) {
            return Flux.empty();
        }
        int first = (int) (start / blockSize);
        int last = (int) ((end - 1) / blockSize);
        return Flux.range(first, last - first + 1).concatMap(i -> {
            long blockStart = (long) i * blockSize;
            int from = (int) Math.max(0, start - blockStart);
            int to = (int) Math.min(Math.min(blockSize, size - blockStart), end - blockStart);
            return store.read(hashes.get(i)).map(data -> slice(data, from, to));
        }, 1);
    }

    /** Bytes [from, to) of a block whose stored (stripped) bytes are {@code data}. */
    private ByteBuf slice(byte[] data, int from, int to) {
        int stored = Math.min(to, data.length);
        if (from >= stored) {
            return Unpooled.wrappedBuffer(zeros, 0, to - from);
        }
        ByteBuf head = Unpooled.wrappedBuffer(data, from, stored - from);
        if (stored == to) {
            return head;
        }
        return Unpooled.wrappedBuffer(head, Unpooled.wrappedBuffer(zeros, 0, to - stored));
    }
}
