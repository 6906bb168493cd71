package org.synnefo.reactive.core.waiter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
        Objects.requireNonNull(predicate);
        Objects.requireNonNull(reason);
        return acceptor(new FailureAcceptor<>(predicate, reason));
    }

    /** A value acceptor that also knows how to describe the failure it detects. */
    private static final class FailureAcceptor<T> implements Acceptor<T> {
        private final Predicate<? super T> predicate;
        private final Function<? super T, String> reason;

        FailureAcceptor(Predicate<? super T> predicate, Function<? super T, String> reason) {
            this.predicate = predicate;
            this.reason = reason;
        }

        @Override
        public Outcome onValue(T value) {
            return predicate.test(value) ? Outcome.FAILURE : Outcome.NO_MATCH;
        }
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
     * <p>The first poll is immediate. A poll that takes longer than {@link #pollTimeout()} fails with a
     * {@link java.util.concurrent.TimeoutException}, and a poll that completes empty with a
     * {@link java.util.NoSuchElementException}: acceptors see both like any other polling error, so
     * {@link #retryOnErrorWhen} can tolerate them. An error no acceptor matches fails the waiter with that
     * error unchanged. Every delay and timeout runs on {@link #scheduler()} (virtual time in tests).
     *
     * @param poll fetches the current state; subscribed once per poll
     * @return the observed states
     */
    public Flux<T> watch(Mono<T> poll) {
        Objects.requireNonNull(poll, "poll");
        return Flux.defer(() -> {
            // per subscription: each subscriber waits on its own schedule
            AtomicReference<T> last = new AtomicReference<>();
            AtomicInteger polls = new AtomicInteger();
            Flux<Decision<T>> polling = Mono.defer(() -> pollOnce(poll, last))
                    .repeatWhen(done -> done.concatMap(x -> Mono.delay(delayAfterPoll(polls.getAndIncrement(),
                            ThreadLocalRandom.current().nextDouble()), scheduler)));
            Mono<Decision<T>> timeout = Mono.delay(deadline, scheduler).map(x -> Decision.deadline());
            return Flux.merge(polling, timeout)
                    .takeUntil(Decision::terminal)
                    .handle((d, sink) -> {
                        if (d.kind == Kind.DEADLINE) {
                            sink.error(new WaiterTimeoutException("timed out after " + deadline + " waiting for "
                                    + description, last.get(), deadline));
                            return;
                        }
                        if (d.hasValue) {
                            sink.next(d.value);
                        }
                        if (d.error != null) {
                            sink.error(d.error);
                        } else if (d.kind == Kind.SUCCESS) {
                            sink.complete();
                        }
                    });
        });
    }

    private enum Kind { CONTINUE, SUCCESS, FAILED, DEADLINE }

    /** The result of one poll after the acceptors spoke. */
    private static final class Decision<T> {
        final Kind kind;
        final boolean hasValue;
        final T value;
        final Throwable error;

        Decision(Kind kind, boolean hasValue, T value, Throwable error) {
            this.kind = kind;
            this.hasValue = hasValue;
            this.value = value;
            this.error = error;
        }

        static <T> Decision<T> deadline() {
            return new Decision<>(Kind.DEADLINE, false, null, null);
        }

        boolean terminal() {
            return kind != Kind.CONTINUE;
        }
    }

    private Mono<Decision<T>> pollOnce(Mono<T> poll, AtomicReference<T> last) {
        return poll.timeout(pollTimeout, scheduler)
                .map(value -> {
                    last.set(value);
                    return onValue(value);
                })
                .switchIfEmpty(Mono.fromSupplier(() -> onError(new java.util.NoSuchElementException(
                        "the poll of " + description + " completed without a value"))))
                .onErrorResume(e -> Mono.just(onError(e)));
    }

    private Decision<T> onValue(T value) {
        for (Acceptor<T> a : acceptors) {
            Acceptor.Outcome o = a.onValue(value);
            switch (o) {
                case SUCCESS:
                    return new Decision<>(Kind.SUCCESS, true, value, null);
                case FAILURE:
                    String reason = a instanceof FailureAcceptor<T> f ? f.reason.apply(value)
                            : "reached a state from which it cannot succeed";
                    return new Decision<>(Kind.FAILED, true, value, new WaiterFailureException(
                            "waiting for " + description + " failed: " + reason, value, null));
                case RETRY:
                    return new Decision<>(Kind.CONTINUE, true, value, null);
                default:
                    break;
            }
        }
        return new Decision<>(Kind.CONTINUE, true, value, null);
    }

    private Decision<T> onError(Throwable error) {
        for (Acceptor<T> a : acceptors) {
            Acceptor.Outcome o = a.onError(error);
            switch (o) {
                case SUCCESS:
                    // e.g. waiting for a deletion: the 404 is the awaited state
                    return new Decision<>(Kind.SUCCESS, false, null, null);
                case FAILURE:
                    return new Decision<>(Kind.FAILED, false, null, new WaiterFailureException(
                            "waiting for " + description + " failed: " + error.getMessage(), null, error));
                case RETRY:
                    return new Decision<>(Kind.CONTINUE, false, null, null);
                default:
                    break;
            }
        }
        return new Decision<>(Kind.FAILED, false, null, error);
    }

    /**
     * The delay after poll number {@code pollIndex} (0 = after the first poll): {@code initialDelay *
     * multiplier^pollIndex}, capped at {@code maxDelay}, varied by up to +/- {@code jitter} and capped again.
     *
     * @param pollIndex the index of the poll just made
     * @param random a value in [0, 1)
     * @return the delay
     */
    Duration delayAfterPoll(int pollIndex, double random) {
        double base = initialDelay.toNanos() * Math.pow(multiplier, Math.min(pollIndex, 1000));
        double capped = Math.min(base, maxDelay.toNanos());
        double jittered = capped * (1 + jitter * (2 * random - 1));
        return Duration.ofNanos((long) Math.max(0, Math.min(jittered, maxDelay.toNanos())));
    }

    /**
     * Like {@link #watch} but gives only the final, successful state.
     *
     * @param poll fetches the current state
     * @return the final state; empty when an error acceptor declared success before any state was
     *         observed (e.g. the 404 that ends a wait for deletion)
     */
    public Mono<T> await(Mono<T> poll) {
        return watch(poll).takeLast(1).next();
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
