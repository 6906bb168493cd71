package org.synnefo.reactive.examples.image;

import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import reactor.core.publisher.Mono;

/** kamaki's image-list: the names and Pithos locations of the images I registered. */
public final class ImageList implements Example {

    /** @param args {@code [--auth-url URL --token TOKEN]}; without them, runs on the embedded cloud */
    public static void main(String[] args) {
        Examples.main(new ImageList(), args);
    }

    @Override
    public String name() {
        return "image-list";
    }

    @Override
    public String description() {
        return "List the images I registered";
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        return ctx.userUuid()
                .doOnNext(u -> ctx.out().println("My images:\n"))
                .flatMapMany(uuid -> ctx.images().listPublic().filter(i -> uuid.equals(i.owner())))
                .doOnNext(i -> ctx.out().println("\t" + i.name() + " (" + i.location() + ")"))
                .then();
    }
}
