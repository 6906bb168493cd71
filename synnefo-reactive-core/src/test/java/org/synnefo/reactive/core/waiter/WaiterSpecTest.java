package org.synnefo.reactive.core.waiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.NotFoundException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class WaiterSpecTest {

    /** A poll that answers the given states in order (an Exception entry is signalled as an error). */
    private static Mono<String> script(List<Object> answers, List<Long> pollTimes, VirtualTimeScheduler[] clock) {
        Iterator<Object> it = answers.iterator();
        return Mono.defer(() -> {
            pollTimes.add(clock[0].now(java.util.concurrent.TimeUnit.MILLISECONDS));
            Object next = it.next();
            return next instanceof RuntimeException e ? Mono.error(e) : Mono.just((String) next);
        });
    }

    private static WaiterSpec<String> activeSpec() {
        return WaiterSpec.<String>create("server 1 to become ACTIVE")
                .successWhen("ACTIVE"::equals)
                .failureWhen("ERROR"::equals, s -> "the server is in ERROR")
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(4))
                .multiplier(2)
                .jitter(0);
    }

    @Test
    void pollsImmediatelyThenOnACappedExponentialScheduleAndEmitsEveryState() {
        List<Long> times = new ArrayList<>();
        VirtualTimeScheduler[] clock = new VirtualTimeScheduler[1];
        StepVerifier.withVirtualTime(() -> {
                    clock[0] = VirtualTimeScheduler.get();
                    return activeSpec().scheduler(clock[0])
                            .watch(script(List.of("BUILD", "BUILD", "BUILD", "BUILD", "BUILD", "ACTIVE"), times, clock));
                })
                .expectNext("BUILD")
                .expectNoEvent(Duration.ofMillis(999))
                .thenAwait(Duration.ofMillis(1))
                .expectNext("BUILD")
                .thenAwait(Duration.ofSeconds(2))
                .expectNext("BUILD")
                .thenAwait(Duration.ofSeconds(4))
                .expectNext("BUILD")
                .thenAwait(Duration.ofSeconds(4))
                .expectNext("BUILD")
                .thenAwait(Duration.ofSeconds(4))
                .expectNext("ACTIVE")
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        // delays 1, 2, 4 (cap), 4, 4 seconds
        assertThat(times).containsExactly(0L, 1000L, 3000L, 7000L, 11000L, 15000L);
    }

    @Test
    void jitterStaysWithinItsBoundsAndTheCap() {
        WaiterSpec<String> spec = activeSpec().jitter(0.25);
        assertThat(spec.delayAfterPoll(0, 0.0)).isEqualTo(Duration.ofMillis(750));
        assertThat(spec.delayAfterPoll(0, 0.999999)).isBetween(Duration.ofMillis(1249), Duration.ofMillis(1250));
        assertThat(spec.delayAfterPoll(10, 0.999999)).isEqualTo(Duration.ofSeconds(4));
        assertThat(spec.delayAfterPoll(10, 0.0)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void deadlineCarriesTheLastObservedState() {
        AtomicInteger polls = new AtomicInteger();
        Mono<String> poll = Mono.fromSupplier(() -> "BUILD " + polls.incrementAndGet());
        StepVerifier.withVirtualTime(() -> activeSpec().deadline(Duration.ofSeconds(10))
                        .scheduler(VirtualTimeScheduler.get()).watch(poll))
                .expectNext("BUILD 1")
                .thenAwait(Duration.ofSeconds(10))
                .expectNext("BUILD 2", "BUILD 3", "BUILD 4")
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(WaiterTimeoutException.class)
                            .hasMessageContaining("server 1 to become ACTIVE");
                    assertThat(((WaiterTimeoutException) e).lastState()).isEqualTo("BUILD 4");
                    assertThat(((WaiterTimeoutException) e).deadline()).isEqualTo(Duration.ofSeconds(10));
                })
                .verify(Duration.ofSeconds(5));
        assertThat(polls).hasValue(4); // at 0, 1, 3, 7 s; the next would be at 11 s
    }

    @Test
    void toleratedErrorsKeepPollingAndUntoleratedOnesFail() {
        List<Long> times = new ArrayList<>();
        VirtualTimeScheduler[] clock = new VirtualTimeScheduler[1];
        NotFoundException notYet = new NotFoundException("itemNotFound", "Server not found.", "", "GET", "u");
        StepVerifier.withVirtualTime(() -> {
                    clock[0] = VirtualTimeScheduler.get();
                    return activeSpec().retryOnErrorWhen(NotFoundException.class::isInstance).scheduler(clock[0])
                            .watch(script(List.of(notYet, notYet, "BUILD", "ACTIVE"), times, clock));
                })
                .thenAwait(Duration.ofSeconds(3))
                .expectNext("BUILD")
                .thenAwait(Duration.ofSeconds(4))
                .expectNext("ACTIVE")
                .verifyComplete();
        assertThat(times).containsExactly(0L, 1000L, 3000L, 7000L);

        IllegalStateException boom = new IllegalStateException("boom");
        StepVerifier.withVirtualTime(() -> {
                    clock[0] = VirtualTimeScheduler.get();
                    return activeSpec().retryOnErrorWhen(NotFoundException.class::isInstance).scheduler(clock[0])
                            .watch(script(List.of("BUILD", boom), new ArrayList<>(), clock));
                })
                .expectNext("BUILD")
                .thenAwait(Duration.ofSeconds(1))
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(boom))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void failureStateIsEmittedThenFailsTheWaiter() {
        VirtualTimeScheduler[] clock = new VirtualTimeScheduler[1];
        StepVerifier.withVirtualTime(() -> {
                    clock[0] = VirtualTimeScheduler.get();
                    return activeSpec().scheduler(clock[0])
                            .watch(script(List.of("BUILD", "ERROR"), new ArrayList<>(), clock));
                })
                .expectNext("BUILD")
                .thenAwait(Duration.ofSeconds(1))
                .expectNext("ERROR")
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(WaiterFailureException.class)
                            .hasMessageContaining("the server is in ERROR");
                    assertThat(((WaiterFailureException) e).state()).isEqualTo("ERROR");
                    assertThat(((WaiterFailureException) e).isTransient()).isFalse();
                })
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void errorAcceptorsCanDeclareSuccessOrFailure() {
        NotFoundException gone = new NotFoundException("itemNotFound", "gone", "", "GET", "u");
        WaiterSpec<String> deletion = WaiterSpec.<String>create("server 1 to be deleted")
                .acceptor(new Acceptor<>() {
                    @Override
                    public Outcome onError(Throwable error) {
                        return error instanceof NotFoundException ? Outcome.SUCCESS : Outcome.FAILURE;
                    }
                });
        StepVerifier.withVirtualTime(() -> deletion.scheduler(VirtualTimeScheduler.get()).await(Mono.error(gone)))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        StepVerifier.withVirtualTime(() -> deletion.scheduler(VirtualTimeScheduler.get())
                        .watch(Mono.error(new IllegalArgumentException("bad"))))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(WaiterFailureException.class)
                        .hasCauseInstanceOf(IllegalArgumentException.class))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aTimedOutPollIsAnErrorTheAcceptorsMayTolerate() {
        AtomicInteger polls = new AtomicInteger();
        // the first poll hangs; the second answers
        Mono<String> poll = Mono.defer(() -> polls.incrementAndGet() == 1 ? Mono.never() : Mono.just("ACTIVE"));
        StepVerifier.withVirtualTime(() -> activeSpec().pollTimeout(Duration.ofSeconds(5))
                        .retryOnErrorWhen(TimeoutException.class::isInstance)
                        .scheduler(VirtualTimeScheduler.get()).watch(poll))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(5))
                .thenAwait(Duration.ofSeconds(1))
                .expectNext("ACTIVE")
                .verifyComplete();

        polls.set(0);
        StepVerifier.withVirtualTime(() -> activeSpec().pollTimeout(Duration.ofSeconds(5))
                        .scheduler(VirtualTimeScheduler.get()).watch(poll))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(5))
                .expectError(TimeoutException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void cancellationStopsPollingAndLeavesNoTimer() {
        AtomicInteger polls = new AtomicInteger();
        AtomicBoolean cancelled = new AtomicBoolean();
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        Mono<String> poll = Mono.fromSupplier(() -> "BUILD " + polls.incrementAndGet());
        StepVerifier.create(activeSpec().scheduler(vts).watch(poll).doOnCancel(() -> cancelled.set(true)))
                .expectNext("BUILD 1")
                .then(() -> vts.advanceTimeBy(Duration.ofSeconds(1)))
                .expectNext("BUILD 2")
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        assertThat(cancelled).isTrue();
        vts.advanceTimeBy(Duration.ofHours(1));
        assertThat(polls).hasValue(2);
        // the pending backoff and the deadline timers were disposed with the subscription
        assertThat(vts.isDisposed()).isFalse();
        vts.dispose();
    }

    @Test
    void awaitGivesTheFinalStateAndSpecsAreCopyOnWrite() {
        WaiterSpec<String> base = WaiterSpec.create("x");
        WaiterSpec<String> derived = base.successWhen("A"::equals).deadline(Duration.ofMinutes(1));
        assertThat(base.acceptors()).isEmpty();
        assertThat(base.deadline()).isEqualTo(WaiterSpec.DEFAULT_DEADLINE);
        assertThat(derived.acceptors()).hasSize(1);
        Iterator<String> states = List.of("B", "A").iterator();
        StepVerifier.withVirtualTime(() -> derived.scheduler(VirtualTimeScheduler.get())
                        .await(Mono.fromSupplier(states::next)))
                .thenAwait(Duration.ofSeconds(1))
                .expectNext("A")
                .verifyComplete();
        assertThatThrownBy(() -> base.multiplier(0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.jitter(2)).isInstanceOf(IllegalArgumentException.class);
    }
}
