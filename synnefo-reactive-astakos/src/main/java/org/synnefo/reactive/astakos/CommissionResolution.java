package org.synnefo.reactive.astakos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to resolving several commissions at once ({@code POST /commissions/action}).
 *
 * @param accepted the serials accepted
 * @param rejected the serials rejected
 * @param failed the serials that failed, each with its fault object (e.g. {@code {"itemNotFound": {...}}})
 * @param raw the body as received
 */
public record CommissionResolution(List<Long> accepted, List<Long> rejected, Map<Long, JsonNode> failed,
        JsonNode raw) {

    /** Copies. */
    public CommissionResolution {
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
        failed = Map.copyOf(failed);
    }

    /**
     * @param node {@code {"accepted": [...], "rejected": [...], "failed": [[serial, fault], ...]}}
     * @return the resolution
     */
    public static CommissionResolution fromJson(JsonNode node) {
        Map<Long, JsonNode> failed = new LinkedHashMap<>();
        for (JsonNode pair : node.path("failed")) {
            if (pair.isArray() && pair.size() >= 2) {
                failed.put(pair.get(0).asLong(), pair.get(1));
            }
        }
        return new CommissionResolution(serials(node.path("accepted")), serials(node.path("rejected")), failed,
                node);
    }

    static List<Long> serials(JsonNode array) {
        List<Long> out = new ArrayList<>();
        for (JsonNode e : array) {
            out.add(e.asLong());
        }
        return out;
    }
}
