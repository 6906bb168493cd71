package org.synnefo.reactive.examples.pithos;

import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import reactor.core.publisher.Mono;

/** kamaki's pithos-list: every container with its project, and every object in it (pages fetched on demand). */
public final class PithosList implements Example {

    /** @param args {@code [--auth-url URL --token TOKEN]}; without them, runs on the embedded cloud */
    public static void main(String[] args) {
        Examples.main(new PithosList(), args);
    }

    @Override
    public String name() {
        return "pithos-list";
    }

    @Override
    public String description() {
        return "List all containers and objects with their projects";
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        return ctx.pithos().flatMapMany(account -> account.listContainers()
                        .concatMap(c -> {
                            ctx.out().println("Listing contents of " + c.name() + " (project: " + c.project() + ")");
                            return account.withContainer(c.name()).listObjects()
                                    .doOnNext(o -> ctx.out().println("\t" + o.name() + " \t" + o.contentType() + " \t"
                                            + o.bytes() + " bytes"));
                        }))
                .then();
    }
}
