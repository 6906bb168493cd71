package org.synnefo.reactive.core.internal;

/**
 * Marks a failure that happened after a streamed response's head was accepted and handed to the
 * caller's handler: such a failure is never retried (the handler may have consumed part of the body);
 * it is unwrapped before the caller sees it.
 */
final class BodyPhaseFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BodyPhaseFailure(Throwable cause) {
        super(cause.getMessage(), cause, false, false);
    }

    static Throwable unwrap(Throwable t) {
        return t instanceof BodyPhaseFailure b ? b.getCause() : t;
    }
}
