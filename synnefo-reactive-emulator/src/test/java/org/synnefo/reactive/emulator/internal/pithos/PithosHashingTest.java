package org.synnefo.reactive.emulator.internal.pithos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The block hash and Merkle root against the worked examples of synnefo-api.md §6.6. */
class PithosHashingTest {

    private final Hashing sha256 = new Hashing("sha256");

    private String block(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return sha256.blockHash(b, 0, b.length);
    }

    @Test
    void singleBlockIsItsOwnRoot() {
        String h = block("hello");
        assertThat(h).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(sha256.merkle(List.of(h))).isEqualTo(h);
    }

    @Test
    void toyBlockSizeVectors() {
        String h0 = block("abcd");
        String h1 = block("efgh");
        String h2 = block("ij");
        assertThat(h0).isEqualTo("88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589");
        assertThat(h1).isEqualTo("e5e088a0b66163a0a26a5e053d2a4496dc16ab6e0e3dd1adf2d16aa84a078c9d");
        assertThat(h2).isEqualTo("c9df9c3f2963b19b9b95f58c4d33b053fa9f8586dd6ee04126e52a868f882108");
        assertThat(sha256.merkle(List.of(h0, h1)))
                .isEqualTo("7d5473712172f9ec1494baa03da3d8734d12d385d1ca6340856771c3d93382e6");
        assertThat(sha256.merkle(List.of(h0, h1, h2)))
                .isEqualTo("18374008371944fcd365918bfd1187d4edcaaad1ce8dc23e746347129b1f22d1");
    }

    @Test
    void trailingZerosAreStrippedAndEmptyIsHashOfNothing() {
        assertThat(block("hello\0\0")).isEqualTo(block("hello"));
        assertThat(block("\0hello")).isNotEqualTo(block("hello"));
        String empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assertThat(block("\0\0\0\0")).isEqualTo(empty);
        assertThat(sha256.merkle(List.of())).isEqualTo(empty);
        assertThat(sha256.emptyHex()).isEqualTo(empty);
    }

    @Test
    void otherHashlibNamesWork() {
        Hashing sha1 = new Hashing("sha1");
        assertThat(sha1.name()).isEqualTo("sha1");
        assertThat(sha1.emptyHex()).isEqualTo("da39a3ee5e6b4b0d3255bfef95601890afd80709");
    }
}
