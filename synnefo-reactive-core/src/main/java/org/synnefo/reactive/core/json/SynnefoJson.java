package org.synnefo.reactive.core.json;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import org.synnefo.reactive.core.SynnefoException;

/**
 * The library's one configured Jackson {@link ObjectMapper}: unknown fields ignored (a new server field
 * never breaks parsing), java.time supported, dates written as ISO-8601 text.
 */
public final class SynnefoJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE, false)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);

    private SynnefoJson() {
    }

    /** @return the shared mapper; do not reconfigure it */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * @param bytes JSON bytes
     * @return the tree, or {@code MissingNode} for an empty body
     * @throws SynnefoException when the bytes are not JSON
     */
    public static JsonNode readTree(byte[] bytes) {
        if (bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode n = MAPPER.readTree(bytes);
            return n == null ? MissingNode.getInstance() : n;
        } catch (IOException e) {
            throw new SynnefoException("response is not valid JSON: " + e.getMessage(), e, false);
        }
    }

    /**
     * @param bytes JSON bytes
     * @param type target type
     * @param <T> the type
     * @return the decoded value
     */
    public static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new SynnefoException("cannot decode response as " + type.getSimpleName() + ": " + e.getMessage(), e,
                    false);
        }
    }

    /**
     * @param bytes JSON bytes
     * @param type target type
     * @param <T> the type
     * @return the decoded value
     */
    public static <T> T read(byte[] bytes, TypeReference<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new SynnefoException("cannot decode response: " + e.getMessage(), e, false);
        }
    }

    /**
     * @param node a tree
     * @param type target type
     * @param <T> the type
     * @return the decoded value
     */
    public static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (IOException e) {
            throw new SynnefoException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e, false);
        }
    }

    /**
     * @param value a value
     * @return its JSON bytes
     */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new SynnefoException("cannot encode request body: " + e.getMessage(), e, false);
        }
    }
}
