package org.synnefo.reactive.pithos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.SynnefoException;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.core.UnauthorizedException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Tempauth against a small in-test server speaking Swift's v1.0 auth: tokens are issued by
 * {@code GET /auth/v1.0} and only the latest one is accepted under {@code /v1/AUTH_t}, so the test can
 * make the server forget a token (as a restarted Swift or an expired token does).
 */
class SwiftAuthTest {

    static final Duration T = Duration.ofSeconds(10);
    DisposableServer server;
    SynnefoTransport transport;
    ClientOptions options;
    final AtomicInteger auths = new AtomicInteger();
    final AtomicReference<String> valid = new AtomicReference<>();
    final AtomicReference<String> storagePath = new AtomicReference<>("/v1/AUTH_t");
    String authUrl;

    @BeforeEach
    void start() {
        server = HttpServer.create().host("127.0.0.1").port(0).route(r -> r
                .get("/auth/v1.0", (req, res) -> {
                    if (!"u:x".equals(req.requestHeaders().get("X-Auth-User"))
                            || !"k".equals(req.requestHeaders().get("X-Auth-Key"))) {
                        return res.status(401).sendString(Mono.just("<html><h1>Unauthorized</h1></html>"));
                    }
                    String tok = "AUTH_tk" + auths.incrementAndGet();
                    valid.set(tok);
                    return res.header("X-Auth-Token", tok).header("X-Storage-Token", tok)
                            .header("X-Storage-Url", "http://127.0.0.1:" + server.port() + storagePath.get())
                            .header("Content-Length", "0").send();
                })
                .route(q -> q.uri().startsWith("/v1/"), (req, res) -> {
                    if (!req.requestHeaders().get("X-Auth-Token", "").equals(valid.get())) {
                        return res.status(401).header("Content-Length", "0").send();
                    }
                    return res.status(200).header("Content-Type", "application/json")
                            .sendString(Mono.just("[{\"name\":\"c1\",\"count\":0,\"bytes\":0}]"));
                }))
                .bindNow();
        authUrl = "http://127.0.0.1:" + server.port() + "/auth/v1.0";
        transport = EmulatorSupport.transport("swift-auth-test");
        options = ClientOptions.builder().transport(transport).build();
    }

    @AfterEach
    void stop() {
        server.disposeNow();
        transport.dispose();
    }

    @Test
    void builderTakesEndpointAndAccountFromTheStorageUrlAndAuthenticatesOnce() {
        PithosClient c = PithosClient.builder().swiftAuth(authUrl, "u:x", "k").options(options).build();
        assertThat(auths).hasValue(0); // lazy
        assertThat(c.account()).isNull();
        assertThat(c.listContainers().map(ContainerEntry::name).collectList().block(T)).containsExactly("c1");
        assertThat(Flux.range(0, 8).flatMap(i -> c.listContainers().count()).collectList().block(T)).hasSize(8);
        assertThat(auths).hasValue(1);
    }

    @Test
    void aRejectedTokenIsRenewedOnceAndSharedByConcurrentCallers() {
        PithosClient c = PithosClient.builder().swiftAuth(authUrl, "u:x", "k").options(options).build();
        c.listContainers().blockLast(T);
        valid.set("forgotten"); // the server no longer knows AUTH_tk1
        List<Long> counts = Flux.range(0, 6).flatMap(i -> c.listContainers().count()).collectList().block(T);
        assertThat(counts).containsOnly(1L);
        assertThat(auths).hasValue(2); // one re-authentication for all six 401s
    }

    @Test
    void wrongKeyFailsWithUnauthorized() {
        PithosClient c = PithosClient.builder().swiftAuth(authUrl, "u:x", "bad").options(options).build();
        assertThatThrownBy(() -> c.listContainers().blockLast(T)).isInstanceOf(UnauthorizedException.class);
        SwiftAuth auth = SwiftAuth.tempauth(authUrl, "u:x", "bad", options);
        assertThatThrownBy(() -> auth.session().block(T)).isInstanceOf(UnauthorizedException.class);
        assertThat(auth.toString()).doesNotContain("bad");
    }

    @Test
    void aFailedAuthenticationIsNotCached() {
        storagePath.set("");
        SwiftAuth auth = SwiftAuth.tempauth(authUrl, "u:x", "k", options);
        assertThatThrownBy(() -> auth.session().block(T)).isInstanceOf(SynnefoException.class)
                .hasMessageContaining("account segment");
        storagePath.set("/v1/AUTH_t%20x");
        SwiftAuth.Session s = auth.session().block(T);
        assertThat(s.account()).isEqualTo("AUTH_t x");
        assertThat(s.endpoint()).endsWith("/v1");
        assertThat(s.toString()).doesNotContain(s.token());
        assertThat(auths).hasValue(2);
    }

    @Test
    void refreshOfAnOldTokenReturnsTheCurrentOneWithoutAuthenticating() {
        SwiftAuth auth = SwiftAuth.tempauth(authUrl, "u:x", "k", options);
        String first = auth.tokenProvider().token().block(T);
        String second = auth.tokenProvider().refresh(first).block(T);
        assertThat(second).isNotEqualTo(first);
        assertThat(auth.tokenProvider().refresh(first).block(T)).isEqualTo(second);
        assertThat(auths).hasValue(2);
    }
}
