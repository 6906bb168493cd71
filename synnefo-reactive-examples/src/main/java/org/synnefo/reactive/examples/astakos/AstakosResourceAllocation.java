package org.synnefo.reactive.examples.astakos;

import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import reactor.core.publisher.Mono;

/** kamaki's astakos-resource-allocation: reserve a floating IP charged to a given project. */
public final class AstakosResourceAllocation implements Example {

    /** @param args {@code [--auth-url URL --token TOKEN] [--project ID|NAME]} */
    public static void main(String[] args) {
        Examples.main(new AstakosResourceAllocation(), args);
    }

    @Override
    public String name() {
        return "astakos-resource-allocation";
    }

    @Override
    public String description() {
        return "Reserve an IP in a given project";
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        return ctx.project()
                .flatMap(project -> ctx.network().reserveFloatingIp(null, null, project))
                .doOnNext(ip -> ctx.out().println("A new IP " + ip.floatingIpAddress()
                        + " is reserved for you (project " + ip.projectId() + ")"))
                .then();
    }
}
