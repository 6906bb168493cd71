package org.synnefo.reactive.astakos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import org.synnefo.reactive.astakos.internal.AstakosJson;

/**
 * The authenticated user, from {@code access.user} plus the default project from
 * {@code access.token.tenant}.
 *
 * @param uuid the user's uuid ({@code access.user.id})
 * @param name the user's real name ({@code access.user.name})
 * @param roles the user's roles
 * @param projects the uuids of the projects the user is an accepted member of
 * @param defaultProject the default project ({@code access.token.tenant.id}): the user's system project,
 *        whose uuid equals the user's unless changed; empty when the server did not send one
 * @param raw the {@code access.user} object as received
 */
public record UserInfo(String uuid, String name, List<Role> roles, List<String> projects, String defaultProject,
        JsonNode raw) {

    /** Copies the lists. */
    public UserInfo {
        uuid = uuid == null ? "" : uuid;
        name = name == null ? "" : name;
        roles = roles == null ? List.of() : List.copyOf(roles);
        projects = projects == null ? List.of() : List.copyOf(projects);
        defaultProject = defaultProject == null ? "" : defaultProject;
        raw = raw == null ? MissingNode.getInstance() : raw;
    }

    /**
     * @param access the {@code access} object of an authentication response
     * @return the user
     */
    public static UserInfo fromAccess(JsonNode access) {
        JsonNode user = access.path("user");
        List<Role> roles = new ArrayList<>();
        for (JsonNode r : user.path("roles")) {
            roles.add(Role.fromJson(r));
        }
        return new UserInfo(AstakosJson.text(user, "id"), AstakosJson.text(user, "name"), roles,
                AstakosJson.textList(user.get("projects")),
                AstakosJson.text(access.path("token").path("tenant"), "id"), user);
    }
}
