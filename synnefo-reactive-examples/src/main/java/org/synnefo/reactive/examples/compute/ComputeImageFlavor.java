package org.synnefo.reactive.examples.compute;

import java.util.Locale;
import java.util.stream.Collectors;
import org.synnefo.reactive.cyclades.compute.Flavor;
import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import reactor.core.publisher.Mono;

/**
 * kamaki's compute-image-flavor: the flavors with 2 cores, 20 GB of disk and 2048 MB of RAM, and the images
 * with Debian in their name. Both lists are fetched concurrently.
 */
public final class ComputeImageFlavor implements Example {

    /** @param args {@code [--auth-url URL --token TOKEN]}; without them, runs on the embedded cloud */
    public static void main(String[] args) {
        Examples.main(new ComputeImageFlavor(), args);
    }

    @Override
    public String name() {
        return "compute-image-flavor";
    }

    @Override
    public String description() {
        return "Pick flavors and images by their properties";
    }

    static boolean wanted(Flavor f) {
        return Integer.valueOf(2).equals(f.vcpus()) && Integer.valueOf(20).equals(f.diskGiB())
                && Integer.valueOf(2048).equals(f.ramMiB());
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        return Mono.zip(ctx.compute().listFlavors().filter(ComputeImageFlavor::wanted).collectList(),
                        ctx.compute().listImages().filter(i -> i.name().toLowerCase(Locale.ROOT).contains("debian"))
                                .collectList())
                .doOnNext(t -> {
                    ctx.out().println(t.getT1().size() + " flavors match\n\t" + t.getT1().stream()
                            .map(f -> f.id() + " (" + f.name() + ")").collect(Collectors.joining("\n\t")));
                    ctx.out().println(t.getT2().size() + " images match: " + t.getT2().stream()
                            .map(i -> i.id() + " (" + i.name() + ")").collect(Collectors.joining("\n\t")));
                })
                .then();
    }
}
