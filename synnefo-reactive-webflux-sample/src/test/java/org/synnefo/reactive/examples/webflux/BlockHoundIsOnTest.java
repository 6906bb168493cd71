package org.synnefo.reactive.examples.webflux;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** This module runs on JUnit 6 (Spring's); BlockHound must still be installed in its test JVMs. */
class BlockHoundIsOnTest {

    @Test
    void sleepingOnAParallelThreadFails() {
        assertThatThrownBy(() -> Mono.delay(Duration.ofMillis(1))
                .doOnNext(x -> {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .block(Duration.ofSeconds(10)))
                .hasMessageContaining("Blocking call");
    }
}
