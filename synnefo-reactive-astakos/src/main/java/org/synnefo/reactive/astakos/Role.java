package org.synnefo.reactive.astakos;

import com.fasterxml.jackson.databind.JsonNode;
import org.synnefo.reactive.astakos.internal.AstakosJson;

/**
 * A role of a user, as listed by authentication ({@code access.user.roles[]}).
 *
 * @param id the role id (a string on the wire, although the docs show a number)
 * @param name the role name, e.g. {@code default}
 */
public record Role(String id, String name) {

    /**
     * @param node one element of {@code roles}
     * @return the role
     */
    public static Role fromJson(JsonNode node) {
        return new Role(AstakosJson.text(node, "id", ""), AstakosJson.text(node, "name", ""));
    }
}
