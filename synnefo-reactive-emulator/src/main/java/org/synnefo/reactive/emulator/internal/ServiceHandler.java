package org.synnefo.reactive.emulator.internal;

import org.reactivestreams.Publisher;

/**
 * One emulated service, mounted by the {@link Router} under a path prefix (for example
 * {@code /object-store/v1}). Implementations live in sub-packages of {@code internal}.
 */
public interface ServiceHandler {

    /** The path prefix this service is mounted under, without a trailing slash, e.g. {@code /compute/v2.0}. */
    String prefix();

    /**
     * Handles one request whose path starts with {@link #prefix()}. Must always complete the response
     * (a fault envelope for anything it does not know: see {@link Exchange#fault}).
     */
    Publisher<Void> handle(Exchange exchange);
}
