package org.synnefo.reactive.examples.network;

import java.util.List;
import org.synnefo.reactive.cyclades.compute.Server;
import org.synnefo.reactive.cyclades.compute.ServerCreateRequest;
import org.synnefo.reactive.cyclades.compute.ServerNetwork;
import org.synnefo.reactive.cyclades.compute.ServerStatus;
import org.synnefo.reactive.cyclades.network.FloatingIp;
import org.synnefo.reactive.cyclades.network.Network;
import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import org.synnefo.reactive.examples.TourNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * kamaki's network-cluster: a private network, two nodes on it only, and a gateway on it and on a public
 * IP. The network, the IP, the flavor and the image are obtained concurrently; the three servers are
 * created one after the other and then awaited together, their progress interleaved.
 */
public final class NetworkCluster implements Example {

    /** @param args {@code [--auth-url URL --token TOKEN] [--project ID|NAME]} */
    public static void main(String[] args) {
        Examples.main(new NetworkCluster(), args);
    }

    @Override
    public String name() {
        return "network-cluster";
    }

    @Override
    public String description() {
        return "A cluster of three servers where only the gateway has a public IP";
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        Mono<Network> lan = ctx.project().flatMap(p -> ctx.network().createNetwork(
                ctx.network().networkTypes().get(0), TourNames.CLUSTER_NETWORK, p, null));
        return Mono.zip(lan, ctx.unusedOrNewFloatingIp(), ctx.smallFlavor(), ctx.debianImage(), ctx.project())
                .flatMap(t -> {
                    Network net = t.getT1();
                    FloatingIp ip = t.getT2();
                    ctx.out().println("Created network " + net.name() + " (id " + net.id() + "); the gateway gets IP "
                            + ip.floatingIpAddress());
                    List<ServerNetwork> inside = List.of(ServerNetwork.network(net.id()));
                    List<ServerNetwork> gateway = List.of(ServerNetwork.network(net.id()),
                            ServerNetwork.network(ip.floatingNetworkId(), ip.floatingIpAddress()));
                    return Flux.just(TourNames.NODE_1, TourNames.NODE_2, TourNames.GATEWAY)
                            .concatMap(name -> ctx.compute().createServer(ServerCreateRequest.builder(name,
                                            t.getT3().id(), t.getT4().id())
                                    .networks(TourNames.GATEWAY.equals(name) ? gateway : inside)
                                    .project(t.getT5()).build()))
                            .doOnNext(s -> ctx.out().println("Created " + s.name() + " (id " + s.id() + ")"))
                            .collectList()
                            .flatMapMany(created -> Flux.fromIterable(created)
                                    .flatMap(s -> ctx.waitServer(s.id(), ServerStatus.ACTIVE)))
                            .collectList()
                            .doOnNext(ready -> ready.stream().sorted((a, b) -> a.name().compareTo(b.name()))
                                    .forEach(s -> ctx.out().println(describe(s))));
                })
                .then();
    }

    private static String describe(Server s) {
        return "  " + s.name() + " (id " + s.id() + ") is " + s.status() + ", " + s.nics().size() + " NIC(s)"
                + s.nics().stream().filter(n -> !n.ipv4().isEmpty()).map(n -> ", public IP " + n.ipv4())
                        .findFirst().orElse(", no public IP");
    }
}
