package org.synnefo.reactive.examples.pithos;

import java.util.Map;
import java.util.stream.Collectors;
import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import org.synnefo.reactive.pithos.ContainerEntry;
import reactor.core.publisher.Mono;

/** kamaki's pithos-reassign: charge container {@code images} to the project of container {@code pithos}. */
public final class PithosReassign implements Example {

    /** @param args {@code [--auth-url URL --token TOKEN]}; without them, runs on the embedded cloud */
    public static void main(String[] args) {
        Examples.main(new PithosReassign(), args);
    }

    @Override
    public String name() {
        return "pithos-reassign";
    }

    @Override
    public String description() {
        return "Reassign a container to the project of another";
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        return ctx.pithos().flatMap(account -> account.listContainers()
                .filter(c -> c.name().equals("pithos") || c.name().equals("images"))
                .collect(Collectors.toMap(ContainerEntry::name, ContainerEntry::project))
                .flatMap(projects -> reassign(ctx, account, projects)))
                .then();
    }

    private static Mono<Void> reassign(ExampleContext ctx, org.synnefo.reactive.pithos.PithosClient account,
            Map<String, String> projects) {
        String target = projects.get("pithos");
        ctx.out().println("pithos is in project " + target + ", images in project " + projects.get("images"));
        if (target == null || target.equals(projects.get("images"))) {
            ctx.out().println("Nothing to reassign");
            return Mono.empty();
        }
        return account.reassignContainer("images", target)
                .then(Mono.fromRunnable(() -> ctx.out().println("Container images is reassigned to project " + target)));
    }
}
