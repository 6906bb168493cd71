package org.synnefo.reactive.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.RetryOptions;
import org.synnefo.reactive.core.SynnefoTimeoutException;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.core.TokenProvider;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * A peer that accepts the TCP connection but never reads: the request body fills the socket buffers and
 * then makes no progress. Without a write timeout the call would hang forever (the response timeout only
 * starts once the request is fully sent); with one it fails with a transient timeout.
 */
class WriteTimeoutTest {

    @Test
    void stalledRequestBodyFailsWithTransientWriteTimeout() throws Exception {
        // the kernel completes the handshake from the backlog; nobody ever accepts or reads
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            SynnefoTransport transport = SynnefoTransport.builder().name("write-timeout-test")
                    .writeTimeout(Duration.ofMillis(300))
                    .build();
            try {
                SynnefoHttpClient client = SynnefoHttpClient.create("test",
                        "http://127.0.0.1:" + silent.getLocalPort(), TokenProvider.of("tok"),
                        ClientOptions.builder().transport(transport).retry(RetryOptions.none()).build());
                long total = 256L * 1024 * 1024;
                Flux<ByteBuffer> body = Flux.range(0, (int) (total / 65536)).map(i -> ByteBuffer.allocate(65536));
                StepVerifier.create(client.send(SynnefoRequest.put("stalled").body(body, total, null)))
                        .expectErrorSatisfies(e -> {
                            assertThat(e).isInstanceOf(SynnefoTimeoutException.class)
                                    .hasMessageContaining("write timeout");
                            assertThat(((SynnefoTimeoutException) e).isTransient()).isTrue();
                        })
                        .verify(Duration.ofSeconds(30));
            } finally {
                transport.dispose();
            }
        }
    }
}
