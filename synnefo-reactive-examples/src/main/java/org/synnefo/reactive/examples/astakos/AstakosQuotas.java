package org.synnefo.reactive.examples.astakos;

import java.util.Map;
import org.synnefo.reactive.astakos.Quota;
import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import reactor.core.publisher.Mono;

/** kamaki's astakos-quotas: my VM and IP usage against the limits of my system project. */
public final class AstakosQuotas implements Example {

    /** @param args {@code [--auth-url URL --token TOKEN]}; without them, runs on the embedded cloud */
    public static void main(String[] args) {
        Examples.main(new AstakosQuotas(), args);
    }

    @Override
    public String name() {
        return "astakos-quotas";
    }

    @Override
    public String description() {
        return "VM and IP usage against the limits of my system project";
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        // my system project has my uuid as its id
        return Mono.zip(ctx.userUuid(), ctx.astakos().getQuotas())
                .doOnNext(t -> {
                    Map<String, Quota> mine = t.getT2().getOrDefault(t.getT1(), Map.of());
                    Quota vms = mine.getOrDefault("cyclades.vm", new Quota(0, 0, 0, 0, 0, 0));
                    Quota ips = mine.getOrDefault("cyclades.floating_ip", new Quota(0, 0, 0, 0, 0, 0));
                    ctx.out().println("You are using " + vms.usage() + "/" + vms.limit() + " VMs and " + ips.usage()
                            + "/" + ips.limit() + " IPs");
                })
                .then();
    }
}
