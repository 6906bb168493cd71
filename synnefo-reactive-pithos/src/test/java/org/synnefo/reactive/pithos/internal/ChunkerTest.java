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

    private List<Chunker.Block> cut(int blockSize, int... sizes) {
        BufferPool pool = new BufferPool(blockSize, 0);
        Chunker c = new Chunker(pool);
        Random r = new Random(1);
        return Flux.fromArray(java.util.Arrays.stream(sizes).boxed().toArray(Integer[]::new))
                .map(n -> {
                    byte[] b = new byte[n];
                    r.nextBytes(b);
                    return ByteBuffer.wrap(b);
                })
                .concatMapIterable(c::feed, 1)
                .concatWith(Mono.fromSupplier(c::finish).filter(b -> b.length() > 0))
                .map(b -> new Chunker.Block(java.util.Arrays.copyOf(b.data(), b.length()), b.length()))
                .collectList().block();
    }

    @Test
    void recutsAnySizesIntoFullBlocksAndAShortLastOne() {
        List<Chunker.Block> blocks = cut(4, 1, 2, 3, 10, 0, 1);
        assertThat(blocks).extracting(Chunker.Block::length).containsExactly(4, 4, 4, 4, 1);
    }

    @Test
    void exactMultipleHasNoEmptyTail() {
        assertThat(cut(4, 8)).extracting(Chunker.Block::length).containsExactly(4, 4);
        assertThat(cut(4)).isEmpty();
        assertThat(cut(4, 0, 0)).isEmpty();
    }

    @Test
    void preservesTheBytes() {
        Random r = new Random(7);
        byte[] all = new byte[1000];
        r.nextBytes(all);
        BufferPool pool = new BufferPool(64, 0);
        Chunker c = new Chunker(pool);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Flux.range(0, 10).map(i -> ByteBuffer.wrap(all, i * 100, 100))
                .concatMapIterable(c::feed, 1)
                .concatWith(Mono.fromSupplier(c::finish).filter(b -> b.length() > 0))
                .doOnNext(b -> out.write(b.data(), 0, b.length()))
                .blockLast();
        assertThat(out.toByteArray()).isEqualTo(all);
    }
}
