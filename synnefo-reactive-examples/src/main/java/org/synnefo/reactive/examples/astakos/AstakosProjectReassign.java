package org.synnefo.reactive.examples.astakos;

import org.synnefo.reactive.astakos.Quota;
import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import org.synnefo.reactive.examples.PithosData;
import reactor.core.publisher.Mono;

/**
 * kamaki's astakos-project-reassign: {@code course_container} is charged to a project whose storage quota
 * is used up; if so, reassign it to a project with room. The container's policy and my quotas are asked
 * concurrently.
 */
public final class AstakosProjectReassign implements Example {

    /** @param args {@code [--auth-url URL --token TOKEN] [--project ID|NAME]} */
    public static void main(String[] args) {
        Examples.main(new AstakosProjectReassign(), args);
    }

    @Override
    public String name() {
        return "astakos-project-reassign";
    }

    @Override
    public String description() {
        return "Reassign a container whose project is out of storage quota";
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        String container = PithosData.COURSE_CONTAINER;
        return ctx.pithos().flatMap(pithos -> Mono.zip(pithos.getContainerInfo(container), ctx.astakos().getQuotas(),
                        ctx.project())
                .flatMap(t -> {
                    String project = t.getT1().project();
                    Quota q = t.getT2().get(project).get("pithos.diskspace");
                    ctx.out().println("Container " + container + " is in project " + project + ", which uses "
                            + q.usage() + "/" + q.limit() + " bytes");
                    if (q.usage() < q.limit()) {
                        ctx.out().println("Quotas for container " + container + " are OK");
                        return Mono.empty();
                    }
                    String target = t.getT3();
                    return pithos.reassignContainer(container, target)
                            .then(Mono.fromRunnable(() -> ctx.out().println("Container " + container
                                    + " is reassigned to project " + target)));
                }))
                .then();
    }
}
