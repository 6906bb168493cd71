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

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    /** @param v an RFC 1123 date or null @return the instant, or null */
    public static Instant httpDate(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        String s = v.trim();
        Instant fast = fastHttpDate(s);
        if (fast != null) {
            return fast;
        }
        try {
            return ZonedDateTime.parse(s, RFC_1123).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The fixed form every server sends ({@code Sun, 29 Nov 2026 08:17:59 GMT}) read field by field, or
     * null for anything else (which the formatter then reads). The formatter costs tens of microseconds
     * a date while the JIT is cold, and a listing or a directory transfer reads thousands.
     */
    static Instant fastHttpDate(String s) {
        if (s.length() != 29 || s.charAt(3) != ',' || s.charAt(4) != ' ' || s.charAt(7) != ' ' || s.charAt(11) != ' '
                || s.charAt(16) != ' ' || s.charAt(19) != ':' || s.charAt(22) != ':' || !s.endsWith(" GMT")) {
            return null;
        }
        int month = -1;
        for (int m = 0; m < 12; m++) {
            if (s.regionMatches(8, MONTHS[m], 0, 3)) {
                month = m + 1;
                break;
            }
        }
        int day = digits(s, 5, 2);
        int year = digits(s, 12, 4);
        int hour = digits(s, 17, 2);
        int min = digits(s, 20, 2);
        int sec = digits(s, 23, 2);
        if (month < 0 || day < 0 || year < 0 || hour < 0 || min < 0 || sec < 0) {
            return null;
        }
        return utc(year, month, day, hour, min, sec, 0, 0);
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss}, optional fraction (1-9 digits), then nothing (UTC, as Swift writes it),
     * {@code Z} or {@code ±hh:mm}; null for anything else. Read field by field: the formatter chain below
     * costs tens of microseconds a date, and for Swift's offset-less dates it failed twice (two exceptions
     * with their stack traces) before the third parser took it; a listing of 1,000 objects spent about
     * 0.1 s of a directory download's start here.
     */
    static Instant fastIsoDate(String s) {
        int n = s.length();
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != 't')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int min = digits(s, 14, 2);
        int sec = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || min < 0 || sec < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            int count = i - start;
            if (count == 0 || (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9')) {
                return null;
            }
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offset;
        if (i == n) {
            offset = 0;
        } else if ((s.charAt(i) == 'Z' || s.charAt(i) == 'z') && i + 1 == n) {
            offset = 0;
        } else if ((s.charAt(i) == '+' || s.charAt(i) == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh < 0 || om < 0 || oh > 18 || om > 59) {
                return null;
            }
            offset = (s.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return null;
        }
        return utc(year, month, day, hour, min, sec, nanos, offset);
    }

    private static Instant utc(int year, int month, int day, int hour, int min, int sec, int nanos, int offset) {
        try {
            long epoch = java.time.LocalDateTime.of(year, month, day, hour, min, sec).toEpochSecond(ZoneOffset.UTC);
            return Instant.ofEpochSecond(epoch - offset, nanos);
        } catch (java.time.DateTimeException e) {
            // a field out of range (month 13, 24:00): let the formatters decide
            return null;
        }
    }

    /** The non-negative decimal number in {@code s[at, at + len)}, or -1. */
    private static int digits(String s, int at, int len) {
        int v = 0;
        for (int k = at; k < at + len; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
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
        Instant fast = fastIsoDate(v.trim());
        if (fast != null) {
            return fast;
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
