package org.synnefo.reactive.examples;

import reactor.core.publisher.Mono;

/**
 * One example of kamaki's clients reference, rewritten as a reactive pipeline. Nothing happens until the
 * returned {@code Mono} is subscribed; the example prints what it does to {@link ExampleContext#out()}.
 */
public interface Example {

    /** @return the name of the kamaki script this example follows, e.g. {@code compute-wait} */
    String name();

    /** @return one line saying what the example shows */
    String description();

    /**
     * @param ctx the clients, the output and the tour's settings
     * @return completion, or the error that stopped the example
     */
    Mono<Void> run(ExampleContext ctx);
}
