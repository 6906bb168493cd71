package org.synnefo.reactive.core;

import reactor.core.publisher.Mono;

/**
 * Resolves service endpoints and supplies the token to call them with, so that a service client can be
 * built from a catalog ({@code PithosClient.builder().endpoints(astakos)}) without depending on the
 * Astakos module. The Astakos client implements it.
 */
public interface EndpointResolver {

    /**
     * The API root URL of a service type (the {@code SNF:exposeVersion} rule applied).
     *
     * @param serviceType the catalog type, e.g. {@code object-store}
     * @return the URL; an error when the catalog does not list the type
     */
    Mono<String> endpointUrl(String serviceType);

    /**
     * The token provider to call the resolved endpoints with.
     *
     * @return the provider
     */
    TokenProvider tokenProvider();

    /**
     * The client options (transport, resilience, observability) service clients built from this
     * resolver share by default, so that they reuse one connection pool.
     *
     * @return the options
     */
    default ClientOptions clientOptions() {
        return ClientOptions.defaults();
    }
}
