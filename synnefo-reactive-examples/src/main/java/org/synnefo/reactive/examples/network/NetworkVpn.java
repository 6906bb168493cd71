package org.synnefo.reactive.examples.network;

import org.synnefo.reactive.cyclades.network.Network;
import org.synnefo.reactive.cyclades.network.PortCreateRequest;
import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import org.synnefo.reactive.examples.TourNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * kamaki's network-vpn: a private network between two servers. The network is created while the two
 * servers are looked up (and, if they are still building, waited for); then one port per server is
 * created and both are awaited concurrently.
 */
public final class NetworkVpn implements Example {

    /** @param args {@code [--auth-url URL --token TOKEN] [--project ID|NAME]} */
    public static void main(String[] args) {
        Examples.main(new NetworkVpn(), args);
    }

    @Override
    public String name() {
        return "network-vpn";
    }

    @Override
    public String description() {
        return "A private network between two servers";
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        Mono<Network> vpn = ctx.project().flatMap(p -> ctx.network().createNetwork(
                ctx.network().networkTypes().get(0), TourNames.VPN, p, null))
                .doOnNext(n -> ctx.out().println("Created network " + n.name() + " (id " + n.id() + ", type "
                        + n.type() + ")"));
        return Mono.zip(vpn, ctx.activeServer(TourNames.PUBLIC_SERVER), ctx.activeServer(TourNames.PRIVATE_SERVER))
                .flatMap(t -> Flux.just(t.getT2(), t.getT3())
                        .concatMap(s -> ctx.network().createPort(PortCreateRequest.builder(t.getT1().id())
                                .device(s.id()).build()))
                        .doOnNext(p -> ctx.out().println("Connecting server " + p.deviceId() + " through port " + p.id()))
                        .flatMap(p -> ctx.waitPortActive(p.id()))
                        .then(Mono.fromRunnable(() -> ctx.out().println(t.getT2().name() + " and " + t.getT3().name()
                                + " share the private network " + t.getT1().name()))))
                .then();
    }
}
