package org.synnefo.reactive.examples.pithos;

import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import org.synnefo.reactive.examples.PithosData;
import org.synnefo.reactive.pithos.CopyOptions;
import reactor.core.publisher.Mono;

/**
 * kamaki's pithos-move-copy-delete: move {@code /pithos/my-linux-distro.diskdump} to {@code trash}, delete
 * the copy in {@code images}, and copy the one in {@code trash} back to {@code images} as
 * {@code recovered.diskdump}. Moves and copies happen on the server: no data travels.
 */
public final class PithosMoveCopyDelete implements Example {

    /** The name of the recovered copy. */
    public static final String RECOVERED = "recovered.diskdump";

    /** @param args {@code [--auth-url URL --token TOKEN]}; without them, runs on the embedded cloud */
    public static void main(String[] args) {
        Examples.main(new PithosMoveCopyDelete(), args);
    }

    @Override
    public String name() {
        return "pithos-move-copy-delete";
    }

    @Override
    public String description() {
        return "Move, copy and delete objects";
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        String object = PithosData.DISTRO;
        return ctx.pithos().flatMap(account -> account.withContainer("pithos")
                        .moveObject(object, CopyOptions.to("trash", object))
                        .doOnNext(r -> ctx.out().println("Moved /pithos/" + object + " to /trash/" + object))
                        .then(account.withContainer("images").deleteObject(object))
                        .then(Mono.fromRunnable(() -> ctx.out().println("Deleted /images/" + object)))
                        .then(account.withContainer("trash").copyObject(object, CopyOptions.to("images", RECOVERED)))
                        .doOnNext(r -> ctx.out().println("Copied /trash/" + object + " to /images/" + RECOVERED)))
                .then();
    }
}
