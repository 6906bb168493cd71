package org.synnefo.reactive.astakos;

import com.fasterxml.jackson.databind.JsonNode;
import org.synnefo.reactive.astakos.internal.AstakosJson;

/**
 * The answer to a project creation or modification: the project and the application that now waits for
 * approval.
 *
 * @param projectId the project uuid
 * @param applicationId the application id, for {@link AstakosClient#approveApplication} and the other
 *        application actions
 */
public record ProjectCreated(String projectId, long applicationId) {

    /**
     * @param node {@code {"id": "<uuid>", "application": <id>}}
     * @return the result
     */
    public static ProjectCreated fromJson(JsonNode node) {
        return new ProjectCreated(AstakosJson.text(node, "id", ""), AstakosJson.longValue(node, "application"));
    }
}
