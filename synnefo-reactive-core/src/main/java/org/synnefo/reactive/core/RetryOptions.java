package org.synnefo.reactive.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How transient failures are retried: capped exponential backoff with jitter, honouring a server's
 * {@code Retry-After} (up to {@link #maxRetryAfter()}). Only idempotent requests are retried (GET, HEAD,
 * PUT, DELETE, and requests explicitly marked idempotent); a plain POST never is.
 *
 * @param maxAttempts total attempts including the first; 1 disables retries
 * @param initialBackoff the delay before the first retry
 * @param maxBackoff the cap of the exponential backoff
 * @param jitter the jitter factor in [0, 1] applied to each delay
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one fails the call instead
 */
public record RetryOptions(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter,
        Duration maxRetryAfter) {

    /** Default attempts: 4 (the first try and 3 retries), enough to ride out a proxy restart. */
    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    /** Default first backoff: 200 ms. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    /** Default backoff cap: 5 s, so a retried call never stalls a caller for long. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
    /** Default jitter: 0.5, so that many clients failing together do not retry together. */
    public static final double DEFAULT_JITTER = 0.5;
    /** Default longest honoured {@code Retry-After}: 30 s. */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(30);

    /** Validates. */
    public RetryOptions {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1]");
        }
    }

    /** @return the documented defaults */
    public static RetryOptions defaults() {
        return new RetryOptions(DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_JITTER,
                DEFAULT_MAX_RETRY_AFTER);
    }

    /** @return options that never retry */
    public static RetryOptions none() {
        return defaults().withMaxAttempts(1);
    }

    /** @param n total attempts @return a copy */
    public RetryOptions withMaxAttempts(int n) {
        return new RetryOptions(n, initialBackoff, maxBackoff, jitter, maxRetryAfter);
    }

    /** @param initial first delay @param max cap @return a copy */
    public RetryOptions withBackoff(Duration initial, Duration max) {
        return new RetryOptions(maxAttempts, initial, max, jitter, maxRetryAfter);
    }

    /** @param factor jitter in [0, 1] @return a copy */
    public RetryOptions withJitter(double factor) {
        return new RetryOptions(maxAttempts, initialBackoff, maxBackoff, factor, maxRetryAfter);
    }

    /** @param max longest honoured Retry-After @return a copy */
    public RetryOptions withMaxRetryAfter(Duration max) {
        return new RetryOptions(maxAttempts, initialBackoff, maxBackoff, jitter, max);
    }
}
