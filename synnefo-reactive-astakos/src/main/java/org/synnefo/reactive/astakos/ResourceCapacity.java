package org.synnefo.reactive.astakos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.synnefo.reactive.astakos.internal.AstakosJson;

/**
 * What a project grants of one resource: the total for the project and the share of each member.
 *
 * @param projectCapacity the project-wide limit
 * @param memberCapacity the per-member limit
 */
public record ResourceCapacity(long projectCapacity, long memberCapacity) {

    /**
     * @param node {@code {"project_capacity", "member_capacity"}}
     * @return the capacity
     */
    public static ResourceCapacity fromJson(JsonNode node) {
        return new ResourceCapacity(AstakosJson.longValue(node, "project_capacity"),
                AstakosJson.longValue(node, "member_capacity"));
    }

    /** @return the wire form, {@code {"project_capacity": p, "member_capacity": m}} */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("project_capacity", projectCapacity);
        m.put("member_capacity", memberCapacity);
        return m;
    }
}
