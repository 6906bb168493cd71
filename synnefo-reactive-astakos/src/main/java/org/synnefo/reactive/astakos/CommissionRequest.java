package org.synnefo.reactive.astakos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A commission to issue ({@code POST /account/v1.0/commissions}, component token).
 *
 * @param name a free-form name, possibly empty
 * @param force whether to ignore limits
 * @param autoAccept whether to accept at once instead of leaving the commission pending
 * @param provisions the provisions
 */
public record CommissionRequest(String name, boolean force, boolean autoAccept, List<Provision> provisions) {

    /** Validates and copies. */
    public CommissionRequest {
        name = name == null ? "" : name;
        provisions = List.copyOf(Objects.requireNonNull(provisions, "provisions"));
    }

    /**
     * A commission that charges one user's use of resources in a project: each user provision is paired
     * with the project provision of the same quantity, as Astakos clients do.
     *
     * @param name the commission name
     * @param userUuid the user
     * @param projectId the project
     * @param quantities resource to quantity
     * @return the request (not forced, not auto-accepted)
     */
    public static CommissionRequest forUser(String name, String userUuid, String projectId,
            Map<String, Long> quantities) {
        List<Provision> p = new ArrayList<>();
        quantities.forEach((resource, q) -> {
            p.add(Provision.forUser(userUuid, projectId, resource, q));
            p.add(Provision.forProject(projectId, resource, q));
        });
        return new CommissionRequest(name, false, false, p);
    }

    /** @param value whether to ignore limits @return a copy */
    public CommissionRequest withForce(boolean value) {
        return new CommissionRequest(name, value, autoAccept, provisions);
    }

    /** @param value whether to accept at once @return a copy */
    public CommissionRequest withAutoAccept(boolean value) {
        return new CommissionRequest(name, force, value, provisions);
    }

    /** @return the request body */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("force", force);
        m.put("auto_accept", autoAccept);
        m.put("name", name);
        m.put("provisions", provisions.stream().map(Provision::toJson).toList());
        return m;
    }
}
