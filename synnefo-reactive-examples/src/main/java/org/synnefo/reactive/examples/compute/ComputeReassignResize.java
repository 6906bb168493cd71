package org.synnefo.reactive.examples.compute;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.synnefo.reactive.astakos.Quota;
import org.synnefo.reactive.cyclades.compute.Flavor;
import org.synnefo.reactive.cyclades.compute.Server;
import org.synnefo.reactive.cyclades.compute.ServerStatus;
import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import org.synnefo.reactive.examples.TourNames;
import reactor.core.publisher.Mono;

/**
 * kamaki's compute-reassign-resize: my server needs more CPU and RAM, but its project has no room. Shut it
 * down, reassign it to a project with room, resize it to the next bigger flavor (same disk, same disk
 * template: Cyclades changes neither), and start it again. The server, the flavors and the quotas are
 * fetched concurrently; whether to reassign is decided from the quotas.
 */
public final class ComputeReassignResize implements Example {

    private static final long MIB = 1024L * 1024;

    /** @param args {@code [--auth-url URL --token TOKEN] [--project ID|NAME]} */
    public static void main(String[] args) {
        Examples.main(new ComputeReassignResize(), args);
    }

    @Override
    public String name() {
        return "compute-reassign-resize";
    }

    @Override
    public String description() {
        return "Shut down, reassign and resize a server";
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        return Mono.zip(ctx.server(TourNames.WAITED_SERVER), ctx.compute().listFlavors().collectList(),
                        ctx.astakos().getQuotas(), ctx.project())
                .flatMap(t -> {
                    Server server = t.getT1();
                    Flavor current = t.getT2().stream().filter(f -> f.id().equals(server.flavorId())).findFirst()
                            .orElseThrow(() -> new IllegalStateException("unknown flavor " + server.flavorId()));
                    Flavor bigger = nextBigger(current, t.getT2());
                    boolean room = hasRoom(t.getT3().getOrDefault(server.projectId(), Map.of()), current, bigger);
                    String target = room ? server.projectId() : t.getT4();
                    ctx.out().println("Server " + server.id() + " (" + server.name() + ") has flavor " + current.name()
                            + " in project " + server.projectId());
                    ctx.out().println("  resizing to " + bigger.name() + ": " + (room ? "its project has room"
                            : "its project has no room for " + bigger.vcpus() + " CPUs and " + bigger.ramMiB()
                                    + " MiB of RAM, so it moves to project " + target));
                    return shutdown(ctx, server)
                            .then(Objects.equals(target, server.projectId()) ? Mono.empty()
                                    : ctx.compute().reassignServer(server.id(), target)
                                            .doOnSuccess(v -> ctx.out().println("  reassigned to project " + target)))
                            .then(ctx.compute().resizeServer(server.id(), bigger.id()))
                            .then(ctx.waitServerWhile(server.id(), ServerStatus.RESIZE))
                            .then(ctx.compute().startServer(server.id()))
                            .then(ctx.waitServer(server.id(), ServerStatus.ACTIVE));
                })
                .doOnNext(s -> ctx.out().println("Server " + s.id() + " is " + s.status() + " with flavor " + s.flavorId()
                        + " in project " + s.projectId()))
                .then();
    }

    private static Mono<Server> shutdown(ExampleContext ctx, Server s) {
        if (ServerStatus.STOPPED.equals(s.status())) {
            return Mono.just(s);
        }
        return ctx.compute().shutdownServer(s.id()).then(ctx.waitServer(s.id(), ServerStatus.STOPPED));
    }

    /** The smallest flavor with more CPUs or RAM that a server of {@code current} may be resized to. */
    static Flavor nextBigger(Flavor current, List<Flavor> all) {
        return all.stream()
                .filter(f -> !Boolean.FALSE.equals(f.allowCreate()))
                .filter(f -> Objects.equals(f.diskGiB(), current.diskGiB())
                        && Objects.equals(f.diskTemplate(), current.diskTemplate()))
                .filter(f -> f.vcpus() >= current.vcpus() && f.ramMiB() >= current.ramMiB()
                        && (f.vcpus() > current.vcpus() || f.ramMiB() > current.ramMiB()))
                .min(Comparator.comparing(Flavor::vcpus).thenComparing(Flavor::ramMiB))
                .orElseThrow(() -> new IllegalStateException("no flavor bigger than " + current.name()
                        + " with the same disk"));
    }

    static boolean hasRoom(Map<String, Quota> quotas, Flavor current, Flavor bigger) {
        return room(quotas, "cyclades.cpu", bigger.vcpus() - current.vcpus())
                && room(quotas, "cyclades.ram", (bigger.ramMiB() - current.ramMiB()) * MIB);
    }

    private static boolean room(Map<String, Quota> quotas, String resource, long more) {
        Quota q = quotas.get(resource);
        return q != null && q.available() >= more;
    }
}
