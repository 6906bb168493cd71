package org.synnefo.reactive.cyclades;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.cyclades.compute.CycladesComputeClient;
import org.synnefo.reactive.cyclades.compute.Server;
import org.synnefo.reactive.cyclades.compute.ServerCreateRequest;
import org.synnefo.reactive.cyclades.compute.ServerStatus;
import org.synnefo.reactive.emulator.CycladesSeed;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** A thousand waiters sharing one client and a pool of 16 connections. */
class ConcurrentWaitersTest {

    @Test
    void thousandWaitersCompleteOnSixteenConnections() {
        try (Cloud cloud = Cloud.start(b -> b.stateDelay(Duration.ofSeconds(1)))) {
            SynnefoTransport small = SynnefoTransport.builder().name("waiters-16").maxConnections(16).build();
            try {
                CycladesComputeClient compute = CycladesComputeClient.builder()
                        .endpoint(cloud.emulator.baseUrl() + "/compute/v2.0").token(cloud.user.token())
                        .options(ClientOptions.builder().transport(small).build()).build();
                List<String> ids = Flux.range(0, 10)
                        .flatMap(i -> compute.createServer(ServerCreateRequest.builder("w" + i, "1",
                                CycladesSeed.DEBIAN_IMAGE).inheritImageMetadata(false).build()))
                        .map(Server::id).collectList().block(Duration.ofSeconds(30));
                WaitOptions opts = WaitOptions.defaults().withBackoff(Duration.ofMillis(100), Duration.ofMillis(300))
                        .withDeadline(Duration.ofSeconds(60));

                AtomicInteger maxAllocated = new AtomicInteger();
                Disposable sampler = Flux.interval(Duration.ofMillis(5), Schedulers.parallel())
                        .subscribe(x -> maxAllocated.accumulateAndGet(small.poolStats().allocated(), Math::max));
                List<Server> done;
                try {
                    done = Flux.range(0, 1000)
                            .flatMap(i -> compute.waitServerUntil(ids.get(i % ids.size()), ServerStatus.ACTIVE, opts),
                                    1000)
                            .collectList().block(Duration.ofSeconds(90));
                } finally {
                    sampler.dispose();
                }
                assertThat(done).hasSize(1000).allSatisfy(s -> assertThat(s.status()).isEqualTo(ServerStatus.ACTIVE));
                System.out.println("1000 waiters: max allocated connections " + maxAllocated.get() + ", pool now "
                        + small.poolStats());
                assertThat(maxAllocated.get()).isBetween(1, 16);
                assertThat(small.poolStats().allocated()).isLessThanOrEqualTo(16);
                assertThat(small.poolStats().acquired()).isZero();
            } finally {
                small.dispose();
            }
        }
    }
}
