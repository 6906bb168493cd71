package org.synnefo.reactive.astakos;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synnefo.reactive.astakos.internal.AstakosJson;

/**
 * A user's membership of a project.
 *
 * @param id the membership id, for the membership actions
 * @param user the member's uuid
 * @param project the project uuid
 * @param state the membership state
 * @param allowedActions the actions the caller may take on it now (e.g. {@code accept}, {@code reject},
 *        {@code cancel}, {@code leave}, {@code remove})
 * @param stateDates when each state was reached, keyed by state name (the server sends one date field per
 *        state reached)
 * @param raw the object as received
 */
public record Membership(long id, String user, String project, MembershipState state, List<String> allowedActions,
        Map<String, Instant> stateDates, JsonNode raw) {

    private static final List<String> KNOWN = List.of("id", "user", "project", "state", "allowed_actions");

    /**
     * @param node a membership object
     * @return the membership
     */
    public static Membership fromJson(JsonNode node) {
        Map<String, Instant> dates = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!KNOWN.contains(f.getKey()) && f.getValue().isTextual()) {
                Instant at = AstakosJson.parseInstant(f.getValue().asText());
                if (at != null) {
                    dates.put(f.getKey(), at);
                }
            }
        }
        return new Membership(AstakosJson.longValue(node, "id"), AstakosJson.text(node, "user", ""),
                AstakosJson.text(node, "project", ""), MembershipState.of(AstakosJson.text(node, "state", "")),
                AstakosJson.textList(node.get("allowed_actions")), Collections.unmodifiableMap(dates), node);
    }
}
