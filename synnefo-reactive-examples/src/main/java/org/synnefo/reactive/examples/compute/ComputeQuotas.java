package org.synnefo.reactive.examples.compute;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.synnefo.reactive.astakos.Quota;
import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import reactor.core.publisher.Mono;

/** kamaki's compute-quotas: for each of my projects, whether each server-related resource has room left. */
public final class ComputeQuotas implements Example {

    /** The resources a server draws on, in kamaki's order. */
    static final List<String> RESOURCES = List.of("cyclades.vm", "cyclades.cpu", "cyclades.ram", "cyclades.disk",
            "cyclades.network.private", "cyclades.floating_ip");

    /** @param args {@code [--auth-url URL --token TOKEN]}; without them, runs on the embedded cloud */
    public static void main(String[] args) {
        Examples.main(new ComputeQuotas(), args);
    }

    @Override
    public String name() {
        return "compute-quotas";
    }

    @Override
    public String description() {
        return "Check server-related quotas";
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        return ctx.astakos().getQuotas()
                .doOnNext(all -> new TreeMap<>(all).forEach((project, quotas) -> {
                    ctx.out().println("Project " + project);
                    for (String r : RESOURCES) {
                        Quota q = quotas.get(r);
                        if (q != null) {
                            ctx.out().println(q.usage() < q.limit() ? "\t" + r + " ... OK" : "\t" + r + ": ... EXCEEDED");
                        }
                    }
                }))
                .then();
    }

    static boolean exceeded(Map<String, Quota> quotas, String resource) {
        Quota q = quotas.get(resource);
        return q != null && q.usage() >= q.limit();
    }
}
