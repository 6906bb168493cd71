package org.synnefo.reactive.pithos.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class ChunkerTest {

    private List<Integer> cut(int blockSize, Integer... sizes) {
        Chunker c = new Chunker(new BufferPool(blockSize, 0, true));
        Random r = new Random(1);
        return Flux.fromArray(sizes)
                .map(n -> {
                    byte[] b = new byte[n];
                    r.nextBytes(b);
                    return ByteBuffer.wrap(b);
                })
                .concatMapIterable(c::feed, 1)
                .concatWith(Mono.fromSupplier(c::finish).filter(ByteBuffer::hasRemaining))
                .map(ByteBuffer::remaining)
                .collectList().block();
    }

    @Test
    void recutsAnySizesIntoFullBlocksAndAShortLastOne() {
        assertThat(cut(4, 1, 2, 3, 10, 0, 1)).containsExactly(4, 4, 4, 4, 1);
    }

    @Test
    void exactMultipleHasNoEmptyTail() {
        assertThat(cut(4, 8)).containsExactly(4, 4);
        assertThat(cut(4)).isEmpty();
        assertThat(cut(4, 0, 0)).isEmpty();
    }

    @Test
    void preservesTheBytesAndReusesBuffersWhenReleased() {
        Random r = new Random(7);
        byte[] all = new byte[1000];
        r.nextBytes(all);
        BufferPool pool = new BufferPool(64, 2, true);
        Chunker c = new Chunker(pool);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Flux.range(0, 10).map(i -> ByteBuffer.wrap(all, i * 100, 100))
                .concatMapIterable(c::feed, 1)
                .concatWith(Mono.fromSupplier(c::finish).filter(ByteBuffer::hasRemaining))
                .doOnNext(b -> {
                    byte[] copy = new byte[b.remaining()];
                    b.get(copy);
                    out.write(copy, 0, copy.length);
                    pool.release(b);
                })
                .blockLast();
        assertThat(out.toByteArray()).isEqualTo(all);
        // 16 blocks went through, but at most two buffers were ever live at once
        assertThat(pool.allocated()).isLessThanOrEqualTo(2);
    }

    @Test
    void takeCopiesEverythingAtOnceAndKeepsTheBytesInOrder() {
        Chunker c = new Chunker(new BufferPool(4, 0, true));
        byte[] data = new byte[23];
        new Random(2).nextBytes(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> sizes = new java.util.ArrayList<>();
        int off = 0;
        for (int n : new int[] {1, 2, 3, 10, 0, 7}) {
            ByteBuffer in = ByteBuffer.wrap(data, off, n).asReadOnlyBuffer();
            for (ByteBuffer b : c.take(in)) {
                sizes.add(b.remaining());
                byte[] x = new byte[b.remaining()];
                b.get(x);
                out.write(x, 0, x.length);
            }
            assertThat(in.hasRemaining()).isFalse();
            off += n;
        }
        ByteBuffer last = c.finish();
        byte[] x = new byte[last.remaining()];
        last.get(x);
        out.write(x, 0, x.length);
        assertThat(sizes).containsExactly(4, 4, 4, 4, 4);
        assertThat(out.toByteArray()).isEqualTo(data);
    }
}
