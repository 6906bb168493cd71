package org.synnefo.reactive.examples.compute;

import org.synnefo.reactive.cyclades.compute.Server;
import org.synnefo.reactive.cyclades.compute.ServerStatus;
import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import org.synnefo.reactive.examples.TourNames;
import reactor.core.publisher.Mono;

/** kamaki's compute-reboot: reboot my server if it runs, start it if it is stopped, and wait. */
public final class ComputeReboot implements Example {

    /** @param args {@code [--auth-url URL --token TOKEN]}; without them, runs on the embedded cloud */
    public static void main(String[] args) {
        Examples.main(new ComputeReboot(), args);
    }

    @Override
    public String name() {
        return "compute-reboot";
    }

    @Override
    public String description() {
        return "Reboot a server, or start it";
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        return ctx.server(TourNames.WAITED_SERVER)
                .flatMap(s -> act(ctx, s))
                .doOnNext(s -> ctx.out().println("Server " + s.id() + " is now " + s.status()))
                .then();
    }

    private static Mono<Server> act(ExampleContext ctx, Server s) {
        ctx.out().println("Server " + s.id() + " (" + s.name() + ") is " + s.status());
        if (ServerStatus.ACTIVE.equals(s.status())) {
            return ctx.compute().rebootServer(s.id(), false)
                    .then(ctx.waitServerWhile(s.id(), ServerStatus.REBOOT));
        }
        if (ServerStatus.STOPPED.equals(s.status())) {
            return ctx.compute().startServer(s.id())
                    .then(ctx.waitServer(s.id(), ServerStatus.ACTIVE));
        }
        return Mono.error(new IllegalStateException("server " + s.id() + " is " + s.status()
                + ": neither ACTIVE nor STOPPED"));
    }
}
