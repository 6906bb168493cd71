package org.synnefo.reactive.core.http;

import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A small in-process Reactor Netty server on port 0 for the HTTP layer's tests. Every request is
 * recorded (method, raw URI as received, headers, body); routes are matched on the raw path prefix.
 */
final class TestServer implements AutoCloseable {

    /** One received request. */
    record Received(String method, String uri, HttpHeaders headers, byte[] body) {
        String bodyAsString() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A route handler, given the request and its aggregated body. */
    interface Route {
        Publisher<Void> handle(HttpServerRequest req, byte[] body, HttpServerResponse res);
    }

    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger hits = new AtomicInteger();
    private final DisposableServer server;

    TestServer() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle(this::dispatch)
                .bindNow();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    int port() {
        return server.port();
    }

    TestServer route(String pathPrefix, Route route) {
        routes.put(pathPrefix, route);
        return this;
    }

    TestServer route(String pathPrefix, BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> r) {
        return route(pathPrefix, (req, body, res) -> r.apply(req, res));
    }

    private Publisher<Void> dispatch(HttpServerRequest req, HttpServerResponse res) {
        hits.incrementAndGet();
        return req.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
            received.add(new Received(req.method().name(), req.uri(), req.requestHeaders().copy(), body));
            String path = req.uri();
            Route best = null;
            int bestLen = -1;
            for (Map.Entry<String, Route> e : routes.entrySet()) {
                if (path.startsWith(e.getKey()) && e.getKey().length() > bestLen) {
                    best = e.getValue();
                    bestLen = e.getKey().length();
                }
            }
            if (best == null) {
                return res.status(404).header("Content-Type", "application/json")
                        .sendString(Mono.just("{\"itemNotFound\": {\"code\": 404, \"message\": \"no route\"}}"))
                        .then();
            }
            return Mono.from(best.handle(req, body, res));
        });
    }

    Received last() {
        return received.get(received.size() - 1);
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
