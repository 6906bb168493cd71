package org.synnefo.reactive.astakos;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.synnefo.reactive.astakos.internal.AstakosJson;

/**
 * A project application as the server reports it ({@code last_application} of a project, shown to its
 * owner, applicant and administrators).
 *
 * @param id the application id, used by the application actions
 * @param state the application state
 * @param name the project name applied for
 * @param owner the owner's uuid, possibly {@code null}
 * @param applicant the applicant's uuid
 * @param homepage the homepage, possibly empty
 * @param description the description, possibly empty
 * @param startDate the start date, or {@code null}
 * @param endDate the end date, or {@code null}
 * @param comments the comments, possibly empty
 * @param joinPolicy the join policy, or {@code null}
 * @param leavePolicy the leave policy, or {@code null}
 * @param maxMembers the member limit
 * @param isPrivate whether the project is private
 * @param resources the resources applied for
 * @param raw the object as received
 */
public record ProjectApplicationDetails(long id, ProjectApplicationState state, String name, String owner,
        String applicant, String homepage, String description, Instant startDate, Instant endDate, String comments,
        MembershipPolicy joinPolicy, MembershipPolicy leavePolicy, long maxMembers, boolean isPrivate,
        Map<String, ResourceCapacity> resources, JsonNode raw) {

    /**
     * @param node the application object
     * @return the application
     */
    public static ProjectApplicationDetails fromJson(JsonNode node) {
        return new ProjectApplicationDetails(AstakosJson.longValue(node, "id"),
                ProjectApplicationState.of(AstakosJson.text(node, "state", "")), AstakosJson.text(node, "name", ""),
                AstakosJson.text(node, "owner"), AstakosJson.text(node, "applicant", ""),
                AstakosJson.text(node, "homepage", ""), AstakosJson.text(node, "description", ""),
                AstakosJson.instant(node, "start_date"), AstakosJson.instant(node, "end_date"),
                AstakosJson.text(node, "comments", ""), MembershipPolicy.of(AstakosJson.text(node, "join_policy")),
                MembershipPolicy.of(AstakosJson.text(node, "leave_policy")), AstakosJson.longValue(node, "max_members"),
                AstakosJson.bool(node, "private"), AstakosJson.map(node.get("resources"), ResourceCapacity::fromJson),
                node);
    }
}
