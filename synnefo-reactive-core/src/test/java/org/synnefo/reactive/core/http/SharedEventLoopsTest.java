package org.synnefo.reactive.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.RetryOptions;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.core.TokenProvider;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * Stopping the shared event loops (what a command line does before exiting) leaves transports usable: the
 * next exchange starts new loops. (A server on the shared loops would be stopped too; this one has its own.)
 */
class SharedEventLoopsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private LoopResources serverLoops;
    private DisposableServer server;
    private String base;

    @BeforeEach
    void start() {
        // the server gets loops of its own: the shared ones are what the test stops
        serverLoops = LoopResources.create("shared-loops-test-server", 1, true);
        server = HttpServer.create().host("127.0.0.1").port(0).runOn(serverLoops)
                .route(r -> r.get("/v1/ping", (req, res) -> res.sendString(Mono.just("pong"))))
                .bindNow();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.disposeNow();
        serverLoops.disposeLater().block(WAIT);
    }

    private static String ping(SynnefoTransport transport, String base) {
        SynnefoHttpClient c = SynnefoHttpClient.create("test", base + "/v1/", TokenProvider.none(),
                ClientOptions.builder().transport(transport).retry(RetryOptions.none()).build());
        return c.exchange(SynnefoRequest.get("ping")).map(SynnefoResponse::bodyAsString).block(WAIT);
    }

    @Test
    void transportsStillWorkAfterTheLoopsWereStopped() throws InterruptedException {
        SynnefoTransport before = SynnefoTransport.builder().name("loops-before").build();
        try {
            assertThat(ping(before, base)).isEqualTo("pong");
            long loopThreads = countLoopThreads();
            assertThat(loopThreads).isPositive();

            SynnefoTransport.shutdownSharedEventLoops(Duration.ofSeconds(5)).block(WAIT);
            // what the exit of a command line waits for: no loop thread may be left
            assertThat(loopThreadsGone()).isTrue();

            SynnefoTransport after = SynnefoTransport.builder().name("loops-after").build();
            try {
                assertThat(ping(after, base)).isEqualTo("pong");
                assertThat(ping(before, base)).isEqualTo("pong");
            } finally {
                after.dispose();
            }
        } finally {
            before.dispose();
        }
    }

    private static boolean loopThreadsGone() throws InterruptedException {
        // a thread whose loop has terminated may take a moment to leave run()
        for (int i = 0; i < 200 && countLoopThreads() > 0; i++) {
            Thread.sleep(10);
        }
        return countLoopThreads() == 0;
    }

    private static long countLoopThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("reactor-http-")).count();
    }
}
