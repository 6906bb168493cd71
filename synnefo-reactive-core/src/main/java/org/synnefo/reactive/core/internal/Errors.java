package org.synnefo.reactive.core.internal;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.netty.channel.ChannelException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.WriteTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.synnefo.reactive.core.CallRejectedException;
import org.synnefo.reactive.core.SynnefoException;
import org.synnefo.reactive.core.SynnefoTimeoutException;
import org.synnefo.reactive.core.SynnefoTransportException;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

/** Maps Netty, pool and Resilience4j failures to the library's exception hierarchy. */
final class Errors {

    private Errors() {
    }

    /**
     * The library exception for {@code t}; {@code t} itself when it is already one or is not a transport
     * failure (e.g. an error raised by a caller's body publisher, which the caller should see unchanged).
     */
    static Throwable map(Throwable t, String method, String safeUrl, String serviceName, String token) {
        if (t instanceof SynnefoException) {
            return t;
        }
        String simple = t.getClass().getSimpleName();
        String detail = Faults.scrub(t.getMessage() == null ? simple : simple + ": " + t.getMessage(), token);
        if (t instanceof ReadTimeoutException) {
            return new SynnefoTimeoutException("response timeout elapsed", method, safeUrl, t);
        }
        if (t instanceof ConnectTimeoutException) {
            return new SynnefoTimeoutException("connect timeout elapsed (" + detail + ")", method, safeUrl, t);
        }
        if (t instanceof WriteTimeoutException) {
            return new SynnefoTimeoutException("write timeout elapsed", method, safeUrl, t);
        }
        // reactor-pool is shaded inside Reactor Netty: match by simple name, not by (shaded) type
        if (simple.equals("PoolAcquireTimeoutException")) {
            return new SynnefoTransportException("no pooled connection became free within the pending-acquire"
                    + " timeout (" + detail + ")", method, safeUrl, t, true);
        }
        if (simple.equals("PoolAcquirePendingLimitException")) {
            return new SynnefoTransportException("connection pool exhausted: the pending-acquire queue is full ("
                    + detail + ")", method, safeUrl, t, true);
        }
        if (t instanceof TimeoutException) {
            return new SynnefoTimeoutException("timeout elapsed (" + detail + ")", method, safeUrl, t);
        }
        if (t instanceof PrematureCloseException) {
            return new SynnefoTransportException("connection closed prematurely (" + detail + ")", method, safeUrl,
                    t, true);
        }
        if (t instanceof ConnectException) {
            return new SynnefoTransportException("cannot connect (" + detail + ")", method, safeUrl, t, true);
        }
        if (t instanceof IOException || t instanceof ChannelException || t instanceof AbortedException) {
            return new SynnefoTransportException("connection failed (" + detail + ")", method, safeUrl, t, true);
        }
        if (t instanceof CallNotPermittedException) {
            return new CallRejectedException(CallRejectedException.Reason.CIRCUIT_OPEN, serviceName,
                    method + " " + safeUrl + ": circuit breaker of service '" + serviceName + "' is open", t);
        }
        if (t instanceof RequestNotPermitted) {
            return new CallRejectedException(CallRejectedException.Reason.RATE_LIMITED, serviceName,
                    method + " " + safeUrl + ": client-side rate limit of service '" + serviceName + "' reached", t);
        }
        if (t instanceof BulkheadFullException) {
            return new CallRejectedException(CallRejectedException.Reason.BULKHEAD_FULL, serviceName,
                    method + " " + safeUrl + ": bulkhead of service '" + serviceName + "' is full", t);
        }
        return t;
    }
}
