package org.synnefo.reactive.core;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;

/**
 * What every service client built from the same options shares: the transport (one connection pool),
 * the resilience settings and the observability registries. Immutable; derive variants with
 * {@link #toBuilder()}.
 */
public final class ClientOptions {

    private static final ClientOptions DEFAULTS = builder().build();

    private final SynnefoTransport transport;
    private final RetryOptions retry;
    private final CircuitBreakerOptions circuitBreaker;
    private final RateLimiterOptions rateLimiter;
    private final BulkheadOptions bulkhead;
    private final ObservationRegistry observationRegistry;
    private final MeterRegistry meterRegistry;
    private final String userAgent;

    private ClientOptions(Builder b) {
        this.transport = b.transport;
        this.retry = b.retry;
        this.circuitBreaker = b.circuitBreaker;
        this.rateLimiter = b.rateLimiter;
        this.bulkhead = b.bulkhead;
        this.observationRegistry = b.observationRegistry;
        this.meterRegistry = b.meterRegistry;
        this.userAgent = b.userAgent;
    }

    /** @return the defaults: the shared transport, default retries and breaker, no metrics */
    public static ClientOptions defaults() {
        return DEFAULTS;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder initialised from these options */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.transport = transport;
        b.retry = retry;
        b.circuitBreaker = circuitBreaker;
        b.rateLimiter = rateLimiter;
        b.bulkhead = bulkhead;
        b.observationRegistry = observationRegistry;
        b.meterRegistry = meterRegistry;
        b.userAgent = userAgent;
        return b;
    }

    /** @return the transport; {@link SynnefoTransport#shared()} unless set */
    public SynnefoTransport transport() {
        return transport != null ? transport : SynnefoTransport.shared();
    }

    /** @return the retry options */
    public RetryOptions retry() {
        return retry;
    }

    /** @return the circuit breaker options */
    public CircuitBreakerOptions circuitBreaker() {
        return circuitBreaker;
    }

    /** @return the rate limiter options, or {@code null} when off */
    public RateLimiterOptions rateLimiter() {
        return rateLimiter;
    }

    /** @return the bulkhead options, or {@code null} when off */
    public BulkheadOptions bulkhead() {
        return bulkhead;
    }

    /** @return the observation registry; {@link ObservationRegistry#NOOP} unless set */
    public ObservationRegistry observationRegistry() {
        return observationRegistry;
    }

    /** @return the meter registry, or {@code null} when metrics are off */
    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /** @return the {@code User-Agent} header value */
    public String userAgent() {
        return userAgent;
    }

    /** Builds {@link ClientOptions}. */
    public static final class Builder {
        private SynnefoTransport transport;
        private RetryOptions retry = RetryOptions.defaults();
        private CircuitBreakerOptions circuitBreaker = CircuitBreakerOptions.defaults();
        private RateLimiterOptions rateLimiter;
        private BulkheadOptions bulkhead;
        private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;
        private MeterRegistry meterRegistry;
        private String userAgent = "synnefo-reactive/0.1";

        private Builder() {
        }

        /** @param transport the transport (connection pool) to share @return this */
        public Builder transport(SynnefoTransport transport) {
            this.transport = transport;
            return this;
        }

        /** @param retry retry options @return this */
        public Builder retry(RetryOptions retry) {
            this.retry = Objects.requireNonNull(retry);
            return this;
        }

        /** @param circuitBreaker breaker options @return this */
        public Builder circuitBreaker(CircuitBreakerOptions circuitBreaker) {
            this.circuitBreaker = Objects.requireNonNull(circuitBreaker);
            return this;
        }

        /** @param rateLimiter rate limiter options, or {@code null} for none @return this */
        public Builder rateLimiter(RateLimiterOptions rateLimiter) {
            this.rateLimiter = rateLimiter;
            return this;
        }

        /** @param bulkhead bulkhead options, or {@code null} for none @return this */
        public Builder bulkhead(BulkheadOptions bulkhead) {
            this.bulkhead = bulkhead;
            return this;
        }

        /** @param registry the observation registry @return this */
        public Builder observationRegistry(ObservationRegistry registry) {
            this.observationRegistry = Objects.requireNonNull(registry);
            return this;
        }

        /** @param registry the meter registry, or {@code null} for none @return this */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = registry;
            return this;
        }

        /** @param userAgent the User-Agent header value @return this */
        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent);
            return this;
        }

        /** @return the options */
        public ClientOptions build() {
            return new ClientOptions(this);
        }
    }
}
