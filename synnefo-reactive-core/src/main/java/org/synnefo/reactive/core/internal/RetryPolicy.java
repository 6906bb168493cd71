package org.synnefo.reactive.core.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.synnefo.reactive.core.CallRejectedException;
import org.synnefo.reactive.core.RetryOptions;
import org.synnefo.reactive.core.SynnefoException;
import org.synnefo.reactive.core.SynnefoHttpException;

/** The retry decision and delay: capped exponential backoff with jitter, or the server's Retry-After. */
final class RetryPolicy {

    private RetryPolicy() {
    }

    /** Transient library failures are retried; a client-side rejection never is (fail fast). */
    static boolean retryable(Throwable t) {
        return !(t instanceof BodyPhaseFailure) && t instanceof SynnefoException se && se.isTransient()
                && !(t instanceof CallRejectedException);
    }

    /**
     * The delay before the next attempt, or {@code null} to give up.
     *
     * @param options the retry options
     * @param retriesSoFar retries already made (0 after the first failed attempt)
     * @param failure the failure of the last attempt
     * @param random a value in [0, 1) for the jitter
     */
    static Duration nextDelay(RetryOptions options, long retriesSoFar, Throwable failure, double random) {
        if (!retryable(failure) || retriesSoFar + 1 >= options.maxAttempts()) {
            return null;
        }
        if (failure instanceof SynnefoHttpException http && http.retryAfter().isPresent()) {
            Duration ra = http.retryAfter().get();
            // a server asking for a longer pause than we are willing to wait: fail now, let the caller decide
            return ra.compareTo(options.maxRetryAfter()) > 0 ? null : ra;
        }
        return backoff(options, retriesSoFar, random);
    }

    static Duration nextDelay(RetryOptions options, long retriesSoFar, Throwable failure) {
        return nextDelay(options, retriesSoFar, failure, ThreadLocalRandom.current().nextDouble());
    }

    /** initial * 2^n, capped, then varied by +/- jitter and capped again. */
    static Duration backoff(RetryOptions options, long retriesSoFar, double random) {
        long initial = options.initialBackoff().toNanos();
        long cap = options.maxBackoff().toNanos();
        double exp = initial * Math.pow(2, Math.min(retriesSoFar, 62));
        double base = Math.min(exp, cap);
        double jittered = base * (1 + options.jitter() * (2 * random - 1));
        long nanos = (long) Math.max(0, Math.min(jittered, cap));
        return Duration.ofNanos(nanos);
    }
}
