package org.synnefo.reactive.core.waiter;

/**
 * Decides, for one observed state or one polling error, whether waiting succeeded, failed, or goes on.
 * A waiter asks its acceptors in order; the first that does not answer {@link Outcome#NO_MATCH} decides.
 * When none matches, a value means "keep polling" and an error fails the waiter.
 *
 * @param <T> the polled type
 */
public interface Acceptor<T> {

    /** What an acceptor decided. */
    enum Outcome {
        /** Waiting is over: the state is the one wanted. */
        SUCCESS,
        /** Waiting is over: the state can never become the one wanted (e.g. ERROR). */
        FAILURE,
        /** Keep polling. */
        RETRY,
        /** This acceptor has no opinion; ask the next. */
        NO_MATCH
    }

    /**
     * @param value an observed state
     * @return the decision
     */
    default Outcome onValue(T value) {
        return Outcome.NO_MATCH;
    }

    /**
     * @param error a polling error (e.g. a 404 right after a create)
     * @return the decision
     */
    default Outcome onError(Throwable error) {
        return Outcome.NO_MATCH;
    }
}
