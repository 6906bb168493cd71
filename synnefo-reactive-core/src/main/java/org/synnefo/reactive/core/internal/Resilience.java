package org.synnefo.reactive.core.internal;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.synnefo.reactive.core.BulkheadOptions;
import org.synnefo.reactive.core.CallRejectedException;
import org.synnefo.reactive.core.CircuitBreakerOptions;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.RateLimiterOptions;
import org.synnefo.reactive.core.SynnefoException;
import org.synnefo.reactive.core.SynnefoTransport;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * The Resilience4j registries shared by every {@code SynnefoHttpClient} created with the same transport
 * and the same breaker, rate limiter and bulkhead settings (in practice: the same {@link ClientOptions}
 * or options derived from them), so all clients of one endpoint (key: service name + base URL) share one
 * breaker, one rate limiter and one bulkhead.
 */
final class Resilience {

    /** How often a call waiting for a bulkhead slot tries again (bulkheads never block a thread here). */
    static final Duration BULKHEAD_POLL = Duration.ofMillis(10);

    /**
     * Registries by transport (held weakly: a disposed, unreferenced transport takes its breakers with it),
     * then by resilience settings (records, compared by value), so that options derived with
     * {@code toBuilder()} that keep the transport and the settings keep sharing the breakers.
     */
    private static final Map<SynnefoTransport, Map<Settings, Resilience>> REGISTRIES =
            Collections.synchronizedMap(new WeakHashMap<>());

    private record Settings(CircuitBreakerOptions circuitBreaker, RateLimiterOptions rateLimiter,
            BulkheadOptions bulkhead) {
    }

    private final CircuitBreakerRegistry breakers;
    private final RateLimiterRegistry limiters;
    private final BulkheadRegistry bulkheads;
    private final Duration bulkheadWait;

    private Resilience(ClientOptions options) {
        CircuitBreakerOptions cb = options.circuitBreaker();
        this.breakers = cb.enabled() ? CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(cb.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(cb.slidingWindowSize())
                .minimumNumberOfCalls(cb.minimumNumberOfCalls())
                .waitDurationInOpenState(cb.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(cb.permittedCallsInHalfOpenState())
                // no automatic open -> half-open transition: it would need a thread; the next call probes
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .ignoreException(Resilience::isRejection)
                .recordException(Resilience::countsAsFailure)
                .build()) : null;
        RateLimiterOptions rl = options.rateLimiter();
        this.limiters = rl == null ? null : RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(rl.limitForPeriod())
                .limitRefreshPeriod(rl.limitRefreshPeriod())
                .timeoutDuration(rl.timeout())
                .build());
        BulkheadOptions bh = options.bulkhead();
        // a semaphore bulkhead with a wait blocks the calling thread: waiting is done below with timers
        this.bulkheads = bh == null ? null : BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(bh.maxConcurrentCalls())
                .maxWaitDuration(Duration.ZERO)
                .build());
        this.bulkheadWait = bh == null || bh.maxWaitDuration() == null ? Duration.ZERO : bh.maxWaitDuration();
    }

    static Resilience of(ClientOptions options) {
        Settings settings = new Settings(options.circuitBreaker(), options.rateLimiter(), options.bulkhead());
        return REGISTRIES.computeIfAbsent(options.transport(), t -> new ConcurrentHashMap<>())
                .computeIfAbsent(settings, s -> new Resilience(options));
    }

    /** Whether a failure says something about the endpoint's health: transient failures only. */
    static boolean countsAsFailure(Throwable t) {
        Throwable e = BodyPhaseFailure.unwrap(t);
        return e instanceof SynnefoException se && se.isTransient() && !(e instanceof CallRejectedException);
    }

    private static boolean isRejection(Throwable t) {
        return t instanceof CallRejectedException || t instanceof CallNotPermittedException
                || t instanceof RequestNotPermitted || t instanceof BulkheadFullException;
    }

    /** The breaker of an endpoint, or {@code null} when breakers are off. */
    CircuitBreaker breaker(String key) {
        return breakers == null ? null : breakers.circuitBreaker(key);
    }

    /**
     * Wraps one attempt: breaker outermost (an open breaker costs no rate-limit permit), then the rate
     * limiter, then the bulkhead.
     */
    <T> Flux<T> decorate(Flux<T> attempt, String key) {
        Flux<T> f = attempt;
        if (bulkheads != null) {
            Bulkhead bulkhead = bulkheads.bulkhead(key);
            f = f.transformDeferred(BulkheadOperator.of(bulkhead));
            if (!bulkheadWait.isZero() && !bulkheadWait.isNegative()) {
                long tries = Math.max(1, bulkheadWait.toMillis() / BULKHEAD_POLL.toMillis());
                f = f.retryWhen(Retry.fixedDelay(tries, BULKHEAD_POLL)
                        .scheduler(Schedulers.parallel())
                        .filter(BulkheadFullException.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
            }
        }
        if (limiters != null) {
            RateLimiter limiter = limiters.rateLimiter(key);
            f = f.transformDeferred(RateLimiterOperator.of(limiter));
        }
        CircuitBreaker breaker = breaker(key);
        if (breaker != null) {
            f = f.transformDeferred(CircuitBreakerOperator.of(breaker));
        }
        return f;
    }
}
