package org.synnefo.reactive.emulator.internal;

import java.util.function.Supplier;
import org.reactivestreams.Publisher;

/**
 * Makes the server misbehave on purpose, for tests and benchmarks. This first version passes every
 * request through; the fault-injection rules (status, latency, connection close, truncation) are
 * built on this hook.
 */
public class FaultInjector {

    /** Handles the exchange, either by misbehaving or by calling {@code next}. */
    public Publisher<Void> apply(Exchange exchange, Supplier<Publisher<Void>> next) {
        return next.get();
    }
}
