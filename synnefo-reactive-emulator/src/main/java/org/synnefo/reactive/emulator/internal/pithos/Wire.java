package org.synnefo.reactive.emulator.internal.pithos;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.synnefo.reactive.emulator.internal.EmulatorFault;

/** Header quoting, metadata-name normalisation and the date formats of the Pithos wire protocol. */
final class Wire {

    private static final DateTimeFormatter RFC1123 = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
            .appendPattern(" HH:mm:ss 'GMT'").toFormatter(Locale.US);
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter
            .ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);
    private static final Pattern QUOTED = Pattern.compile("(?:W/)?\"((?:\\\\.|[^\"])*)\"");

    private Wire() {
    }

    /** Python 2 {@code urllib.quote(v, safe)}: letters, digits, {@code _.-} and {@code safe} stay. */
    static String quote(String value, String safe) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                    || c == '-' || (c < 128 && safe.indexOf(c) >= 0)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    /** How Synnefo quotes the values of X-Account-*, X-Container-*, X-Object-* and Content-* headers. */
    static String quoteValue(String value) {
        return quote(value, "/=,:@; ");
    }

    /**
     * A request header name or value as Synnefo reads it: non-ASCII bytes are refused, and anything
     * containing '%' is URL-decoded as UTF-8.
     */
    static String unquote(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) > 127) {
                throw EmulatorFault.badRequest("Bad character in headers.");
            }
        }
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        byte[] out = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()
                    && Character.digit(raw.charAt(i + 1), 16) >= 0 && Character.digit(raw.charAt(i + 2), 16) >= 0) {
                out[n++] = (byte) ((Character.digit(raw.charAt(i + 1), 16) << 4) | Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /** {@code foo_bar-BAZ} becomes {@code Foo-Bar-Baz}, as Synnefo normalises metadata keys. */
    static String capitalize(String key) {
        String[] words = key.toLowerCase(Locale.ROOT).replace('_', '-').split("-", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            if (i > 0) {
                sb.append('-');
            }
            String w = words[i];
            if (!w.isEmpty()) {
                sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
            }
        }
        return sb.toString();
    }

    static String httpDate(long micros) {
        return RFC1123.format(Instant.ofEpochSecond(micros / 1_000_000));
    }

    /** ISO 8601 with {@code +00:00}; the fraction is left out when the microseconds are zero. */
    static String isoDate(long micros) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(micros / 1_000_000, 0, ZoneOffset.UTC);
        String base = t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
        long frac = micros % 1_000_000;
        return base + (frac == 0 ? "" : String.format(".%06d", frac)) + "+00:00";
    }

    /** Decimal seconds as a string, e.g. {@code 1322813441.565891}. */
    static String timestamp(long micros) {
        return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    /** Seconds since the epoch of an HTTP date in any of its three formats, or null when unparsable. */
    static Long parseHttpDate(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        for (DateTimeFormatter f : List.of(RFC1123, RFC850, ASCTIME)) {
            try {
                return LocalDateTime.parse(v, f.withZone(null)).toEpochSecond(ZoneOffset.UTC);
            } catch (RuntimeException e) {
                // try the next format
            }
        }
        return null;
    }

    /** The entity tags of an If-Match / If-None-Match value: quoted ones, or the bare value(s). */
    static List<String> parseEtags(String value) {
        List<String> out = new ArrayList<>();
        Matcher m = QUOTED.matcher(value);
        while (m.find()) {
            out.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        if (out.isEmpty()) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** An integer parameter, or null when absent or not an integer. */
    static Long parseLong(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
