package org.synnefo.reactive.examples.astakos;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.synnefo.reactive.astakos.Quota;
import org.synnefo.reactive.astakos.Resource;
import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import reactor.core.publisher.Mono;

/**
 * kamaki's astakos-project-quotas: usage and limit of every resource in every project I draw from. The
 * quotas and the resource descriptions are asked concurrently; resources Astakos hides from users are left
 * out. My system project comes first.
 */
public final class AstakosProjectQuotas implements Example {

    /** @param args {@code [--auth-url URL --token TOKEN]}; without them, runs on the embedded cloud */
    public static void main(String[] args) {
        Examples.main(new AstakosProjectQuotas(), args);
    }

    @Override
    public String name() {
        return "astakos-project-quotas";
    }

    @Override
    public String description() {
        return "Usage and limit per resource per project";
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        return Mono.zip(ctx.userUuid(), ctx.astakos().getQuotas(), ctx.astakos().getResources())
                .doOnNext(t -> {
                    Set<String> visible = t.getT3().values().stream().filter(Resource::uiVisible)
                            .map(Resource::name).collect(Collectors.toSet());
                    Map<String, Map<String, Quota>> byProject = new TreeMap<>((a, b) -> a.equals(b) ? 0
                            : a.equals(t.getT1()) ? -1 : b.equals(t.getT1()) ? 1 : a.compareTo(b));
                    byProject.putAll(t.getT2());
                    byProject.forEach((project, resources) -> {
                        ctx.out().println(project);
                        new TreeMap<>(resources).forEach((resource, q) -> {
                            if (visible.contains(resource)) {
                                ctx.out().println("  " + resource + ": " + q.usage() + "/" + q.limit());
                            }
                        });
                    });
                })
                .then();
    }
}
