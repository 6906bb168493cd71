package org.synnefo.reactive.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Proves that BlockHound is active in this test JVM: a blocking call on a non-blocking Reactor
 * thread must fail. If the agent were not installed (missing argLine, missing dependency), the
 * sleep would succeed silently and this test would fail.
 */
class BlockHoundInstalledTest {

    @Test
    void blockingCallOnParallelSchedulerIsDetected() {
        Mono<Void> blocking = Mono.fromRunnable(() -> {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .subscribeOn(Schedulers.parallel())
                .then();

        StepVerifier.create(blocking)
                .expectErrorSatisfies(e -> assertThat(e)
                        .isInstanceOf(BlockingOperationError.class)
                        .hasMessageContaining("Thread.sleep"))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void blockingCallOnBoundedElasticIsAllowed() {
        Mono<String> allowed = Mono.fromCallable(() -> {
                    Thread.sleep(1);
                    return "ok";
                })
                .subscribeOn(Schedulers.boundedElastic());
        StepVerifier.create(allowed).expectNext("ok").verifyComplete();
    }
}
