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

    @Test
    void theFastDateReadersAgreeWithTheFormattersAndLeaveTheRestToThem() {
        String[] iso = {"2024-05-01T10:00:00.123450", "2024-05-01T10:00:00", "2024-05-01T10:00:00Z",
            "2024-05-01T10:00:00.1Z", "2024-05-01t10:00:00.123456789Z", "2024-12-31T23:59:59.999+02:00",
            "2024-02-29T00:00:00-05:30", "1999-01-01T00:00:00.000000"};
        for (String v : iso) {
            java.time.temporal.TemporalAccessor t = java.time.format.DateTimeFormatter.ISO_DATE_TIME.parse(v);
            Instant slow = t.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)
                    ? java.time.OffsetDateTime.from(t).toInstant()
                    : java.time.LocalDateTime.from(t).toInstant(java.time.ZoneOffset.UTC);
            assertThat(Parse.fastIsoDate(v)).as(v).isEqualTo(slow);
            assertThat(Parse.isoDate(v)).as(v).isEqualTo(slow);
        }
        for (String v : new String[] {"2024-13-01T10:00:00", "2024-05-01 10:00:00", "2024-05-01T10:00:00.",
            "2024-05-01T10:00:00.1234567891", "2024-05-01T10:00:00+0200", "2024-05-01T10:00:00[UTC]",
            "2024-05-01T10:00"}) {
            assertThat(Parse.fastIsoDate(v)).as(v).isNull();
        }
        assertThat(Parse.isoDate("2024-05-01T10:00")).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));

        for (String v : new String[] {"Sun, 29 Nov 2026 08:17:59 GMT", "Tue, 01 Jan 2030 00:00:00 GMT",
            "Thu, 29 Feb 2024 23:59:59 GMT"}) {
            Instant slow = java.time.ZonedDateTime.parse(v, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            assertThat(Parse.fastHttpDate(v)).as(v).isEqualTo(slow);
            assertThat(Parse.httpDate(v)).as(v).isEqualTo(slow);
        }
        assertThat(Parse.fastHttpDate("Sun, 6 Nov 1994 08:49:37 GMT")).isNull();
        assertThat(Parse.httpDate("Sun, 6 Nov 1994 08:49:37 GMT")).isEqualTo(Instant.parse("1994-11-06T08:49:37Z"));
        assertThat(Parse.fastHttpDate("Sun, 06 Foo 1994 08:49:37 GMT")).isNull();
        assertThat(Parse.httpDate("garbage")).isNull();
    }
}
