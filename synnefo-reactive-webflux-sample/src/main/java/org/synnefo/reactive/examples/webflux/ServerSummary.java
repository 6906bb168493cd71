package org.synnefo.reactive.examples.webflux;

import java.util.List;
import java.util.Map;

/**
 * What {@code GET /servers/{id}/summary} answers: the server, its ports, and how much of its project's
 * server-related quota is used.
 *
 * @param id the server id
 * @param name the server name
 * @param status the server status ({@code ACTIVE}, {@code BUILD}...)
 * @param flavorId the flavor
 * @param projectId the project the server is charged to
 * @param ports the server's ports with their addresses
 * @param projectQuota usage and limit of each server-related resource in that project, for me
 */
public record ServerSummary(String id, String name, String status, String flavorId, String projectId,
        List<PortSummary> ports, Map<String, Usage> projectQuota) {

    /**
     * One port.
     *
     * @param id the port id
     * @param networkId the network it is on
     * @param status its status
     * @param addresses its IP addresses
     */
    public record PortSummary(String id, String networkId, String status, List<String> addresses) {
    }

    /**
     * Usage against limit.
     *
     * @param usage what I use
     * @param limit what I may use
     */
    public record Usage(long usage, long limit) {
    }
}
