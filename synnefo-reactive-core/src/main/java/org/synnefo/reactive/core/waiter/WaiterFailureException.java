package org.synnefo.reactive.core.waiter;

import org.synnefo.reactive.core.SynnefoException;

/** An acceptor decided that the awaited state can never be reached (e.g. a server in ERROR). */
public class WaiterFailureException extends SynnefoException {

    private static final long serialVersionUID = 1L;

    private final transient Object state;

    /**
     * @param message why waiting failed (e.g. the server's fault message)
     * @param state the state that failed the waiter, or {@code null} when an error did
     * @param cause the polling error, or {@code null}
     */
    public WaiterFailureException(String message, Object state, Throwable cause) {
        super(message, cause, false);
        this.state = state;
    }

    /** @return the failing state, or {@code null} */
    public Object state() {
        return state;
    }
}
