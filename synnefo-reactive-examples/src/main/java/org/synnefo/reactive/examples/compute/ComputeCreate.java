package org.synnefo.reactive.examples.compute;

import java.util.List;
import org.synnefo.reactive.cyclades.compute.Server;
import org.synnefo.reactive.cyclades.compute.ServerCreateRequest;
import org.synnefo.reactive.cyclades.compute.ServerNetwork;
import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import org.synnefo.reactive.examples.TourNames;
import reactor.core.publisher.Mono;

/**
 * kamaki's compute-create: a public server, on a floating IP I reserved, and a private server without any
 * networking ({@code networks: []}), both charged to my project. Neither is waited for here.
 */
public final class ComputeCreate implements Example {

    /** @param args {@code [--auth-url URL --token TOKEN] [--project ID|NAME]} */
    public static void main(String[] args) {
        Examples.main(new ComputeCreate(), args);
    }

    @Override
    public String name() {
        return "compute-create";
    }

    @Override
    public String description() {
        return "Create a public and a private server";
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        return Mono.zip(ctx.smallFlavor(), ctx.debianImage(), ctx.project(), ctx.unusedOrNewFloatingIp())
                .flatMap(t -> {
                    String flavor = t.getT1().id();
                    String image = t.getT2().id();
                    String project = t.getT3();
                    String ip = t.getT4().floatingIpAddress();
                    ServerCreateRequest publicServer = ServerCreateRequest.builder(TourNames.PUBLIC_SERVER, flavor, image)
                            .networks(List.of(ServerNetwork.network(t.getT4().floatingNetworkId(), ip)))
                            .project(project).build();
                    ServerCreateRequest privateServer = ServerCreateRequest.builder(TourNames.PRIVATE_SERVER, flavor,
                            image).noNetwork().project(project).build();
                    ctx.out().println("Flavor " + t.getT1().name() + ", image " + t.getT2().name() + ", project "
                            + project);
                    // one after the other, so that the output reads in order
                    return ctx.compute().createServer(publicServer)
                            .doOnNext(s -> print(ctx, s, "with IP " + ip))
                            .then(ctx.compute().createServer(privateServer))
                            .doOnNext(s -> print(ctx, s, "without networking"));
                })
                .then();
    }

    private static void print(ExampleContext ctx, Server s, String networking) {
        ctx.out().println("Created " + s.name() + " (id " + s.id() + ", " + s.status() + ") " + networking);
    }
}
