package org.synnefo.reactive.astakos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.astakos.internal.SingleFlightCache;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The per-key single-flight cache behind authentication and catalog caching. */
class SingleFlightCacheTest {

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }
    }

    @Test
    void concurrentCallersShareOneLoad() {
        AtomicInteger loads = new AtomicInteger();
        Sinks.One<String> answer = Sinks.one();
        MutableClock clock = new MutableClock();
        SingleFlightCache<String, String> cache = new SingleFlightCache<>(k -> {
            loads.incrementAndGet();
            return answer.asMono();
        }, v -> clock.instant().plusSeconds(60), clock);

        // 100 subscribers on parallel threads, all before the answer arrives
        Mono<List<String>> all = Flux.range(0, 100).parallel().runOn(Schedulers.parallel())
                .flatMap(i -> cache.get("t")).sequential().collectList();
        StepVerifier.create(all)
                .then(() -> answer.tryEmitValue("v"))
                .assertNext(l -> assertThat(l).hasSize(100).containsOnly("v"))
                .verifyComplete();
        assertThat(loads).hasValue(1);

        // still fresh: served from the cache
        StepVerifier.create(cache.get("t")).expectNext("v").verifyComplete();
        assertThat(loads).hasValue(1);
    }

    @Test
    void valuesExpireAndErrorsAreNotCached() {
        AtomicInteger loads = new AtomicInteger();
        MutableClock clock = new MutableClock();
        SingleFlightCache<String, String> cache = new SingleFlightCache<>(k -> Mono.defer(() -> {
            int n = loads.incrementAndGet();
            return n == 1 ? Mono.error(new IllegalStateException("boom")) : Mono.just(k + n);
        }), v -> clock.instant().plusSeconds(60), clock);

        StepVerifier.create(cache.get("a")).expectErrorMessage("boom").verify();
        StepVerifier.create(cache.get("a")).expectNext("a2").verifyComplete();
        StepVerifier.create(cache.get("a")).expectNext("a2").verifyComplete();
        assertThat(loads).hasValue(2);

        clock.advance(Duration.ofSeconds(61));
        StepVerifier.create(cache.get("a")).expectNext("a3").verifyComplete();
        assertThat(loads).hasValue(3);

        // several keys live at once
        StepVerifier.create(cache.get("b")).expectNext("b4").verifyComplete();
        StepVerifier.create(cache.get("a")).expectNext("a3").verifyComplete();
        assertThat(cache.size()).isEqualTo(2);

        cache.invalidate("a");
        StepVerifier.create(cache.get("a")).expectNext("a5").verifyComplete();

        // a value loaded just now survives invalidateIfOlderThan; an older one does not
        cache.invalidateIfOlderThan("a", Duration.ofSeconds(5));
        StepVerifier.create(cache.get("a")).expectNext("a5").verifyComplete();
        clock.advance(Duration.ofSeconds(5));
        cache.invalidateIfOlderThan("a", Duration.ofSeconds(5));
        StepVerifier.create(cache.get("a")).expectNext("a6").verifyComplete();
        StepVerifier.create(cache.get("b")).expectNext("b4").verifyComplete();
        assertThat(loads).hasValue(6);
    }

    @Test
    void invalidatingDuringALoadKeepsTheLoad() {
        AtomicInteger loads = new AtomicInteger();
        Sinks.One<String> answer = Sinks.one();
        MutableClock clock = new MutableClock();
        SingleFlightCache<String, String> cache = new SingleFlightCache<>(k -> {
            loads.incrementAndGet();
            return answer.asMono();
        }, v -> clock.instant().plusSeconds(60), clock);
        Mono<String> first = cache.get("t");
        StepVerifier.create(first.zipWith(Mono.defer(() -> {
            cache.invalidate("t");
            return cache.get("t");
        }))).then(() -> answer.tryEmitValue("v"))
                .assertNext(t -> assertThat(t.getT1()).isEqualTo("v").isEqualTo(t.getT2())).verifyComplete();
        assertThat(loads).hasValue(1);
    }
}
