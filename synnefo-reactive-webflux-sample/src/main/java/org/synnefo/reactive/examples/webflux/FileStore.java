package org.synnefo.reactive.examples.webflux;

import java.time.Duration;
import org.springframework.stereotype.Component;
import org.synnefo.reactive.astakos.AstakosClient;
import org.synnefo.reactive.pithos.PithosClient;
import reactor.core.publisher.Mono;

/**
 * The Pithos container the service keeps its files in: my account (my uuid, learnt on the first request,
 * not at startup, so that the service starts even while the cloud is unreachable), the configured
 * container, created on first use. A failure is not remembered: the next request tries again.
 */
@Component
public class FileStore {

    private final Mono<PithosClient> container;

    /**
     * @param astakos the Astakos client (authentication and the catalog)
     * @param properties the container name
     */
    public FileStore(AstakosClient astakos, SynnefoProperties properties) {
        PithosClient base = PithosClient.builder().endpoints(astakos).build();
        String name = properties.container();
        this.container = astakos.authenticate()
                .map(auth -> base.withAccount(auth.userUuid()).withContainer(name))
                .flatMap(p -> p.createContainer(name).thenReturn(p))
                .cache(p -> Duration.ofHours(1), e -> Duration.ZERO, () -> Duration.ZERO);
    }

    /** @return the Pithos client of the files container */
    public Mono<PithosClient> container() {
        return container;
    }
}
