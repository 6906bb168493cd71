package org.synnefo.reactive.examples.astakos;

import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import reactor.core.publisher.Mono;

/** kamaki's astakos-project-info: every project I am a member of, with its description and homepage. */
public final class AstakosProjectInfo implements Example {

    /** @param args {@code [--auth-url URL --token TOKEN]}; without them, runs on the embedded cloud */
    public static void main(String[] args) {
        Examples.main(new AstakosProjectInfo(), args);
    }

    @Override
    public String name() {
        return "astakos-project-info";
    }

    @Override
    public String description() {
        return "List my projects";
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        return ctx.astakos().listProjects()
                .doOnNext(p -> {
                    ctx.out().println(p.name() + " (" + p.id() + ")");
                    ctx.out().println("    " + p.description());
                    if (!p.homepage().isEmpty()) {
                        ctx.out().println("    " + p.homepage());
                    }
                    ctx.out().println();
                })
                .then();
    }
}
