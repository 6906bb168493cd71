package org.synnefo.reactive.astakos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.synnefo.reactive.astakos.internal.AstakosJson;

/**
 * One line of a commission: take {@code quantity} of {@code resource} for {@code holder} from
 * {@code source} (a negative quantity releases).
 *
 * @param holder {@code user:<uuid>} or {@code project:<uuid>}
 * @param source {@code project:<uuid>}, or {@code null} for a project holder
 * @param resource the resource name
 * @param quantity the amount
 */
public record Provision(String holder, String source, String resource, long quantity) {

    /** Validates. */
    public Provision {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(resource, "resource");
    }

    /**
     * A user's provision from a project, as a service charges it.
     *
     * @param userUuid the user
     * @param projectId the project the user takes from
     * @param resource the resource
     * @param quantity the amount
     * @return the provision
     */
    public static Provision forUser(String userUuid, String projectId, String resource, long quantity) {
        return new Provision("user:" + userUuid, "project:" + projectId, resource, quantity);
    }

    /**
     * The project-side provision that pairs with a user provision (Astakos charges both).
     *
     * @param projectId the project
     * @param resource the resource
     * @param quantity the amount
     * @return the provision
     */
    public static Provision forProject(String projectId, String resource, long quantity) {
        return new Provision("project:" + projectId, null, resource, quantity);
    }

    /**
     * @param node a provision object
     * @return the provision
     */
    public static Provision fromJson(JsonNode node) {
        return new Provision(AstakosJson.text(node, "holder", ""), AstakosJson.text(node, "source"),
                AstakosJson.text(node, "resource", ""), AstakosJson.longValue(node, "quantity"));
    }

    /** @return the wire form; {@code source} is sent as JSON null when absent */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("holder", holder);
        m.put("source", source);
        m.put("resource", resource);
        m.put("quantity", quantity);
        return m;
    }
}
