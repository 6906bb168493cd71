package org.synnefo.reactive.cyclades.compute;

import com.fasterxml.jackson.databind.JsonNode;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * The URLs of a server's statistics graphs ({@code GET /servers/<id>/stats}).
 *
 * @param serverRef the server id
 * @param refresh suggested refresh interval in seconds, or {@code null}
 * @param cpuBar CPU bar graph URL
 * @param cpuTimeSeries CPU time series graph URL
 * @param netBar network bar graph URL
 * @param netTimeSeries network time series graph URL
 * @param raw the JSON object as received
 */
public record ServerStats(String serverRef, Integer refresh, String cpuBar, String cpuTimeSeries, String netBar,
        String netTimeSeries, JsonNode raw) {

    /**
     * @param n the content of {@code {"stats": ...}}
     * @return the stats
     */
    public static ServerStats fromJson(JsonNode n) {
        return new ServerStats(Json.text(n, "serverRef"), Json.integer(n, "refresh"), Json.text(n, "cpuBar"),
                Json.text(n, "cpuTimeSeries"), Json.text(n, "netBar"), Json.text(n, "netTimeSeries"), n);
    }
}
