package org.synnefo.reactive.examples.astakos;

import org.synnefo.reactive.core.UnauthorizedException;
import org.synnefo.reactive.examples.Example;
import org.synnefo.reactive.examples.ExampleContext;
import org.synnefo.reactive.examples.Examples;
import reactor.core.publisher.Mono;

/** kamaki's astakos-authenticate: authenticate, then print my name and uuid. */
public final class AstakosAuthenticate implements Example {

    /** @param args {@code [--auth-url URL --token TOKEN]}; without them, runs on the embedded cloud */
    public static void main(String[] args) {
        Examples.main(new AstakosAuthenticate(), args);
    }

    @Override
    public String name() {
        return "astakos-authenticate";
    }

    @Override
    public String description() {
        return "Authenticate, then print my name and uuid";
    }

    @Override
    public Mono<Void> run(ExampleContext ctx) {
        return ctx.astakos().authenticate()
                .doOnNext(user -> ctx.out().println("Authentication was successful for " + user.userName()
                        + ", with uuid " + user.userUuid()))
                // kamaki's script prints the 401 and stops; here the error also ends the tour
                .doOnError(UnauthorizedException.class, e -> ctx.out().println("Authentication failed, "
                        + e.getMessage()))
                .then();
    }
}
