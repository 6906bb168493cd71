package org.synnefo.reactive.pithos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SharingTest {

    @Test
    void parsesAndFormatsTheHeader() {
        Sharing s = Sharing.parse("read=a, b; write=c");
        assertThat(s.read()).containsExactly("a", "b");
        assertThat(s.write()).containsExactly("c");
        assertThat(s.toHeader()).isEqualTo("read=a,b;write=c");
        assertThat(Sharing.parse(null).isEmpty()).isTrue();
        assertThat(Sharing.none().toHeader()).isEmpty();
        assertThat(Sharing.parse("write=*").write()).containsExactly("*");
    }
}
