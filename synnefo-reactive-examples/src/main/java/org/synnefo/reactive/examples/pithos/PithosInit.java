package org.synnefo.reactive.examples.pithos;

import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import reactor.core.publisher.Mono;

/**
 * kamaki's pithos-init: a Pithos client for my account (my uuid, from authentication) and the container
 * {@code pithos}, its endpoint found in the service catalog. Clients are immutable: {@code withAccount} and
 * {@code withContainer} derive new ones that share the connections.
 */
public final class PithosInit implements Example {

    /** @param args {@code [--auth-url URL --token TOKEN]}; without them, runs on the embedded cloud */
    public static void main(String[] args) {
        Examples.main(new PithosInit(), args);
    }

    @Override
    public String name() {
        return "pithos-init";
    }

    @Override
    public String description() {
        return "Initialise a Pithos client for my account and a container";
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        return ctx.pithos()
                .map(account -> account.withContainer("pithos"))
                .flatMap(pithos -> pithos.getContainerInfo(pithos.container())
                        .doOnNext(info -> ctx.out().println("Pithos client for account " + pithos.account()
                                + ", container " + pithos.container() + ": " + info.objectCount() + " objects, "
                                + info.bytesUsed() + " bytes, blocks of " + info.blockSize() + " bytes ("
                                + info.blockHash() + ")")))
                .then();
    }
}
