package org.synnefo.reactive.pithos.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Tolerant parsing of Pithos header and JSON values: a malformed value gives {@code null}, never an error. */
public final class Parse {

    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME;

    private Parse() {
    }

    /** @param v an RFC 1123 date or null @return the instant, or null */
    public static Instant httpDate(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(v.trim(), RFC_1123).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** @param t an instant @return it as an RFC 1123 date in GMT */
    public static String httpDate(Instant t) {
        return RFC_1123.format(t.atOffset(ZoneOffset.UTC));
    }

    /** @param v an ISO 8601 date (Pithos JSON {@code last_modified}; Swift's has no offset: UTC) or null @return the instant, or null */
    public static Instant isoDate(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(v.trim());
            } catch (DateTimeParseException e2) {
                try {
                    // Swift's listings give UTC without an offset: 2024-05-01T10:00:00.123450
                    return java.time.LocalDateTime.parse(v.trim()).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    return null;
                }
            }
        }
    }

    /** @param v a decimal number of seconds (e.g. {@code "1322813441.565891"}) or null @return the instant, or null */
    public static Instant epochSeconds(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            java.math.BigDecimal d = new java.math.BigDecimal(v.trim());
            long secs = d.longValue();
            long nanos = d.subtract(java.math.BigDecimal.valueOf(secs)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(secs, nanos);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** @param v a header value @return the long, or null */
    public static Long longOrNull(String v) {
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** @param node a JSON node @param field a field @return its text, or null when missing or null */
    public static String text(JsonNode node, String field) {
        JsonNode n = node.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    /** @param node a JSON node @param field a field @return its long value, or null */
    public static Long longValue(JsonNode node, String field) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return n.asLong();
        }
        return longOrNull(n.asText());
    }

    /** @param v a comma-separated list or null @return the trimmed non-empty items */
    public static List<String> commaList(String v) {
        if (v == null || v.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return List.copyOf(out);
    }

    /** @param etag an ETag, possibly quoted or weak @return the bare value */
    public static String bareEtag(String etag) {
        if (etag == null) {
            return null;
        }
        String e = etag.trim();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1);
        }
        return e;
    }
}
