package org.synnefo.reactive.emulator.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Dispatches a request to the service whose prefix is the longest match of the raw path, turning
 * every {@link EmulatorFault} (thrown or signalled) into the Synnefo fault envelope and anything
 * unexpected into a 500 {@code internalServerError}, so the server keeps serving.
 *
 * <p>Every handler's end is delivered to Reactor Netty as a separate task on the connection's event
 * loop, never inline and never from another thread (see {@link #handle}).
 */
public final class Router {

    private final EmulatorState state;
    private final List<ServiceHandler> handlers;
    private final FaultInjector faults;
    private final ServiceHandler admin;

    public Router(EmulatorState state, List<ServiceHandler> handlers, FaultInjector faults) {
        this(state, handlers, faults, null);
    }

    /**
     * @param admin the emulator's own admin API, mounted under {@link Endpoints#EMULATOR_ADMIN} and never
     *        subject to fault rules; {@code null} when the admin API is off
     */
    public Router(EmulatorState state, List<ServiceHandler> handlers, FaultInjector faults, ServiceHandler admin) {
        this.admin = admin;
        this.state = state;
        List<ServiceHandler> sorted = new ArrayList<>(handlers);
        sorted.sort(Comparator.comparingInt((ServiceHandler h) -> h.prefix().length()).reversed());
        this.handlers = List.copyOf(sorted);
        this.faults = faults;
    }

    /**
     * Handles one request. The handler's completion (which is when Reactor Netty writes the last part of
     * the response and ends the exchange) is moved to a later task of the connection's event loop. Why:
     * a handler that ends off the loop (after a journal fsync on bounded-elastic) lets the client's next
     * request on the keep-alive connection arrive before the exchange is over, so Reactor Netty buffers
     * it and replays it later from a loop task; if that replayed request's handler then ended inline,
     * inside the replay, Reactor Netty (1.3.x HttpTrafficHandler#resumeRead) saw the request's own
     * still-queued last content, scheduled another replay instead of a read, and the connection was
     * never read again, with auto-read off: the next request hung forever. Ending every exchange in its
     * own loop task keeps the replay and the end apart, and ends exchanges on the thread that reads.
     */
    public Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        Publisher<Void> handled = route(request, response);
        io.netty.channel.Channel[] channel = new io.netty.channel.Channel[1];
        request.withConnection(c -> channel[0] = c.channel());
        if (channel[0] == null) {
            return handled;
        }
        return Mono.from(handled).publishOn(Schedulers.fromExecutor(channel[0].eventLoop()));
    }

    private Publisher<Void> route(HttpServerRequest request, HttpServerResponse response) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        if (admin != null && (path.equals(admin.prefix()) || path.startsWith(admin.prefix() + "/"))) {
            Exchange exchange = new Exchange(request, response, state, admin.prefix());
            return dispatch(admin, exchange);
        }
        ServiceHandler target = null;
        for (ServiceHandler h : handlers) {
            if (path.equals(h.prefix()) || path.startsWith(h.prefix() + "/")) {
                target = h;
                break;
            }
        }
        Exchange exchange = new Exchange(request, response, state, target == null ? "" : target.prefix());
        ServiceHandler chosen = target;
        return faults.apply(exchange, () -> dispatch(chosen, exchange));
    }

    private Publisher<Void> dispatch(ServiceHandler target, Exchange exchange) {
        if (target == null) {
            return exchange.fault(EmulatorFault.notFound("API endpoint not found"));
        }
        Publisher<Void> result;
        try {
            result = target.handle(exchange);
        } catch (EmulatorFault f) {
            return exchange.fault(f);
        } catch (RuntimeException e) {
            return exchange.fault(internal(e));
        }
        return Flux.from(result).onErrorResume(e -> {
            if (exchange.response().hasSentHeaders()) {
                return Mono.error(e);
            }
            return Mono.from(exchange.fault(e instanceof EmulatorFault f ? f : internal(e)));
        });
    }

    private static EmulatorFault internal(Throwable e) {
        return new EmulatorFault(500, "internalServerError", "Internal server error")
                .withDetails(e.getClass().getName() + ": " + e.getMessage());
    }
}
