package org.synnefo.reactive.astakos.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Tolerant readers for Astakos JSON: a missing field, a {@code null}, or a number sent as a string never
 * makes parsing fail; callers get {@code null}, zero or an empty collection instead.
 */
public final class AstakosJson {

    private AstakosJson() {
    }

    /**
     * @param node an object
     * @param field a field name
     * @return the field as text, or {@code null} when absent or null
     */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /**
     * @param node an object
     * @param field a field name
     * @param fallback the value when absent
     * @return the field as text
     */
    public static String text(JsonNode node, String field, String fallback) {
        String t = text(node, field);
        return t == null ? fallback : t;
    }

    /**
     * Reads an integer that Synnefo may send as a number, a numeric string or a float (quota figures can be
     * large integers, e.g. bytes).
     *
     * @param node an object
     * @param field a field name
     * @return the value, 0 when absent or not numeric
     */
    public static long longValue(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return 0L;
        }
        if (v.isNumber()) {
            return v.isIntegralNumber() && v.canConvertToLong() ? v.longValue() : (long) v.doubleValue();
        }
        try {
            return Long.parseLong(v.asText().trim());
        } catch (NumberFormatException e) {
            return 0L;
        }
    }

    /**
     * @param node an object
     * @param field a field name
     * @return the boolean (also accepting {@code "true"}/{@code "false"} strings), false when absent
     */
    public static boolean bool(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return "true".equalsIgnoreCase(v.asText().trim()) || (v.isNumber() && v.asLong() != 0);
    }

    /**
     * Parses a Synnefo date: ISO-8601 with an offset ({@code 2013-06-19T15:23:59.975572+00:00}), or
     * without one, which Synnefo means as UTC.
     *
     * @param node an object
     * @param field a field name
     * @return the instant, or {@code null} when absent or unparsable (the raw JSON keeps the text)
     */
    public static Instant instant(JsonNode node, String field) {
        String s = text(node, field);
        if (s == null || s.isBlank()) {
            return null;
        }
        return parseInstant(s.trim());
    }

    /**
     * @param s a date text
     * @return the instant, or {@code null} when unparsable
     */
    public static Instant parseInstant(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // Synnefo sometimes serialises naive datetimes; they are UTC.
        }
        try {
            return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * @param node an array (or anything else, giving an empty list)
     * @return the elements as text
     */
    public static List<String> textList(JsonNode node) {
        if (node == null || !node.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(node.size());
        for (JsonNode e : node) {
            if (!e.isNull()) {
                out.add(e.isValueNode() ? e.asText() : e.toString());
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Maps each field of an object, keeping the server's order.
     *
     * @param node an object (or anything else, giving an empty map)
     * @param value maps a field's value
     * @param <V> the value type
     * @return an unmodifiable, ordered map
     */
    public static <V> Map<String, V> map(JsonNode node, Function<JsonNode, V> value) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        Map<String, V> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            out.put(f.getKey(), value.apply(f.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }
}
