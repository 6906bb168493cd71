package org.synnefo.reactive.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.http.SynnefoHttpClient;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class ServiceClientBuilderTest {

    /** The smallest service builder: exposes the HTTP client it would build on. */
    static final class Probe extends ServiceClientBuilder<Probe> {
        SynnefoHttpClient build() {
            return httpClient("probe", "compute");
        }
    }

    @Test
    void fixedEndpointTrimsTrailingSlashAndNeedsToken() {
        SynnefoHttpClient c = new Probe().endpoint("http://h/compute/v2.0/").token("t").build();
        StepVerifier.create(c.baseUrl()).expectNext("http://h/compute/v2.0").verifyComplete();
        assertThatThrownBy(() -> new Probe().endpoint("http://h").build()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("token");
        assertThatThrownBy(() -> new Probe().token("t").build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void resolverSuppliesUrlTokenAndOptionsAndItsLookupIsCachedUntilItSucceeds() {
        AtomicInteger lookups = new AtomicInteger();
        ClientOptions shared = ClientOptions.builder().retry(RetryOptions.none()).build();
        EndpointResolver resolver = new EndpointResolver() {
            @Override
            public Mono<String> endpointUrl(String serviceType) {
                return Mono.defer(() -> lookups.incrementAndGet() == 1
                        ? Mono.error(new SynnefoException("catalog not reachable"))
                        : Mono.just("http://catalog/" + serviceType));
            }

            @Override
            public TokenProvider tokenProvider() {
                return TokenProvider.of("resolved");
            }

            @Override
            public ClientOptions clientOptions() {
                return shared;
            }
        };
        SynnefoHttpClient c = new Probe().endpoints(resolver).build();
        assertThat(c.options()).isSameAs(shared);
        StepVerifier.create(c.tokenProvider().token()).expectNext("resolved").verifyComplete();
        StepVerifier.create(c.baseUrl()).expectError(SynnefoException.class).verify();
        StepVerifier.create(c.baseUrl()).expectNext("http://catalog/compute").verifyComplete();
        StepVerifier.create(c.baseUrl()).expectNext("http://catalog/compute").verifyComplete();
        assertThat(lookups).hasValue(2);
        assertThatThrownBy(() -> new Probe().endpoints(resolver).endpoint("http://x").token("t").build())
                .isInstanceOf(IllegalStateException.class);
    }
}
