package org.synnefo.reactive.examples.volume;

import org.synnefo.reactive.cyclades.volume.VolumeCreateRequest;
import org.synnefo.reactive.cyclades.volume.VolumeStatus;
import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import org.synnefo.reactive.examples.TourNames;
import reactor.core.publisher.Mono;

/**
 * kamaki's volume-plug-unplug: a 20 GB volume created on one server, unplugged, and plugged into another,
 * as one would move a USB stick. Each step waits for the volume's state to settle.
 */
public final class VolumePlugUnplug implements Example {

    /** The size of the "USB stick", in GiB. */
    static final int SIZE_GIB = 20;

    /** @param args {@code [--auth-url URL --token TOKEN] [--project ID|NAME]} */
    public static void main(String[] args) {
        Examples.main(new VolumePlugUnplug(), args);
    }

    @Override
    public String name() {
        return "volume-plug-unplug";
    }

    @Override
    public String description() {
        return "Unplug a volume from one server and plug it into another";
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        return Mono.zip(ctx.activeServer(TourNames.PUBLIC_SERVER), ctx.activeServer(TourNames.PRIVATE_SERVER),
                        ctx.project())
                .flatMap(t -> {
                    String one = t.getT1().id();
                    String two = t.getT2().id();
                    return ctx.volumes().createVolume(VolumeCreateRequest.builder(SIZE_GIB, TourNames.USB_STICK)
                                    .server(one).project(t.getT3()).build())
                            .doOnNext(v -> ctx.out().println("Created volume " + v.name() + " (id " + v.id() + ", "
                                    + SIZE_GIB + " GB) on " + t.getT1().name()))
                            .flatMap(v -> ctx.waitVolume(v.id(), VolumeStatus.IN_USE))
                            .flatMap(v -> ctx.compute().detachVolume(one, v.id()).then()
                                    .doOnSuccess(x -> ctx.out().println("Unplugging it from " + t.getT1().name()))
                                    .then(ctx.waitVolume(v.id(), VolumeStatus.AVAILABLE)))
                            .flatMap(v -> ctx.compute().attachVolume(two, v.id())
                                    .doOnNext(x -> ctx.out().println("Plugging it into " + t.getT2().name()))
                                    .then(ctx.waitVolume(v.id(), VolumeStatus.IN_USE)))
                            .doOnNext(v -> ctx.out().println("Volume " + v.name() + " is " + v.status() + " on server "
                                    + v.attachments().get(0).serverId()));
                })
                .then();
    }
}
