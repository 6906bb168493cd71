package org.synnefo.reactive.cyclades.network;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * A range of addresses a subnet allocates from.
 *
 * @param start first address
 * @param end last address
 */
public record AllocationPool(String start, String end) {

    /** Rejects nulls. */
    public AllocationPool {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /**
     * @param n a pool object
     * @return the pool
     */
    public static AllocationPool fromJson(JsonNode n) {
        return new AllocationPool(Json.text(n, "start", ""), Json.text(n, "end", ""));
    }
}
