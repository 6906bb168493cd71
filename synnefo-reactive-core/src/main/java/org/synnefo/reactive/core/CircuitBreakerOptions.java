package org.synnefo.reactive.core;

import java.time.Duration;
import java.util.Objects;

/**
 * A circuit breaker per service endpoint (Resilience4j). Only transient failures (transport errors,
 * timeouts, 502/503/504, 429) count as failures: a 404 or a 409 says nothing about the endpoint's health.
 *
 * @param enabled whether calls go through a breaker at all
 * @param failureRateThreshold the failure percentage that opens the breaker
 * @param slidingWindowSize how many recent calls the rate is computed over
 * @param minimumNumberOfCalls calls needed before the rate is judged
 * @param waitDurationInOpenState how long an open breaker rejects calls before probing
 * @param permittedCallsInHalfOpenState probe calls allowed when half-open
 */
public record CircuitBreakerOptions(boolean enabled, float failureRateThreshold, int slidingWindowSize,
        int minimumNumberOfCalls, Duration waitDurationInOpenState, int permittedCallsInHalfOpenState) {

    /** Default failure rate that opens the breaker: 50 %. */
    public static final float DEFAULT_FAILURE_RATE_THRESHOLD = 50f;
    /** Default window: the last 50 calls. */
    public static final int DEFAULT_SLIDING_WINDOW_SIZE = 50;
    /** Default minimum calls before judging: 20, so a few early failures do not open it. */
    public static final int DEFAULT_MINIMUM_NUMBER_OF_CALLS = 20;
    /** Default open time: 15 s. */
    public static final Duration DEFAULT_WAIT_IN_OPEN_STATE = Duration.ofSeconds(15);
    /** Default half-open probes: 5. */
    public static final int DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE = 5;

    /** Validates. */
    public CircuitBreakerOptions {
        Objects.requireNonNull(waitDurationInOpenState, "waitDurationInOpenState");
    }

    /** @return the documented defaults (enabled) */
    public static CircuitBreakerOptions defaults() {
        return new CircuitBreakerOptions(true, DEFAULT_FAILURE_RATE_THRESHOLD, DEFAULT_SLIDING_WINDOW_SIZE,
                DEFAULT_MINIMUM_NUMBER_OF_CALLS, DEFAULT_WAIT_IN_OPEN_STATE, DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE);
    }

    /** @return options with no breaker */
    public static CircuitBreakerOptions disabled() {
        return new CircuitBreakerOptions(false, DEFAULT_FAILURE_RATE_THRESHOLD, DEFAULT_SLIDING_WINDOW_SIZE,
                DEFAULT_MINIMUM_NUMBER_OF_CALLS, DEFAULT_WAIT_IN_OPEN_STATE, DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE);
    }
}
