package org.synnefo.reactive.cyclades.compute;

import com.fasterxml.jackson.databind.JsonNode;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * One address of a server on one network (an entry of {@code addresses[<network id>]}).
 *
 * @param version 4 or 6
 * @param addr the address
 * @param ipType {@code fixed} or {@code floating}
 * @param raw the JSON object as received
 */
public record ServerAddress(int version, String addr, String ipType, JsonNode raw) {

    /**
     * @param n an address object
     * @return the address
     */
    public static ServerAddress fromJson(JsonNode n) {
        Integer v = Json.integer(n, "version");
        return new ServerAddress(v == null ? 0 : v, Json.text(n, "addr"), Json.text(n, "OS-EXT-IPS:type"), n);
    }
}
