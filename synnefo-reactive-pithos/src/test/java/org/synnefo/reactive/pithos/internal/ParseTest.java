package org.synnefo.reactive.pithos.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ParseTest {

    @Test
    void listingDatesOfPithosAndSwift() {
        // Pithos: an offset; Swift: none (UTC), with microseconds
        assertThat(Parse.isoDate("2024-05-01T10:00:00.123+00:00")).isEqualTo(Instant.parse("2024-05-01T10:00:00.123Z"));
        assertThat(Parse.isoDate("2024-05-01T10:00:00Z")).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(Parse.isoDate("2024-05-01T10:00:00.123450")).isEqualTo(Instant.parse("2024-05-01T10:00:00.123450Z"));
        assertThat(Parse.isoDate("yesterday")).isNull();
        assertThat(Parse.isoDate(null)).isNull();
    }
}
