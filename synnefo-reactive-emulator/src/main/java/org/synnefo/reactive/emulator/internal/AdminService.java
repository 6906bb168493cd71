package org.synnefo.reactive.emulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * The emulator's own admin API under {@link Endpoints#EMULATOR_ADMIN}, off unless enabled:
 * {@code GET /_emulator/faults} lists the fault rules with their counters, {@code POST} adds one (JSON,
 * see {@link FaultInjector#fromJson}; 201 with the stored rule), {@code DELETE} removes all (204), and
 * {@code DELETE /_emulator/faults/<id>} removes one (204, or 404).
 */
public final class AdminService implements ServiceHandler {

    private final FaultInjector faults;

    public AdminService(FaultInjector faults) {
        this.faults = faults;
    }

    @Override
    public String prefix() {
        return Endpoints.EMULATOR_ADMIN;
    }

    @Override
    public Publisher<Void> handle(Exchange exchange) {
        List<String> seg = exchange.segments();
        if (seg.isEmpty() || !seg.get(0).equals("faults") || seg.size() > 2) {
            throw EmulatorFault.notFound("Not found");
        }
        String method = exchange.method();
        if (seg.size() == 2) {
            if (!method.equals("DELETE")) {
                throw EmulatorFault.notAllowed("DELETE");
            }
            if (!faults.remove(seg.get(1))) {
                throw EmulatorFault.notFound("No fault rule " + seg.get(1));
            }
            return exchange.empty(204);
        }
        switch (method) {
            case "GET" -> {
                ArrayNode list = Json.array();
                faults.rules().forEach(r -> list.add(FaultInjector.toJson(r)));
                return exchange.json(200, list);
            }
            case "POST" -> {
                return exchange.jsonBody().flatMap(node -> {
                    var rule = FaultInjector.fromJson(node);
                    try {
                        rule = faults.add(rule);
                    } catch (IllegalArgumentException e) {
                        return Mono.error(EmulatorFault.conflict(e.getMessage()));
                    }
                    return Mono.from(exchange.json(201, FaultInjector.toJson(new FaultInjector.RuleStatus(rule, 0, 0))));
                });
            }
            case "DELETE" -> {
                faults.clear();
                return exchange.empty(204);
            }
            default -> throw EmulatorFault.notAllowed("GET", "POST", "DELETE");
        }
    }
}
