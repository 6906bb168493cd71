package org.synnefo.reactive.examples.webflux;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.synnefo.reactive.astakos.AstakosClient;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.cyclades.compute.CycladesComputeClient;
import org.synnefo.reactive.cyclades.network.CycladesNetworkClient;

/**
 * The clients, one of each, shared by every request: they are immutable and thread-safe. They share one
 * transport (one connection pool), which Spring disposes of on shutdown. Every client finds its endpoint
 * in Astakos' service catalog.
 */
@Configuration(proxyBeanMethods = false)
public class SynnefoConfiguration {

    /** @return the connection pool of every client */
    @Bean(destroyMethod = "dispose")
    public SynnefoTransport synnefoTransport() {
        return SynnefoTransport.builder().name("webflux-sample").build();
    }

    /**
     * @param properties the cloud
     * @param transport the connection pool
     * @return the identity client, the endpoint resolver of the others
     */
    @Bean
    public AstakosClient astakosClient(SynnefoProperties properties, SynnefoTransport transport) {
        return AstakosClient.builder().authUrl(properties.authUrl()).token(properties.token())
                .options(ClientOptions.builder().transport(transport).userAgent("synnefo-webflux-sample").build())
                .build();
    }

    /** @param astakos the resolver @return the compute client */
    @Bean
    public CycladesComputeClient computeClient(AstakosClient astakos) {
        return CycladesComputeClient.builder().endpoints(astakos).build();
    }

    /** @param astakos the resolver @return the network client */
    @Bean
    public CycladesNetworkClient networkClient(AstakosClient astakos) {
        return CycladesNetworkClient.builder().endpoints(astakos).build();
    }
}
