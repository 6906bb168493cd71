package org.synnefo.reactive.core.waiter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * An immutable, copy-on-write description of how to wait for a resource to reach a state by polling, in
 * the manner of Reactor's {@code RetryBackoffSpec}: every method returns a new spec. {@link #watch} emits
 * every observed state; {@link #await} gives the final one. Between polls the delay grows exponentially
 * from {@link #initialDelay()} up to {@link #maxDelay()}, with jitter; every poll has a timeout; the whole
 * wait has a deadline whose error carries the last observed state. Cancelling the subscription stops
 * polling at once: no thread sleeps, all delays are scheduler timers.
 *
 * @param <T> the polled type
 */
public final class WaiterSpec<T> {

    /** Default delay before the second poll (the first is immediate): 500 ms. */
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofMillis(500);
    /** Default cap of the delay between polls: 10 s. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(10);
    /** Default growth factor of the delay: 1.5. */
    public static final double DEFAULT_MULTIPLIER = 1.5;
    /** Default jitter factor: 0.25 (each delay varies by up to 25 %). */
    public static final double DEFAULT_JITTER = 0.25;
    /** Default timeout of one poll: 30 s. */
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofSeconds(30);
    /** Default overall deadline: 15 min. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(15);

    private final String description;
    private final List<Acceptor<T>> acceptors;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final double multiplier;
    private final double jitter;
    private final Duration pollTimeout;
    private final Duration deadline;
    private final Scheduler scheduler;

    private WaiterSpec(String description, List<Acceptor<T>> acceptors, Duration initialDelay, Duration maxDelay,
            double multiplier, double jitter, Duration pollTimeout, Duration deadline, Scheduler scheduler) {
        this.description = description;
        this.acceptors = acceptors;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.multiplier = multiplier;
        this.jitter = jitter;
        this.pollTimeout = pollTimeout;
        this.deadline = deadline;
        this.scheduler = scheduler;
    }

    /**
     * A spec with the documented defaults and no acceptors.
     *
     * @param description what is awaited, for error messages (e.g. {@code "server 42 to become ACTIVE"})
     * @param <T> the polled type
     * @return the spec
     */
    public static <T> WaiterSpec<T> create(String description) {
        return new WaiterSpec<>(Objects.requireNonNull(description), List.of(), DEFAULT_INITIAL_DELAY,
                DEFAULT_MAX_DELAY, DEFAULT_MULTIPLIER, DEFAULT_JITTER, DEFAULT_POLL_TIMEOUT, DEFAULT_DEADLINE,
                Schedulers.parallel());
    }

    /**
     * Appends an acceptor (acceptors are asked in the order added).
     *
     * @param acceptor the acceptor
     * @return a copy
     */
    public WaiterSpec<T> acceptor(Acceptor<T> acceptor) {
        List<Acceptor<T>> a = new ArrayList<>(acceptors);
        a.add(Objects.requireNonNull(acceptor));
        return new WaiterSpec<>(description, List.copyOf(a), initialDelay, maxDelay, multiplier, jitter, pollTimeout,
                deadline, scheduler);
    }

    /**
     * Succeeds on a state matching {@code predicate}.
     *
     * @param predicate the wanted state
     * @return a copy
     */
    public WaiterSpec<T> successWhen(Predicate<? super T> predicate) {
        Objects.requireNonNull(predicate);
        return acceptor(new Acceptor<>() {
            @Override
            public Outcome onValue(T value) {
                return predicate.test(value) ? Outcome.SUCCESS : Outcome.NO_MATCH;
            }
        });
    }

    /**
     * Fails on a state matching {@code predicate} with a {@link WaiterFailureException} whose message is
     * {@code reason} applied to the state (e.g. the server's fault message).
     *
     * @param predicate the hopeless state
     * @param reason the failure message for that state
     * @return a copy
     */
    public WaiterSpec<T> failureWhen(Predicate<? super T> predicate, Function<? super T, String> reason) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * Keeps polling when a poll fails with a matching error (e.g. a 404 right after a create).
     *
     * @param predicate the tolerated errors
     * @return a copy
     */
    public WaiterSpec<T> retryOnErrorWhen(Predicate<? super Throwable> predicate) {
        Objects.requireNonNull(predicate);
        return acceptor(new Acceptor<>() {
            @Override
            public Outcome onError(Throwable error) {
                return predicate.test(error) ? Outcome.RETRY : Outcome.NO_MATCH;
            }
        });
    }

    /**
     * @param first the delay before the second poll
     * @param max the cap of the delay
     * @return a copy
     */
    public WaiterSpec<T> backoff(Duration first, Duration max) {
        return new WaiterSpec<>(description, acceptors, Objects.requireNonNull(first), Objects.requireNonNull(max),
                multiplier, jitter, pollTimeout, deadline, scheduler);
    }

    /** @param factor growth factor of the delay (>= 1) @return a copy */
    public WaiterSpec<T> multiplier(double factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("multiplier must be >= 1");
        }
        return new WaiterSpec<>(description, acceptors, initialDelay, maxDelay, factor, jitter, pollTimeout, deadline,
                scheduler);
    }

    /** @param factor jitter factor in [0, 1] @return a copy */
    public WaiterSpec<T> jitter(double factor) {
        if (factor < 0 || factor > 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1]");
        }
        return new WaiterSpec<>(description, acceptors, initialDelay, maxDelay, multiplier, factor, pollTimeout,
                deadline, scheduler);
    }

    /** @param timeout timeout of one poll @return a copy */
    public WaiterSpec<T> pollTimeout(Duration timeout) {
        return new WaiterSpec<>(description, acceptors, initialDelay, maxDelay, multiplier, jitter,
                Objects.requireNonNull(timeout), deadline, scheduler);
    }

    /** @param overall the overall deadline @return a copy */
    public WaiterSpec<T> deadline(Duration overall) {
        return new WaiterSpec<>(description, acceptors, initialDelay, maxDelay, multiplier, jitter, pollTimeout,
                Objects.requireNonNull(overall), scheduler);
    }

    /** @param timer the scheduler for delays and timeouts (virtual time in tests) @return a copy */
    public WaiterSpec<T> scheduler(Scheduler timer) {
        return new WaiterSpec<>(description, acceptors, initialDelay, maxDelay, multiplier, jitter, pollTimeout,
                deadline, Objects.requireNonNull(timer));
    }

    /**
     * Polls until an acceptor decides, emitting every observed state (the last one being the successful
     * state). Fails with {@link WaiterFailureException} or {@link WaiterTimeoutException}.
     *
     * @param poll fetches the current state; subscribed once per poll
     * @return the observed states
     */
    public Flux<T> watch(Mono<T> poll) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * Like {@link #watch} but gives only the final, successful state.
     *
     * @param poll fetches the current state
     * @return the final state
     */
    public Mono<T> await(Mono<T> poll) {
        return watch(poll).last();
    }

    /** @return what is awaited */
    public String description() {
        return description;
    }

    /** @return the acceptors in order */
    public List<Acceptor<T>> acceptors() {
        return acceptors;
    }

    /** @return the delay before the second poll */
    public Duration initialDelay() {
        return initialDelay;
    }

    /** @return the cap of the delay */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** @return the growth factor */
    public double multiplier() {
        return multiplier;
    }

    /** @return the jitter factor */
    public double jitter() {
        return jitter;
    }

    /** @return the per-poll timeout */
    public Duration pollTimeout() {
        return pollTimeout;
    }

    /** @return the overall deadline */
    public Duration deadline() {
        return deadline;
    }

    /** @return the timer scheduler */
    public Scheduler scheduler() {
        return scheduler;
    }
}
