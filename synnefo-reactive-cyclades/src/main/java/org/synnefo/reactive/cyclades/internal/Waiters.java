package org.synnefo.reactive.cyclades.internal;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.core.waiter.WaiterSpec;
import org.synnefo.reactive.cyclades.WaitOptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The one place the Cyclades waiters are assembled on core's {@link WaiterSpec}: "until" and "while"
 * conditions on a status, failure states that end the wait at once with a readable reason, and a 404
 * grace period measured on the waiter's own scheduler (so it follows virtual time in tests). Not API.
 */
public final class Waiters {

    private Waiters() {
    }

    /**
     * Describes one resource kind for waiting.
     *
     * @param kind the resource noun for messages ({@code server})
     * @param status the status of a state, as text
     * @param failureStates statuses that can never lead anywhere (compared case-insensitively)
     * @param failureReason the message for a failed state (e.g. the server's fault message)
     * @param <T> the state type
     */
    public record Kind<T>(String kind, Function<T, String> status, Set<String> failureStates,
            Function<T, String> failureReason) {

        /** Upper-cases the failure states for comparison. */
        public Kind {
            failureStates = failureStates.stream().map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        }

        boolean failed(T state, String awaited) {
            String s = norm(status.apply(state));
            return failureStates.contains(s) && !s.equals(awaited);
        }
    }

    /**
     * Polls until the status equals {@code target}, emitting every observed state.
     *
     * @param kind the resource kind
     * @param id the resource id (messages)
     * @param target the awaited status
     * @param poll one poll
     * @param options the caller's options, merged over {@code defaults}
     * @param defaults the resource defaults
     * @param <T> the state type
     * @return every observed state, the last being the one with the target status
     */
    public static <T> Flux<T> watchUntil(Kind<T> kind, String id, String target, Mono<T> poll, WaitOptions options,
            WaitOptions defaults) {
        String want = norm(target);
        return watch(kind, id, kind.kind() + " " + id + " to become " + target, want,
                s -> norm(kind.status().apply(s)).equals(want), poll, options, defaults);
    }

    /**
     * Polls while the status equals {@code current}, emitting every observed state.
     *
     * @param kind the resource kind
     * @param id the resource id
     * @param current the status to leave
     * @param poll one poll
     * @param options the caller's options
     * @param defaults the resource defaults
     * @param <T> the state type
     * @return every observed state, the last being the first one with another status
     */
    public static <T> Flux<T> watchWhile(Kind<T> kind, String id, String current, Mono<T> poll, WaitOptions options,
            WaitOptions defaults) {
        String leave = norm(current);
        return watch(kind, id, kind.kind() + " " + id + " to leave " + current, leave,
                s -> !norm(kind.status().apply(s)).equals(leave), poll, options, defaults);
    }

    private static <T> Flux<T> watch(Kind<T> kind, String id, String description, String awaited,
            java.util.function.Predicate<T> success, Mono<T> poll, WaitOptions options, WaitOptions defaults) {
        WaitOptions o = (options == null ? WaitOptions.defaults() : options).orElse(defaults);
        Scheduler timer = o.scheduler() != null ? o.scheduler() : Schedulers.parallel();
        return Flux.defer(() -> {
            long start = timer.now(TimeUnit.MILLISECONDS);
            long graceMillis = o.notFoundGrace() == null ? 0 : o.notFoundGrace().toMillis();
            WaiterSpec<T> spec = WaiterSpec.<T>create(description)
                    // failures are checked first: a "while BUILD" wait must not succeed on ERROR
                    .failureWhen(s -> kind.failed(s, awaited),
                            s -> kind.kind() + " " + id + " is " + kind.status().apply(s) + ": "
                                    + kind.failureReason().apply(s))
                    .successWhen(success)
                    .retryOnErrorWhen(e -> e instanceof NotFoundException
                            && timer.now(TimeUnit.MILLISECONDS) - start < graceMillis)
                    .backoff(o.initialDelay(), o.maxDelay())
                    .pollTimeout(o.pollTimeout())
                    .deadline(o.deadline())
                    .scheduler(timer);
            return spec.watch(poll);
        });
    }

    static String norm(String s) {
        return s == null ? "" : s.toUpperCase(Locale.ROOT);
    }
}
