package org.synnefo.reactive.emulator.internal.cyclades;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.synnefo.reactive.emulator.internal.EmulatorFault;

/** Small helpers shared by the Cyclades handlers: timestamps, body fields, addresses. */
final class Util {

    /** Synnefo's {@code POLL_LIMIT}: a {@code changes-since} older than this is refused. */
    static final Duration POLL_LIMIT = Duration.ofSeconds(3600);

    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter PLANKTON =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private Util() {
    }

    /** Python's {@code isoformat()} of an aware UTC datetime, as Cyclades prints it. */
    static String iso(Instant t) {
        return t == null ? null : ISO.format(t);
    }

    /** Plankton's {@code YYYY-MM-DD HH:MM:SS} UTC. */
    static String plankton(Instant t) {
        return t == null ? "" : PLANKTON.format(t);
    }

    /**
     * Parses {@code changes-since} with Synnefo's rules: unparsable, in the future or older than
     * {@link #POLL_LIMIT} is a 400.
     */
    static Instant since(String given, Instant now) {
        // An unencoded '+' of an offset arrives as a space after query decoding.
        String raw = given.trim().replace(' ', '+');
        Instant t;
        try {
            t = OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            try {
                t = LocalDateTime.parse(raw).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                try {
                    t = Instant.parse(raw);
                } catch (DateTimeParseException e3) {
                    throw EmulatorFault.badRequest("Invalid changes-since parameter.");
                }
            }
        }
        if (t.isAfter(now)) {
            throw EmulatorFault.badRequest("changes-since value set in the future.");
        }
        if (t.isBefore(now.minus(POLL_LIMIT))) {
            throw EmulatorFault.badRequest("Too old changes-since value.");
        }
        return t;
    }

    /** The object under {@code key} of a request body, or 400 "Malformed request". */
    static JsonNode member(JsonNode body, String key) {
        JsonNode n = body == null ? null : body.get(key);
        if (n == null || !n.isObject()) {
            throw EmulatorFault.badRequest("Malformed request");
        }
        return n;
    }

    /** An optional string field; present but not a string is a 400. */
    static String string(JsonNode obj, String key, String dflt) {
        JsonNode n = obj.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isTextual()) {
            throw EmulatorFault.badRequest("Invalid value for '" + key + "'");
        }
        return n.asText();
    }

    /** An optional boolean field; anything but a JSON boolean is a 400. */
    static Boolean bool(JsonNode obj, String key, Boolean dflt) {
        JsonNode n = obj.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isTextual() && ("true".equalsIgnoreCase(n.asText()) || "false".equalsIgnoreCase(n.asText()))) {
            return Boolean.parseBoolean(n.asText());
        }
        throw EmulatorFault.badRequest("Invalid value for '" + key + "': must be a boolean");
    }

    /** An integer given as a JSON number or a numeric string; anything else is a 400. */
    static Integer integer(JsonNode n, String what) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return n.asInt();
        }
        if (n.isTextual()) {
            try {
                return Integer.parseInt(n.asText().trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw EmulatorFault.badRequest("Invalid " + what + ": '" + n.asText() + "'");
    }

    /** An id from the path: a non-integer never matches a resource, like Synnefo's URL patterns. */
    static int pathId(String raw, String what) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw EmulatorFault.notFound(what + " not found.");
        }
    }

    /** A metadata dict of strings. */
    static Map<String, String> stringMap(JsonNode n, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw EmulatorFault.badRequest("Malformed " + what);
        }
        n.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw EmulatorFault.badRequest("Malformed " + what);
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }

    /** A random admin password that passes Synnefo's strength check (10 chars, upper, lower, digit). */
    static String password() {
        String upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        String lower = "abcdefghijkmnopqrstuvwxyz";
        String digits = "23456789";
        String all = upper + lower + digits;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder();
        sb.append(upper.charAt(r.nextInt(upper.length())));
        sb.append(lower.charAt(r.nextInt(lower.length())));
        sb.append(digits.charAt(r.nextInt(digits.length())));
        while (sb.length() < 10) {
            sb.append(all.charAt(r.nextInt(all.length())));
        }
        return sb.toString();
    }


    /** Synnefo's password check: at least 10 characters with an upper, a lower and a digit. */
    static boolean strongPassword(String p) {
        return p.length() >= 10 && p.chars().anyMatch(Character::isUpperCase)
                && p.chars().anyMatch(Character::isLowerCase) && p.chars().anyMatch(Character::isDigit);
    }

    // ---- IPv4 / IPv6 ----

    static long ipv4(String dotted) {
        String[] p = dotted.split("\\.", -1);
        if (p.length != 4) {
            throw new IllegalArgumentException(dotted);
        }
        long v = 0;
        for (String part : p) {
            int b = Integer.parseInt(part);
            if (b < 0 || b > 255) {
                throw new IllegalArgumentException(dotted);
            }
            v = (v << 8) | b;
        }
        return v;
    }

    static String ipv4(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }

    static boolean isIpv4(String s) {
        try {
            ipv4(s);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** {@code [network, broadcast]} of an IPv4 CIDR, or an exception when malformed. */
    static long[] cidr4(String cidr) {
        String[] p = cidr.split("/", -1);
        if (p.length != 2) {
            throw new IllegalArgumentException(cidr);
        }
        int len = Integer.parseInt(p[1]);
        if (len < 0 || len > 32) {
            throw new IllegalArgumentException(cidr);
        }
        long addr = ipv4(p[0]);
        long mask = len == 0 ? 0 : (0xFFFFFFFFL << (32 - len)) & 0xFFFFFFFFL;
        long net = addr & mask;
        return new long[] {net, net | (~mask & 0xFFFFFFFFL)};
    }

    /** The 16 bytes of an IPv6 CIDR's prefix, checking a /64 or shorter prefix. */
    static byte[] cidr6(String cidr) {
        String[] p = cidr.split("/", -1);
        if (p.length != 2 || !p[0].contains(":")) {
            throw new IllegalArgumentException(cidr);
        }
        int len = Integer.parseInt(p[1]);
        if (len < 1 || len > 64) {
            throw new IllegalArgumentException(cidr);
        }
        try {
            // A literal: InetAddress parses it without any name lookup.
            return InetAddress.getByName(p[0]).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
    }

    /** The EUI-64 address of a MAC in a /64 prefix, as Synnefo computes IPv6 addresses of NICs. */
    static String eui64(String cidr, String mac) {
        byte[] a = cidr6(cidr);
        String[] m = mac.split(":");
        int[] b = new int[6];
        for (int i = 0; i < 6; i++) {
            b[i] = Integer.parseInt(m[i], 16);
        }
        a[8] = (byte) (b[0] ^ 0x02);
        a[9] = (byte) b[1];
        a[10] = (byte) b[2];
        a[11] = (byte) 0xff;
        a[12] = (byte) 0xfe;
        a[13] = (byte) b[3];
        a[14] = (byte) b[4];
        a[15] = (byte) b[5];
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Integer.toHexString(((a[i] & 255) << 8) | (a[i + 1] & 255)));
        }
        return sb.toString();
    }

    /** Percent-encodes like Python's {@code urllib.quote(s, safe='/')}. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 255;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-' || c == '~' || c == '/') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }
}
