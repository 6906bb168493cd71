package org.synnefo.reactive.core;

/**
 * Every Micrometer name this library uses, in one place.
 *
 * <p><b>Observations</b> (when {@link ClientOptions#observationRegistry()} is not the no-op registry):
 * {@value #OPERATION} spans one logical call, retries included; {@value #ATTEMPT} spans one HTTP exchange
 * and is a child of the operation. With a meter observation handler installed, each becomes a timer of
 * the same name.
 *
 * <p><b>Meters</b> (when {@link ClientOptions#meterRegistry()} is set): the timers
 * {@value #OPERATION_DURATION} and {@value #ATTEMPT_DURATION}, and the counter {@value #RETRIES}.
 *
 * <p><b>Tags</b> carry bounded values only: the service name given to the client, the operation name of
 * the request description, the HTTP method, the status code, an {@linkplain #OUTCOME outcome} class and
 * the simple class name of the exception. Ids, object names, URLs and tokens are never tags: they would
 * explode the number of time series and leak data into monitoring systems.
 */
public final class SynnefoObservations {

    /** Observation of one logical operation, retries included. */
    public static final String OPERATION = "synnefo.client.operation";
    /** Observation of one HTTP attempt. */
    public static final String ATTEMPT = "synnefo.client.attempt";
    /** Timer of logical operations (meter registry). */
    public static final String OPERATION_DURATION = "synnefo.client.operation.duration";
    /** Timer of HTTP attempts (meter registry). */
    public static final String ATTEMPT_DURATION = "synnefo.client.attempt.duration";
    /** Counter of retries scheduled (meter registry); tags: service, operation, method, exception. */
    public static final String RETRIES = "synnefo.client.retries";

    /** Tag: the client's service name, e.g. {@code compute}, {@code object-store}. */
    public static final String SERVICE = "service";
    /** Tag: the request's operation name, e.g. {@code getServer}. */
    public static final String OPERATION_NAME = "operation";
    /** Tag: the HTTP method. */
    public static final String METHOD = "method";
    /** Tag: the HTTP status code, or {@value #NONE} when no response arrived. */
    public static final String STATUS = "status";
    /**
     * Tag: the outcome class: {@value #OUTCOME_SUCCESS}, {@value #OUTCOME_CLIENT_ERROR},
     * {@value #OUTCOME_SERVER_ERROR}, {@value #OUTCOME_TRANSPORT_ERROR}, {@value #OUTCOME_TIMEOUT},
     * {@value #OUTCOME_REJECTED}, {@value #OUTCOME_CANCELLED} or {@value #OUTCOME_UNKNOWN}.
     */
    public static final String OUTCOME = "outcome";
    /** Tag: the simple class name of the exception, or {@value #NONE}. */
    public static final String EXCEPTION = "exception";

    /** Tag value when a tag does not apply (no status, no exception). */
    public static final String NONE = "none";
    /** Outcome: an expected status. */
    public static final String OUTCOME_SUCCESS = "SUCCESS";
    /** Outcome: an unexpected status below 500. */
    public static final String OUTCOME_CLIENT_ERROR = "CLIENT_ERROR";
    /** Outcome: a 5xx status. */
    public static final String OUTCOME_SERVER_ERROR = "SERVER_ERROR";
    /** Outcome: a failure below HTTP (refused, reset, premature close, pool exhausted). */
    public static final String OUTCOME_TRANSPORT_ERROR = "TRANSPORT_ERROR";
    /** Outcome: a connect or response timeout. */
    public static final String OUTCOME_TIMEOUT = "TIMEOUT";
    /** Outcome: rejected by the circuit breaker, rate limiter or bulkhead. */
    public static final String OUTCOME_REJECTED = "REJECTED";
    /** Outcome: the subscriber cancelled. */
    public static final String OUTCOME_CANCELLED = "CANCELLED";
    /** Outcome: any other failure (e.g. a JSON decoding error or a failing request body). */
    public static final String OUTCOME_UNKNOWN = "UNKNOWN";

    private SynnefoObservations() {
    }
}
