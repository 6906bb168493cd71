package org.synnefo.reactive.examples.image;

import org.synnefo.reactive.cyclades.image.Image;
import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * kamaki's image-unregister: if the image is mine, unregister it and delete its file and meta file from
 * Pithos (unregistering alone leaves the file).
 */
public final class ImageUnregister implements Example {

    /** @param args {@code [--auth-url URL --token TOKEN]}; without them, runs on the embedded cloud */
    public static void main(String[] args) {
        Examples.main(new ImageUnregister(), args);
    }

    @Override
    public String name() {
        return "image-unregister";
    }

    @Override
    public String description() {
        return "Unregister an image and delete its files";
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        return Mono.zip(ctx.userUuid(), ctx.pithos(), ctx.images().listPublic()
                        .filter(i -> ImageRegister.IMAGE_NAME.equals(i.name())).next()
                        .flatMap(i -> ctx.images().getMeta(i.id()))
                        .switchIfEmpty(Mono.error(() -> new IllegalStateException("no image named "
                                + ImageRegister.IMAGE_NAME + ": run image-register first"))))
                .flatMap(t -> {
                    Image image = t.getT3();
                    if (!t.getT1().equals(image.owner())) {
                        ctx.out().println("This image wasn't registered by me");
                        return Mono.empty();
                    }
                    String container = image.location().container();
                    String object = image.location().object();
                    return ctx.images().unregister(image.id())
                            .doOnSuccess(v -> ctx.out().println("Unregistered " + image.name() + " (id " + image.id()
                                    + ")"))
                            .thenMany(Flux.just(object, object + ".meta")
                                    .concatMap(o -> t.getT2().withContainer(container).deleteObject(o)
                                            .doOnSuccess(v -> ctx.out().println("Deleted /" + container + "/" + o))))
                            .then();
                })
                .then();
    }
}
