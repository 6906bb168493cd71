package org.synnefo.reactive.core;

/**
 * The root of every exception this library signals. Unchecked, and each instance says whether it is
 * {@linkplain #isTransient() transient}: a transient failure (a dropped connection, a timeout, a 503)
 * may succeed if the same request is sent again, which is what decides automatic retries.
 */
public class SynnefoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;

    /**
     * Creates an exception.
     *
     * @param message what went wrong (never containing a token)
     * @param cause the underlying cause, or {@code null}
     * @param transientFailure whether retrying the same request may succeed
     */
    public SynnefoException(String message, Throwable cause, boolean transientFailure) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /**
     * Creates a non-transient exception without a cause.
     *
     * @param message what went wrong
     */
    public SynnefoException(String message) {
        this(message, null, false);
    }

    /**
     * Whether the same request may succeed if sent again.
     *
     * @return {@code true} for transient failures
     */
    public boolean isTransient() {
        return transientFailure;
    }
}
