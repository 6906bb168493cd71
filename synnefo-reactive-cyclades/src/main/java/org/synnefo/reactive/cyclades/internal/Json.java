package org.synnefo.reactive.cyclades.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Tolerant readers of Synnefo JSON: a missing field, a JSON null or a value of an unexpected type gives
 * {@code null} (or an empty collection) instead of an exception, because Synnefo's own responses differ
 * between list and detail views and between versions. Not API.
 */
public final class Json {

    private static final DateTimeFormatter PLANKTON_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

    private Json() {
    }

    /** @return a new empty object node */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** @return a new empty array node */
    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** @return {@code node.path(field)}, never null */
    public static JsonNode path(JsonNode node, String field) {
        return node == null ? MissingNode.getInstance() : node.path(field);
    }

    /** A value node as text (numbers too: ids are ints for servers, strings for networks); else null. */
    public static String text(JsonNode node, String field) {
        JsonNode v = path(node, field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    /** Text, or {@code fallback} when absent. */
    public static String text(JsonNode node, String field, String fallback) {
        String v = text(node, field);
        return v == null ? fallback : v;
    }

    /** An integer (also from numeric text); null when absent or not a number. */
    public static Integer integer(JsonNode node, String field) {
        Long l = longValue(node, field);
        return l == null ? null : (int) (long) l;
    }

    /** A long (also from numeric text); null when absent or not a number. */
    public static Long longValue(JsonNode node, String field) {
        JsonNode v = path(node, field);
        if (v.isNumber()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            String s = v.asText().trim();
            if (s.endsWith("%")) {
                s = s.substring(0, s.length() - 1);
            }
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A boolean (also from {@code "true"/"True"} text); null when absent. */
    public static Boolean bool(JsonNode node, String field) {
        JsonNode v = path(node, field);
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual()) {
            String s = v.asText().trim();
            if (s.equalsIgnoreCase("true")) {
                return true;
            }
            if (s.equalsIgnoreCase("false")) {
                return false;
            }
        }
        if (v.isNumber()) {
            return v.asInt() != 0;
        }
        return null;
    }

    /** A boolean with a default. */
    public static boolean bool(JsonNode node, String field, boolean fallback) {
        Boolean b = bool(node, field);
        return b == null ? fallback : b;
    }

    /** A timestamp in any of Synnefo's formats (ISO-8601 with or without offset, Plankton's space form). */
    public static Instant instant(JsonNode node, String field) {
        return parseInstant(text(node, field));
    }

    /**
     * Parses Synnefo timestamps: {@code 2013-01-01T00:00:00.000000+00:00}, {@code ...Z}, a zone-less ISO
     * time (taken as UTC) or Plankton's {@code 2013-01-01 00:00:00}.
     *
     * @param s the text, possibly null or empty
     * @return the instant, or null when absent or unparsable
     */
    public static Instant parseInstant(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next format
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try the next format
        }
        try {
            return LocalDateTime.parse(t, PLANKTON_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    /** An object of scalar values as an ordered, unmodifiable string map. */
    public static Map<String, String> stringMap(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        Map<String, String> m = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            m.put(e.getKey(), v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString());
        }
        return Collections.unmodifiableMap(m);
    }

    /** An array of scalars as strings (numbers included); empty when absent. */
    public static List<String> stringList(JsonNode node) {
        if (node == null || !node.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (n.isValueNode() && !n.isNull()) {
                out.add(n.asText());
            }
        }
        return List.copyOf(out);
    }

    /** Maps every element of an array; empty when absent. */
    public static <T> List<T> list(JsonNode node, Function<JsonNode, T> parser) {
        if (node == null || !node.isArray()) {
            return List.of();
        }
        List<T> out = new ArrayList<>(node.size());
        for (JsonNode n : node) {
            out.add(parser.apply(n));
        }
        return List.copyOf(out);
    }

    /** A string map as a JSON object. */
    public static ObjectNode toObject(Map<String, String> map) {
        ObjectNode o = object();
        map.forEach(o::put);
        return o;
    }

    /**
     * The wire form of an id: Synnefo wants integers for servers, flavors, NICs and volumes in request
     * bodies, while the Java API carries every id as text.
     *
     * @param id the id
     * @param into the object to write into
     * @param field the field name
     */
    public static void putId(ObjectNode into, String field, String id) {
        if (id == null) {
            return;
        }
        if (id.length() < 18 && id.chars().allMatch(Character::isDigit) && !id.isEmpty()) {
            into.put(field, Long.parseLong(id));
        } else {
            into.put(field, id);
        }
    }

    /** A copy of a JSON value with every entry of {@code patch} merged in (for builders). */
    public static Map<String, String> copy(Map<String, String> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
