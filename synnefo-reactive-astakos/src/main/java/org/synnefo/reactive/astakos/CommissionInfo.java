package org.synnefo.reactive.astakos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.synnefo.reactive.astakos.internal.AstakosJson;

/**
 * A pending commission, as {@code GET /account/v1.0/commissions/<serial>} describes it.
 *
 * @param serial the serial
 * @param name the name given at issue time
 * @param issueTime when it was issued, as the server wrote it
 * @param provisions its provisions
 * @param raw the object as received
 */
public record CommissionInfo(long serial, String name, String issueTime, List<Provision> provisions,
        JsonNode raw) {

    /** Copies the list. */
    public CommissionInfo {
        provisions = List.copyOf(provisions);
    }

    /**
     * @param node the commission object
     * @return the commission
     */
    public static CommissionInfo fromJson(JsonNode node) {
        List<Provision> p = new ArrayList<>();
        for (JsonNode e : node.path("provisions")) {
            p.add(Provision.fromJson(e));
        }
        return new CommissionInfo(AstakosJson.longValue(node, "serial"), AstakosJson.text(node, "name", ""),
                AstakosJson.text(node, "issue_time", ""), p, node);
    }
}
