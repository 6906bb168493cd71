package org.synnefo.reactive.core.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The headers of a response: case-insensitive, multi-valued, immutable, with helpers for Synnefo's
 * URL-quoted metadata headers.
 */
public final class ResponseHeaders {

    private static final ResponseHeaders EMPTY = new ResponseHeaders(Map.of());

    private final Map<String, List<String>> values;

    private ResponseHeaders(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * Builds headers from name/value pairs (names compared case-insensitively).
     *
     * @param entries the pairs in order
     * @return the headers
     */
    public static ResponseHeaders of(Iterable<Map.Entry<String, String>> entries) {
        Map<String, List<String>> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> e : entries) {
            m.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
        m.replaceAll((k, v) -> List.copyOf(v));
        return new ResponseHeaders(Collections.unmodifiableMap(m));
    }

    /** @return no headers */
    public static ResponseHeaders empty() {
        return EMPTY;
    }

    /**
     * @param name a header name (any case)
     * @return its first value
     */
    public Optional<String> first(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /**
     * @param name a header name (any case)
     * @return its first value, or {@code null}
     */
    public String firstOrNull(String name) {
        return first(name).orElse(null);
    }

    /**
     * @param name a header name (any case)
     * @return all its values, possibly none
     */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /**
     * @param name a header name
     * @return its first value parsed as a long, if present and numeric
     */
    public OptionalLong longValue(String name) {
        Optional<String> v = first(name);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v.get().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * @param name a header name
     * @return its first value, URL-unquoted (Synnefo quotes metadata and names in headers)
     */
    public Optional<String> unquoted(String name) {
        return first(name).map(ResponseHeaders::unquote);
    }

    /**
     * Every header starting with {@code prefix} (case-insensitive), keyed by the rest of the name, both the
     * key and the value URL-unquoted: {@code metadata("X-Object-Meta-")} gives the object's metadata. Keys
     * are lower-cased, since HTTP header names are case-insensitive and servers normalise them differently.
     *
     * @param prefix the prefix, e.g. {@code X-Object-Meta-}
     * @return the map in header order
     */
    public Map<String, String> metadata(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        String p = prefix.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            String n = e.getKey().toLowerCase(Locale.ROOT);
            if (n.startsWith(p) && n.length() > p.length() && !e.getValue().isEmpty()) {
                // unquote first, so that non-ASCII keys are lower-cased like ASCII ones
                String key = unquote(e.getKey().substring(p.length())).toLowerCase(Locale.ROOT);
                out.put(key, unquote(e.getValue().get(0)));
            }
        }
        return out;
    }

    /** @return the header names */
    public Set<String> names() {
        return values.keySet();
    }

    /** @return every header, names case-insensitive */
    public Map<String, List<String>> asMap() {
        return values;
    }

    /**
     * URL-unquotes a header value ({@code %XX} sequences as UTF-8; {@code +} stays {@code +}).
     *
     * @param s the value
     * @return the unquoted value, or {@code s} itself when it is not valid quoting
     */
    public static String unquote(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    @Override
    public String toString() {
        Map<String, Object> redacted = new LinkedHashMap<>();
        values.forEach((k, v) -> redacted.put(k, k.equalsIgnoreCase("X-Auth-Token")
                || k.equalsIgnoreCase("X-Storage-Token") ? "<redacted>" : v));
        return redacted.toString();
    }
}
