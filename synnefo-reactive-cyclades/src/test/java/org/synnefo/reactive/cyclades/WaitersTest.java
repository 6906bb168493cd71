package org.synnefo.reactive.cyclades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.core.json.SynnefoJson;
import org.synnefo.reactive.core.waiter.WaiterFailureException;
import org.synnefo.reactive.core.waiter.WaiterTimeoutException;
import org.synnefo.reactive.cyclades.compute.CycladesComputeClient;
import org.synnefo.reactive.cyclades.compute.Server;
import org.synnefo.reactive.cyclades.compute.ServerCreateRequest;
import org.synnefo.reactive.cyclades.compute.ServerStatus;
import org.synnefo.reactive.cyclades.internal.Waiters;
import org.synnefo.reactive.emulator.CycladesSeed;
import org.synnefo.reactive.emulator.FaultRule;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Waiter semantics under virtual time with scripted polls, and against the emulator. */
class WaitersTest {

    static final Waiters.Kind<Server> SERVER = new Waiters.Kind<>("server",
            s -> s.status() == null ? "" : s.status().value(), Set.of("ERROR"), Server::faultMessage);

    static Server server(String status, int progress) {
        return Server.fromJson(SynnefoJson.readTree(("{\"id\": 42, \"status\": \"" + status + "\", \"progress\": "
                + progress + ", \"diagnostics\": [{\"level\": \"ERROR\", \"message\": \"disk full\"}]}")
                .getBytes(StandardCharsets.UTF_8)));
    }

    /** A poll that answers the scripted states (or errors) one per subscription, repeating the last. */
    static Mono<Server> script(Object... steps) {
        Deque<Object> q = new ArrayDeque<>(List.of(steps));
        return Mono.defer(() -> {
            Object o = q.size() > 1 ? q.poll() : q.peek();
            return o instanceof Throwable t ? Mono.error(t) : Mono.just((Server) o);
        });
    }

    static NotFoundException notFound() {
        return new NotFoundException("itemNotFound", "Server not found.", "", "GET", "http://x/servers/42");
    }

