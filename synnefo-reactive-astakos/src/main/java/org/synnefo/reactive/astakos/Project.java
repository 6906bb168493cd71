package org.synnefo.reactive.astakos;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.synnefo.reactive.astakos.internal.AstakosJson;

/**
 * A project: a pool of resources granted to its members for a period.
 *
 * @param id the project uuid (a user's system project has the user's uuid)
 * @param state the project state
 * @param creationDate when it was created, or {@code null}
 * @param name the project name (domain-like, e.g. {@code myproject.example.org})
 * @param owner the owner's uuid, or {@code null} for system projects
 * @param homepage the homepage, possibly empty
 * @param description the description, possibly empty
 * @param endDate when the project ends, or {@code null}
 * @param joinPolicy how members join, or {@code null}
 * @param leavePolicy how members leave, or {@code null}
 * @param maxMembers the member limit
 * @param isPrivate whether the project is private (hidden from non-members)
 * @param systemProject whether this is a user's system (base) project
 * @param resources what the project grants, per resource
 * @param lastApplication the last application, shown only to the owner, applicant and administrators
 * @param deactivationDate when the project was last deactivated, shown only to the same people
 * @param raw the object as received
 */
public record Project(String id, ProjectState state, Instant creationDate, String name, String owner,
        String homepage, String description, Instant endDate, MembershipPolicy joinPolicy,
        MembershipPolicy leavePolicy, long maxMembers, boolean isPrivate, boolean systemProject,
        Map<String, ResourceCapacity> resources, Optional<ProjectApplicationDetails> lastApplication,
        Optional<Instant> deactivationDate, JsonNode raw) {

    /**
     * @param node a project object
     * @return the project
     */
    public static Project fromJson(JsonNode node) {
        JsonNode app = node.get("last_application");
        // The docs call it system_project, the server code base_project: accept both.
        boolean system = AstakosJson.bool(node, "system_project") || AstakosJson.bool(node, "base_project");
        return new Project(AstakosJson.text(node, "id", ""), ProjectState.of(AstakosJson.text(node, "state", "")),
                AstakosJson.instant(node, "creation_date"), AstakosJson.text(node, "name", ""),
                AstakosJson.text(node, "owner"), AstakosJson.text(node, "homepage", ""),
                AstakosJson.text(node, "description", ""), AstakosJson.instant(node, "end_date"),
                MembershipPolicy.of(AstakosJson.text(node, "join_policy")),
                MembershipPolicy.of(AstakosJson.text(node, "leave_policy")), AstakosJson.longValue(node, "max_members"),
                AstakosJson.bool(node, "private"), system,
                AstakosJson.map(node.get("resources"), ResourceCapacity::fromJson),
                app == null || !app.isObject() ? Optional.empty()
                        : Optional.of(ProjectApplicationDetails.fromJson(app)),
                Optional.ofNullable(AstakosJson.instant(node, "deactivation_date")), node);
    }
}
