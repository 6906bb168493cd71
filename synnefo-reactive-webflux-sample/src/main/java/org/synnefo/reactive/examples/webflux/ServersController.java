package org.synnefo.reactive.examples.webflux;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.synnefo.reactive.astakos.AstakosClient;
import org.synnefo.reactive.astakos.Quota;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.cyclades.compute.CycladesComputeClient;
import org.synnefo.reactive.cyclades.compute.Server;
import org.synnefo.reactive.cyclades.network.CycladesNetworkClient;
import org.synnefo.reactive.cyclades.network.FixedIp;
import org.synnefo.reactive.cyclades.network.Port;
import reactor.core.publisher.Mono;

/**
 * {@code GET /servers/{id}/summary}: the server's details, its ports and my quotas are three independent
 * calls, so they are made at once ({@code Mono.zip}) and joined when the last one answers; no thread
 * waits for any of them.
 */
@RestController
public class ServersController {

    /** The resources a server draws on. */
    static final List<String> SERVER_RESOURCES = List.of("cyclades.vm", "cyclades.cpu", "cyclades.ram",
            "cyclades.disk");

    private final CycladesComputeClient compute;
    private final CycladesNetworkClient network;
    private final AstakosClient astakos;

    /**
     * @param compute the compute client
     * @param network the network client
     * @param astakos the Astakos client
     */
    public ServersController(CycladesComputeClient compute, CycladesNetworkClient network, AstakosClient astakos) {
        this.compute = compute;
        this.network = network;
        this.astakos = astakos;
    }

    /**
     * @param id the server id
     * @return the summary; 404 when there is no such server
     */
    @GetMapping("/servers/{id}/summary")
    public Mono<ServerSummary> summary(@PathVariable String id) {
        return Mono.zip(compute.getServerDetails(id),
                        network.listPorts().filter(p -> id.equals(p.deviceId())).collectList(),
                        astakos.getQuotas())
                .map(t -> summarize(t.getT1(), t.getT2(), t.getT3().getOrDefault(t.getT1().projectId(), Map.of())));
    }

    static ServerSummary summarize(Server s, List<Port> ports, Map<String, Quota> quotas) {
        Map<String, ServerSummary.Usage> usage = new LinkedHashMap<>();
        for (String r : SERVER_RESOURCES) {
            Quota q = quotas.get(r);
            if (q != null) {
                usage.put(r, new ServerSummary.Usage(q.usage(), q.limit()));
            }
        }
        return new ServerSummary(s.id(), s.name(), s.status().value(), s.flavorId(), s.projectId(),
                ports.stream().map(p -> new ServerSummary.PortSummary(p.id(), p.networkId(),
                        p.status() == null ? null : p.status().value(),
                        p.fixedIps().stream().map(FixedIp::ipAddress).toList())).toList(),
                usage);
    }

    /**
     * @param e the cloud's 404
     * @return a 404 problem
     */
    @ExceptionHandler(NotFoundException.class)
    public ProblemDetail notFound(NotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.faultMessage());
    }
}