    static final WaitOptions OPTS = WaitOptions.defaults().withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10))
            .withDeadline(Duration.ofMinutes(15));

    @Test
    void watchEmitsEveryStateWithProgressUntilActive() {
        StepVerifier.withVirtualTime(() -> Waiters.watchUntil(SERVER, "42", "ACTIVE",
                        script(server("BUILD", 0), server("BUILD", 40), server("BUILD", 80), server("ACTIVE", 100)),
                        OPTS, CycladesComputeClient.SERVER_WAIT_DEFAULTS))
                .expectNextMatches(s -> s.progress() == 0)
                .thenAwait(Duration.ofSeconds(15))
                .expectNextMatches(s -> s.progress() == 40)
                .thenAwait(Duration.ofSeconds(15))
                .expectNextMatches(s -> s.progress() == 80)
                .thenAwait(Duration.ofSeconds(15))
                .expectNextMatches(s -> s.status().equals(ServerStatus.ACTIVE))
                .verifyComplete();
    }

    @Test
    void errorFailsAtOnceWithTheFaultMessage() {
        StepVerifier.withVirtualTime(() -> Waiters.watchUntil(SERVER, "42", "ACTIVE",
                        script(server("BUILD", 10), server("ERROR", 0)), OPTS, CycladesComputeClient.SERVER_WAIT_DEFAULTS))
                .expectNextCount(1)
                .thenAwait(Duration.ofSeconds(15))
                .expectNextMatches(s -> s.status().is("ERROR"))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(WaiterFailureException.class).hasMessageContaining("disk full")
                            .hasMessageContaining("server 42 is ERROR");
                    assertThat(((Server) ((WaiterFailureException) e).state()).status()).isEqualTo(ServerStatus.ERROR);
                })
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void whileBuildSucceedsOnLeavingButFailsOnError() {
        StepVerifier.withVirtualTime(() -> Waiters.watchWhile(SERVER, "42", "BUILD",
                        script(server("BUILD", 10), server("STOPPED", 100)), OPTS,
                        CycladesComputeClient.SERVER_WAIT_DEFAULTS).last())
                .thenAwait(Duration.ofSeconds(15))
                .expectNextMatches(s -> s.status().is("STOPPED"))
                .verifyComplete();
        StepVerifier.withVirtualTime(() -> Waiters.watchWhile(SERVER, "42", "BUILD",
                        script(server("BUILD", 10), server("ERROR", 0)), OPTS,
                        CycladesComputeClient.SERVER_WAIT_DEFAULTS).last())
                .thenAwait(Duration.ofSeconds(15))
                .expectError(WaiterFailureException.class)
                .verify(Duration.ofSeconds(5));
        // waiting for ERROR itself is allowed
        StepVerifier.withVirtualTime(() -> Waiters.watchUntil(SERVER, "42", "ERROR", script(server("ERROR", 0)),
                        OPTS, CycladesComputeClient.SERVER_WAIT_DEFAULTS).last())
                .expectNextMatches(s -> s.status().is("ERROR"))
                .verifyComplete();
    }

    @Test
    void deadlineFailsWithTheLastObservedState() {
        WaitOptions shortDeadline = OPTS.withDeadline(Duration.ofMinutes(2));
        StepVerifier.withVirtualTime(() -> Waiters.watchUntil(SERVER, "42", "ACTIVE", script(server("BUILD", 7)),
                        shortDeadline, CycladesComputeClient.SERVER_WAIT_DEFAULTS).last())
                .thenAwait(Duration.ofMinutes(3))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(WaiterTimeoutException.class);
                    WaiterTimeoutException t = (WaiterTimeoutException) e;
                    assertThat(((Server) t.lastState()).progress()).isEqualTo(7);
                    assertThat(t.deadline()).isEqualTo(Duration.ofMinutes(2));
                })
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void notFoundIsToleratedDuringTheGraceOnly() {
        // the server is not visible for the first two polls after the create, then it is
        StepVerifier.withVirtualTime(() -> Waiters.watchUntil(SERVER, "42", "ACTIVE",
                        script(notFound(), notFound(), server("ACTIVE", 100)), OPTS,
                        CycladesComputeClient.SERVER_WAIT_DEFAULTS).last())
                .thenAwait(Duration.ofSeconds(25))
                .expectNextMatches(s -> s.status().is("ACTIVE"))
                .verifyComplete();
        // without grace the first 404 fails
        StepVerifier.withVirtualTime(() -> Waiters.watchUntil(SERVER, "42", "ACTIVE",
                        script(notFound(), server("ACTIVE", 100)), OPTS.withNotFoundGrace(Duration.ZERO),
                        CycladesComputeClient.SERVER_WAIT_DEFAULTS).last())
                .expectError(NotFoundException.class)
                .verify(Duration.ofSeconds(5));
        // a 404 once the grace has passed fails too (the server was deleted meanwhile)
        AtomicInteger polls = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> Waiters.watchUntil(SERVER, "42", "ACTIVE",
                        Mono.defer(() -> polls.incrementAndGet() < 5 ? Mono.just(server("BUILD", 1))
                                : Mono.error(notFound())),
                        OPTS.withNotFoundGrace(Duration.ofSeconds(5)), CycladesComputeClient.SERVER_WAIT_DEFAULTS))
                .expectNextCount(1)
                .thenAwait(Duration.ofMinutes(2))
                .expectNextCount(3)
                .expectError(NotFoundException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void cancellingStopsPolling() {
        AtomicInteger polls = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> Waiters.watchUntil(SERVER, "42", "ACTIVE",
                        Mono.fromSupplier(() -> {
                            polls.incrementAndGet();
                            return server("BUILD", 1);
                        }), OPTS, CycladesComputeClient.SERVER_WAIT_DEFAULTS))
                .expectNextCount(1)
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        assertThat(polls).hasValue(1);
    }

    @Test
    void serverErrorFromTheCloudFailsTheRealWaiter() {
        try (Cloud cloud = Cloud.start()) {
            Server s = cloud.compute.createServer(ServerCreateRequest.builder("doomed", "1", CycladesSeed.DEBIAN_IMAGE)
                    .build()).block(Duration.ofSeconds(10));
            String errorBody = "{\"server\": {\"id\": " + s.id() + ", \"name\": \"doomed\", \"status\": \"ERROR\", "
                    + "\"progress\": 0, \"fault\": {\"code\": 500, \"message\": \"Ganeti job failed: out of disk\"}}}";
            cloud.emulator.faults().add(FaultRule.builder().method("GET").path("/compute/v2\\.0/servers/" + s.id())
                    .respond(200, Map.of("Content-Type", "application/json"), errorBody).build());
            assertThatThrownBy(() -> cloud.compute.waitServerUntil(s.id(), ServerStatus.ACTIVE, Cloud.FAST)
                    .block(Duration.ofSeconds(10)))
                    .isInstanceOf(WaiterFailureException.class)
                    .hasMessageContaining("Ganeti job failed: out of disk");
        }
    }

    @Test
    void buildProgressIsVisibleInTheWatch() {
        try (Cloud cloud = Cloud.start(b -> b.stateDelay(Duration.ofMillis(1500)))) {
            Server s = cloud.compute.createServer(ServerCreateRequest.builder("slow", "1", CycladesSeed.DEBIAN_IMAGE)
                    .build()).block(Duration.ofSeconds(10));
            List<Server> states = cloud.compute.watchServerUntil(s.id(), ServerStatus.ACTIVE,
                    WaitOptions.defaults().withBackoff(Duration.ofMillis(50), Duration.ofMillis(100)))
                    .collectList().block(Duration.ofSeconds(20));
            assertThat(states.get(0).status()).isEqualTo(ServerStatus.BUILD);
            assertThat(states.get(states.size() - 1).status()).isEqualTo(ServerStatus.ACTIVE);
            assertThat(states.get(states.size() - 1).progress()).isEqualTo(100);
            assertThat(states).extracting(Server::progress).isSorted();
            assertThat(states).anySatisfy(x -> assertThat(x.progress()).isBetween(1, 99));
        }
    }
}
