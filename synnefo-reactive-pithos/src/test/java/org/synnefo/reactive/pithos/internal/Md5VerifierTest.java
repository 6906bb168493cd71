package org.synnefo.reactive.pithos.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.pithos.IntegrityException;

class Md5VerifierTest {

    static String md5(String s) {
        return Md5Verifier.hex(Md5Verifier.md5().digest(s.getBytes(StandardCharsets.US_ASCII)));
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void segmentsAreCheckedAtTheirBoundariesWhateverTheFeedSizes() {
        Md5Verifier v = new Md5Verifier("o", List.of(new Md5Verifier.Unit(4, md5("aaaa")),
                new Md5Verifier.Unit(6, md5("bbbbbb"))));
        v.update(b("aaa"), 0, 3);
        v.update(b("abb"), 0, 3);
        v.update(b("xbbbbx"), 1, 4);
        v.finish();
        assertThat(v.fullyVerifiable()).isTrue();
        assertThat(v.size()).isEqualTo(10);
    }

    @Test
    void aWrongSegmentFailsAsSoonAsItEnds() {
        Md5Verifier v = new Md5Verifier("o", List.of(new Md5Verifier.Unit(4, md5("aaaa")),
                new Md5Verifier.Unit(2, md5("bb"))));
        assertThatThrownBy(() -> v.update(b("aaab"), 0, 4)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("segment 0 of o");
    }

    @Test
    void unknownUnitsAreSkippedButLengthsStillCount() {
        Md5Verifier v = new Md5Verifier("o", List.of(new Md5Verifier.Unit(3, null)));
        assertThat(v.fullyVerifiable()).isFalse();
        v.update(b("xy"), 0, 2);
        assertThatThrownBy(v::finish).isInstanceOf(IntegrityException.class).hasMessageContaining("2 of 3");
        assertThatThrownBy(() -> v.update(b("zzz"), 0, 3)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("more than");
    }

    @Test
    void emptyObjectIsItsEmptyMd5() {
        Md5Verifier ok = new Md5Verifier("e", List.of(new Md5Verifier.Unit(0, "d41d8cd98f00b204e9800998ecf8427e")));
        ok.finish();
        assertThat(Md5Verifier.isMd5("D41D8CD98F00B204E9800998ECF8427E")).isTrue();
        assertThat(Md5Verifier.isMd5("abc")).isFalse();
        assertThat(Md5Verifier.isMd5(null)).isFalse();
    }

    @Test
    void staticLargeObjectEtagIsTheMd5OfTheSegmentMd5sInHex() {
        // Swift's rule, checked with Python: md5(md5("a").hexdigest() + md5("b").hexdigest())
        assertThat(Md5Verifier.staticLargeObjectEtag(java.util.List.of("0cc175b9c0f1b6a831c399e269772661",
                "92eb5ffee6ae2fec3ad71c777531578f"))).isEqualTo("3bc22fb7aaebe9c8c5d7de312b876bb8");
    }
}
