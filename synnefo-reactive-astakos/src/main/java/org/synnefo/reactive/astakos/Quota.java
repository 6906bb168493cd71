package org.synnefo.reactive.astakos;

import com.fasterxml.jackson.databind.JsonNode;
import org.synnefo.reactive.astakos.internal.AstakosJson;

/**
 * A user's quota of one resource in one project: the member figures (what this user uses of the project)
 * and the project figures (what all members together use). Byte resources ({@code cyclades.ram},
 * {@code cyclades.disk}, {@code pithos.diskspace}) are in bytes.
 *
 * @param usage the user's usage in the project
 * @param limit the user's (member) limit in the project
 * @param pending the user's pending amount (issued, unresolved commissions)
 * @param projectUsage the usage of all members together
 * @param projectLimit the project's limit
 * @param projectPending the project's pending amount
 */
public record Quota(long usage, long limit, long pending, long projectUsage, long projectLimit,
        long projectPending) {

    /**
     * @param node {@code {"usage", "limit", "pending", "project_usage", "project_limit", "project_pending"}}
     * @return the quota; absent figures are 0
     */
    public static Quota fromJson(JsonNode node) {
        return new Quota(AstakosJson.longValue(node, "usage"), AstakosJson.longValue(node, "limit"),
                AstakosJson.longValue(node, "pending"), AstakosJson.longValue(node, "project_usage"),
                AstakosJson.longValue(node, "project_limit"), AstakosJson.longValue(node, "project_pending"));
    }

    /**
     * What this user may really use: the member limit, capped by what the other members leave of the
     * project limit ({@code min(limit, project_limit - (project_usage - usage))}, as Astakos computes it).
     *
     * @return the effective limit
     */
    public long effectiveLimit() {
        return Math.min(limit, projectLimit - (projectUsage - usage));
    }

    /**
     * @return how much more this user may take now: the effective limit minus usage and pending, never
     *         negative
     */
    public long available() {
        return Math.max(0L, effectiveLimit() - usage - pending);
    }
}
