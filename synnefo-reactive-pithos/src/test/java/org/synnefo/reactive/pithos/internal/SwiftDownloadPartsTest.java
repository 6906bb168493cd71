package org.synnefo.reactive.pithos.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SwiftDownloadPartsTest {

    static List<String> describe(List<Long> units, long partSize, long firstLen, boolean known) {
        List<Md5Verifier.Unit> u = units.stream().map(l -> new Md5Verifier.Unit(l, known
                ? "0123456789abcdef0123456789abcdef" : null)).toList();
        long size = units.stream().mapToLong(Long::longValue).sum();
        return SwiftDownloadEngine.parts(new SwiftDownloadEngine.Plan(size, null, u), partSize, firstLen).stream()
                .map(p -> p.off() + "+" + p.len() + (p.aligned() ? "[" + p.unit0() + ".." + (p.unit0() + p.units())
                        + ")" : "")).toList();
    }

    @Test
    void segmentsAreGroupedUpToAPartAndNeverCut() {
        // part 0 must cover what the first GET asked for (25 bytes): three segments; the 50-byte one stays whole
        assertThat(describe(List.of(10L, 10L, 10L, 50L, 10L), 25, 25, true))
                .containsExactly("0+30[0..3)", "30+50[3..4)", "80+10[4..5)");
        assertThat(describe(List.of(10L, 10L, 5L, 10L), 25, 25, true))
                .containsExactly("0+25[0..3)", "25+10[3..4)");
    }

    @Test
    void aPlainObjectLargerThanAPartIsCutEveryPart() {
        assertThat(describe(List.of(95L), 25, 25, true)).containsExactly("0+25", "25+25", "50+25", "75+20");
        assertThat(describe(List.of(20L), 25, 20, true)).containsExactly("0+20[0..1)");
        assertThat(describe(List.of(0L), 25, 0, true)).containsExactly("0+0[0..1)");
    }
}
