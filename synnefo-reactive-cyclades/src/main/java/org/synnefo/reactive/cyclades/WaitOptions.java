package org.synnefo.reactive.cyclades;

import java.time.Duration;
import reactor.core.scheduler.Scheduler;

/**
 * Per-call overrides of how a waiter polls ({@code waitServerUntil}, {@code watchVolume}...). Every
 * component is optional: {@code null} means "the resource's default", documented on each client (a server
 * build is slower than a port becoming ACTIVE, so defaults differ per resource). Immutable; derive variants
 * with the {@code with...} methods:
 *
 * <pre>{@code
 * compute.waitServerUntil(id, ServerStatus.ACTIVE, WaitOptions.defaults().withDeadline(Duration.ofMinutes(5)))
 * }</pre>
 *
 * @param initialDelay delay before the second poll (the first poll is immediate); the delay then grows
 *        exponentially, with jitter, up to {@code maxDelay}
 * @param maxDelay cap of the delay between polls
 * @param pollTimeout timeout of one poll request
 * @param deadline overall deadline; when it passes the waiter fails with a
 *        {@link org.synnefo.reactive.core.waiter.WaiterTimeoutException} carrying the last observed state
 * @param notFoundGrace how long after the waiter starts a 404 counts as "not visible yet" (a resource just
 *        created may not be readable at once) rather than a failure; {@link Duration#ZERO} turns it off
 * @param scheduler the timer for delays and timeouts (a virtual-time scheduler in tests)
 */
public record WaitOptions(Duration initialDelay, Duration maxDelay, Duration pollTimeout, Duration deadline,
        Duration notFoundGrace, Scheduler scheduler) {

    private static final WaitOptions DEFAULTS = new WaitOptions(null, null, null, null, null, null);

    /** Validates the durations that are set. */
    public WaitOptions {
        positiveOrNull(initialDelay, "initialDelay");
        positiveOrNull(maxDelay, "maxDelay");
        positiveOrNull(pollTimeout, "pollTimeout");
        positiveOrNull(deadline, "deadline");
        if (notFoundGrace != null && notFoundGrace.isNegative()) {
            throw new IllegalArgumentException("notFoundGrace must not be negative");
        }
    }

    /** @return options that use every resource default */
    public static WaitOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param first delay before the second poll
     * @param max cap of the delay
     * @return a copy
     */
    public WaitOptions withBackoff(Duration first, Duration max) {
        return new WaitOptions(first, max, pollTimeout, deadline, notFoundGrace, scheduler);
    }

    /** @param timeout timeout of one poll @return a copy */
    public WaitOptions withPollTimeout(Duration timeout) {
        return new WaitOptions(initialDelay, maxDelay, timeout, deadline, notFoundGrace, scheduler);
    }

    /** @param overall overall deadline @return a copy */
    public WaitOptions withDeadline(Duration overall) {
        return new WaitOptions(initialDelay, maxDelay, pollTimeout, overall, notFoundGrace, scheduler);
    }

    /** @param grace how long a 404 is tolerated after the start; ZERO for never @return a copy */
    public WaitOptions withNotFoundGrace(Duration grace) {
        return new WaitOptions(initialDelay, maxDelay, pollTimeout, deadline, grace, scheduler);
    }

    /** @param timer the timer scheduler @return a copy */
    public WaitOptions withScheduler(Scheduler timer) {
        return new WaitOptions(initialDelay, maxDelay, pollTimeout, deadline, notFoundGrace, timer);
    }

    /**
     * Fills every unset component from {@code defaults}.
     *
     * @param defaults the resource's defaults
     * @return the merged options
     */
    public WaitOptions orElse(WaitOptions defaults) {
        return new WaitOptions(pick(initialDelay, defaults.initialDelay), pick(maxDelay, defaults.maxDelay),
                pick(pollTimeout, defaults.pollTimeout), pick(deadline, defaults.deadline),
                pick(notFoundGrace, defaults.notFoundGrace), pick(scheduler, defaults.scheduler));
    }

    private static <T> T pick(T a, T b) {
        return a != null ? a : b;
    }

    private static void positiveOrNull(Duration d, String what) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }
}
