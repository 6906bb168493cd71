package org.synnefo.reactive.pithos.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The vectors of synnefo-api.md §6.6, computed by our own implementation. */
class BlockHasherTest {

    private final BlockHasher sha256 = new BlockHasher("sha256");

    private String hash(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return BlockHasher.hex(sha256.hashBlock(b, 0, b.length));
    }

    @Test
    void helloIsOneBlockWhoseHashIsTheRoot() {
        String h = hash("hello");
        assertThat(h).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(sha256.merkleRoot(List.of(h))).isEqualTo(h);
    }

    @Test
    void toyBlockSizeFourVectors() {
        String h0 = hash("abcd");
        String h1 = hash("efgh");
        String h2 = hash("ij");
        assertThat(h0).isEqualTo("88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589");
        assertThat(h1).isEqualTo("e5e088a0b66163a0a26a5e053d2a4496dc16ab6e0e3dd1adf2d16aa84a078c9d");
        assertThat(h2).isEqualTo("c9df9c3f2963b19b9b95f58c4d33b053fa9f8586dd6ee04126e52a868f882108");
        assertThat(sha256.merkleRoot(List.of(h0, h1)))
                .isEqualTo("7d5473712172f9ec1494baa03da3d8734d12d385d1ca6340856771c3d93382e6");
        assertThat(sha256.merkleRoot(List.of(h0, h1, h2)))
                .isEqualTo("18374008371944fcd365918bfd1187d4edcaaad1ce8dc23e746347129b1f22d1");
    }

    @Test
    void rightSubtreeOfThreeBlocksIsPaddedWithRawZeroDigest() {
        String h2 = hash("ij");
        // H(h2 || 32 zero bytes) is the R of the spec example; a root over 4 entries with two zero fillers
        // is not, so check the padding through a two-level tree built by hand.
        java.security.MessageDigest md = sha256.newDigest();
        md.update(BlockHasher.unhex(h2));
        md.update(new byte[32]);
        assertThat(BlockHasher.hex(md.digest()))
                .isEqualTo("70b9a2e9abcf16dc84c5abe8631d6d0f70e2db7365c4ec8a8cc61e1da6d25990");
    }

    @Test
    void trailingZerosAreStrippedLeadingOnesKept() {
        byte[] withZeros = {'h', 'e', 'l', 'l', 'o', 0, 0, 0};
        assertThat(BlockHasher.hex(sha256.hashBlock(withZeros, 0, withZeros.length))).isEqualTo(hash("hello"));
        byte[] leading = {0, 'h', 'e', 'l', 'l', 'o'};
        assertThat(BlockHasher.hex(sha256.hashBlock(leading, 0, leading.length))).isNotEqualTo(hash("hello"));
        assertThat(BlockHasher.hex(sha256.hashBlock(ByteBuffer.wrap(withZeros)))).isEqualTo(hash("hello"));
    }

    @Test
    void allZeroBlockAndEmptyObjectHashLikeTheEmptyString() {
        String empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assertThat(BlockHasher.hex(sha256.hashBlock(new byte[4096], 0, 4096))).isEqualTo(empty);
        assertThat(sha256.merkleRoot(List.of())).isEqualTo(empty);
        assertThat(sha256.emptyHash()).isEqualTo(empty);
    }

    @Test
    void hashOfAnOffsetSliceIgnoresBytesOutsideIt() {
        byte[] b = "xxabcdyy".getBytes(StandardCharsets.US_ASCII);
        assertThat(BlockHasher.hex(sha256.hashBlock(b, 2, 4))).isEqualTo(hash("abcd"));
    }

    @Test
    void otherAlgorithmsByHashlibName() {
        BlockHasher sha1 = new BlockHasher("sha1");
        assertThat(sha1.digestLength()).isEqualTo(20);
        assertThat(sha1.emptyHash()).isEqualTo("da39a3ee5e6b4b0d3255bfef95601890afd80709");
        assertThatThrownBy(() -> new BlockHasher("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blockCount() {
        assertThat(BlockHasher.blockCount(0, 4)).isZero();
        assertThat(BlockHasher.blockCount(1, 4)).isEqualTo(1);
        assertThat(BlockHasher.blockCount(4, 4)).isEqualTo(1);
        assertThat(BlockHasher.blockCount(10, 4)).isEqualTo(3);
        assertThat(BlockHasher.blockCount(1L << 40, 4 << 20)).isEqualTo(262144);
    }
}
