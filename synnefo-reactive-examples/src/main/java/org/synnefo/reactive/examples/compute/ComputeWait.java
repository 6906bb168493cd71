package org.synnefo.reactive.examples.compute;

import org.synnefo.reactive.cyclades.compute.Server;
import org.synnefo.reactive.cyclades.compute.ServerCreateRequest;
import org.synnefo.reactive.cyclades.compute.ServerStatus;
import org.synnefo.reactive.core.waiter.WaiterTimeoutException;
import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import org.synnefo.reactive.examples.TourNames;
import reactor.core.publisher.Mono;

/**
 * kamaki's compute-wait: create a server with the cloud's default networking in my system project, watch it
 * build (every poll's status and progress is printed), then print its IP.
 */
public final class ComputeWait implements Example {

    /** @param args {@code [--auth-url URL --token TOKEN]}; without them, runs on the embedded cloud */
    public static void main(String[] args) {
        Examples.main(new ComputeWait(), args);
    }

    @Override
    public String name() {
        return "compute-wait";
    }

    @Override
    public String description() {
        return "Create a server, wait for it to build, then print its IP";
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        return Mono.zip(ctx.smallFlavor(), ctx.debianImage(), ctx.userUuid())
                .flatMap(t -> ctx.compute().createServer(ServerCreateRequest.builder(TourNames.WAITED_SERVER,
                        t.getT1().id(), t.getT2().id()).project(t.getT3()).build()))
                .doOnNext(s -> ctx.out().println("Server status is " + s.status()))
                .flatMap(s -> ctx.waitServer(s.id(), ServerStatus.ACTIVE))
                .doOnNext(s -> ctx.out().println("Server " + s.id() + " is now " + s.status() + "\n\tName: " + s.name()
                        + "\n\tIP: " + s.ipv4().or(s::ipv6).orElse("(none)")))
                .doOnError(WaiterTimeoutException.class, e -> ctx.out().println(
                        "Waiting for server to build: time out..., server is in "
                                + (e.lastState() instanceof Server s ? s.status() : "an unknown state")))
                .then();
    }
}
