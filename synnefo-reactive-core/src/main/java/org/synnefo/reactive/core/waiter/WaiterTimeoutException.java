package org.synnefo.reactive.core.waiter;

import java.time.Duration;
import org.synnefo.reactive.core.SynnefoException;

/** The waiter's overall deadline passed; carries the last observed state. */
public class WaiterTimeoutException extends SynnefoException {

    private static final long serialVersionUID = 1L;

    private final transient Object lastState;
    private final Duration deadline;

    /**
     * @param message what was awaited
     * @param lastState the last observed state, or {@code null} if none was observed
     * @param deadline the deadline that passed
     */
    public WaiterTimeoutException(String message, Object lastState, Duration deadline) {
        super(message, null, false);
        this.lastState = lastState;
        this.deadline = deadline;
    }

    /** @return the last observed state, or {@code null} */
    public Object lastState() {
        return lastState;
    }

    /** @return the deadline */
    public Duration deadline() {
        return deadline;
    }
}
