package org.synnefo.reactive.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseHeadersTest {

    @Test
    void metadataKeysAreUnquotedThenLowerCasedSoNonAsciiKeysMatchWhateverCaseTheServerSent() {
        ResponseHeaders h = ResponseHeaders.of(List.of(
                Map.entry("X-Object-Meta-%C3%89t%C3%A9", "%CF%80"),
                Map.entry("x-object-meta-Plain", "v"),
                Map.entry("X-Container-Meta-Other", "x")));
        assertThat(h.metadata("X-Object-Meta-")).containsExactly(Map.entry("été", "π"), Map.entry("plain", "v"));
    }
}
