package org.synnefo.reactive.astakos;

import com.fasterxml.jackson.databind.JsonNode;
import org.synnefo.reactive.astakos.internal.AstakosJson;

/**
 * A project's own quota of one resource, as {@code /service_project_quotas} lists it.
 *
 * @param projectUsage the usage of all members together
 * @param projectLimit the project's limit
 * @param projectPending the project's pending amount
 */
public record ProjectQuota(long projectUsage, long projectLimit, long projectPending) {

    /**
     * @param node {@code {"project_usage", "project_limit", "project_pending"}}
     * @return the quota; absent figures are 0
     */
    public static ProjectQuota fromJson(JsonNode node) {
        return new ProjectQuota(AstakosJson.longValue(node, "project_usage"),
                AstakosJson.longValue(node, "project_limit"), AstakosJson.longValue(node, "project_pending"));
    }
}
