package org.synnefo.reactive.examples.network;

import org.synnefo.reactive.cyclades.network.PortCreateRequest;
import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import org.synnefo.reactive.examples.TourNames;
import reactor.core.publisher.Mono;

/**
 * kamaki's network-ip: use an IP I reserved and do not use (or reserve one), and connect it to my private
 * server through a port on the IP's network.
 */
public final class NetworkIp implements Example {

    /** @param args {@code [--auth-url URL --token TOKEN] [--project ID|NAME]} */
    public static void main(String[] args) {
        Examples.main(new NetworkIp(), args);
    }

    @Override
    public String name() {
        return "network-ip";
    }

    @Override
    public String description() {
        return "Reserve an IP and connect it to a server";
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        return Mono.zip(ctx.activeServer(TourNames.PRIVATE_SERVER), ctx.unusedOrNewFloatingIp())
                .flatMap(t -> {
                    ctx.out().println("Connecting IP " + t.getT2().floatingIpAddress() + " to " + t.getT1().name()
                            + " (id " + t.getT1().id() + ")");
                    return ctx.network().createPort(PortCreateRequest.builder(t.getT2().floatingNetworkId())
                                    .device(t.getT1().id()).fixedIp(t.getT2().floatingIpAddress()).build())
                            .flatMap(p -> ctx.waitPortActive(p.id()))
                            .doOnNext(p -> ctx.out().println("IP " + p.ipv4().orElse("?") + " is connected to "
                                    + t.getT1().name() + " through port " + p.id()));
                })
                .then();
    }
}
