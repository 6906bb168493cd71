package org.synnefo.reactive.core;

import java.util.Objects;

/**
 * The client itself refused to send the request: the endpoint's circuit breaker is open, the optional
 * rate limiter had no permit in time, or the optional bulkhead was full. Nothing reached the server.
 *
 * <p>It is {@linkplain #isTransient() transient} (the same call may succeed later, once the breaker
 * closes or load drops), but the library never retries it automatically: failing fast is the point of
 * a breaker, and waiting in a retry loop would only queue more load behind it. Callers that want to try
 * again later do so on their own schedule.
 */
public class CallRejectedException extends SynnefoException {

    private static final long serialVersionUID = 1L;

    /** Why the call was rejected. */
    public enum Reason {
        /** The endpoint's circuit breaker is open (or half-open with no probe slot left). */
        CIRCUIT_OPEN,
        /** The client-side rate limiter gave no permit within its timeout. */
        RATE_LIMITED,
        /** The client-side bulkhead had no free slot within its wait time. */
        BULKHEAD_FULL
    }

    private final Reason reason;
    private final String serviceName;

    /**
     * Creates the exception.
     *
     * @param reason why the call was rejected
     * @param serviceName the low-cardinality service name of the client
     * @param message a description (no token)
     * @param cause the Resilience4j exception, or {@code null}
     */
    public CallRejectedException(Reason reason, String serviceName, String message, Throwable cause) {
        super(message, cause, true);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.serviceName = serviceName;
    }

    /** @return why the call was rejected */
    public Reason reason() {
        return reason;
    }

    /** @return the service name of the client that rejected the call */
    public String serviceName() {
        return serviceName;
    }
}
