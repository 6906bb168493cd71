package org.synnefo.reactive.cyclades.compute;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * A server's addresses and NICs ({@code GET /servers/<id>/ips}).
 *
 * @param addresses the addresses by network id
 * @param nics the NICs
 * @param raw the JSON object as received
 */
public record ServerNetworks(Map<String, List<ServerAddress>> addresses, List<ServerNic> nics, JsonNode raw) {

    /**
     * @param n the response ({@code {"addresses": ..., "attachments": ...}}) or {@code {"network": ...}}
     * @return the parsed value
     */
    public static ServerNetworks fromJson(JsonNode n) {
        JsonNode addr = n.has("addresses") ? n.path("addresses") : n.path("network");
        Map<String, List<ServerAddress>> m = new LinkedHashMap<>();
        if (addr.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = addr.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), Json.list(e.getValue(), ServerAddress::fromJson));
            }
        }
        return new ServerNetworks(Collections.unmodifiableMap(m), Json.list(n.path("attachments"), ServerNic::fromJson),
                n);
    }
}
