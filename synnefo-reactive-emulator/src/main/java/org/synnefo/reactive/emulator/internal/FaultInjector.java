package org.synnefo.reactive.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.synnefo.reactive.emulator.FaultRule;
import reactor.core.publisher.Mono;

/**
 * Makes the server misbehave on purpose, for tests and benchmarks, following {@link FaultRule}s:
 * answer a given status, add latency (a non-blocking delay), close the connection before answering,
 * close it after some bytes of the body, or truncate the body. Rules are added from Java
 * ({@link #add}) or through the admin API ({@code /_emulator/faults}); each counts how many requests
 * it matched and how many it affected.
 */
public class FaultInjector {

    private static final String HANDLER_NAME = "synnefoEmulatorFault";

    /** A rule with its counters and random source. */
    private static final class Active {
        final FaultRule rule;
        final Random random;
        final AtomicLong matched = new AtomicLong();
        final AtomicLong fired = new AtomicLong();

        Active(FaultRule rule) {
            this.rule = rule;
            this.random = new Random(rule.seed());
        }

        /** Counts a match and decides whether this occurrence is affected. */
        synchronized boolean fire() {
            long n = matched.getAndIncrement();
            if (n < rule.skip()) {
                return false;
            }
            if (rule.times() >= 0 && n >= (long) rule.skip() + rule.times()) {
                return false;
            }
            if (rule.probability() < 1.0 && random.nextDouble() >= rule.probability()) {
                return false;
            }
            fired.incrementAndGet();
            return true;
        }
    }

    /** A rule as listed by {@link #rules()}: the rule and its counters. */
    public record RuleStatus(FaultRule rule, long matched, long fired) {
    }

    private final List<Active> rules = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    /** Adds a rule after the existing ones; returns it with its id (assigned when it has none). */
    public FaultRule add(FaultRule rule) {
        FaultRule withId = rule.id() == null ? rule.withId("rule-" + ids.incrementAndGet()) : rule;
        synchronized (rules) {
            if (rules.stream().anyMatch(a -> a.rule.id().equals(withId.id()))) {
                throw new IllegalArgumentException("duplicate fault rule id " + withId.id());
            }
            rules.add(new Active(withId));
        }
        return withId;
    }

    /** Removes the rule with this id; false when there is none. */
    public boolean remove(String id) {
        return rules.removeIf(a -> a.rule.id().equals(id));
    }

    /** Removes every rule. */
    public void clear() {
        rules.clear();
    }

    /** The rules in order, with their counters. */
    public List<RuleStatus> rules() {
        List<RuleStatus> out = new ArrayList<>();
        for (Active a : rules) {
            out.add(new RuleStatus(a.rule, a.matched.get(), a.fired.get()));
        }
        return out;
    }

    /** How many requests the rule with this id affected (0 for an unknown id). */
    public long fired(String id) {
        return find(id).map(a -> a.fired.get()).orElse(0L);
    }

    /** How many requests the rule with this id matched, affected or not (0 for an unknown id). */
    public long matched(String id) {
        return find(id).map(a -> a.matched.get()).orElse(0L);
    }

    private Optional<Active> find(String id) {
        for (Active a : rules) {
            if (a.rule.id().equals(id)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Handles the exchange, either by misbehaving or by calling {@code next}. */
    public Publisher<Void> apply(Exchange exchange, Supplier<Publisher<Void>> next) {
        FaultRule chosen = null;
        for (Iterator<Active> it = rules.iterator(); it.hasNext();) {
            Active a = it.next();
            if (a.rule.matches(exchange.method(), exchange.rawPath()) && a.fire()) {
                chosen = a.rule;
                break;
            }
        }
        if (chosen == null) {
            return next.get();
        }
        FaultRule rule = chosen;
        Mono<Void> act = Mono.defer(() -> Mono.from(act(rule, exchange, next)));
        if (rule.latency().isZero()) {
            return act;
        }
        return Mono.delay(rule.latency()).then(act);
    }

    private Publisher<Void> act(FaultRule rule, Exchange exchange, Supplier<Publisher<Void>> next) {
        FaultRule.Action action = rule.action();
        if (action == null) {
            return next.get();
        }
        if (action instanceof FaultRule.Respond r) {
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            var response = exchange.response();
            response.status(r.status());
            r.headers().forEach(response::header);
            if (!response.responseHeaders().contains("Content-Type") && body.length > 0) {
                response.header("Content-Type", "text/plain; charset=UTF-8");
            }
            response.header("Content-Length", Integer.toString(body.length));
            return exchange.request().receive().then()
                    .onErrorResume(e -> Mono.empty())
                    .then(Mono.defer(() -> Mono.from(response.sendByteArray(Mono.just(body)).then())));
        }
        if (action instanceof FaultRule.CloseConnection) {
            exchange.request().withConnection(c -> c.channel().close());
            return Mono.empty();
        }
        boolean truncate = action instanceof FaultRule.TruncateBody;
        long n = truncate ? ((FaultRule.TruncateBody) action).missingBytes()
                : ((FaultRule.CloseAfterBytes) action).bytes();
        exchange.request().withConnection(c -> {
            if (c.channel().pipeline().get(HANDLER_NAME) == null) {
                c.addHandlerLast(HANDLER_NAME, new Cutter(truncate, n));
            }
        });
        return next.get();
    }

    /**
     * Lets the response head through and cuts its body: after {@code n} bytes, or {@code n} bytes short
     * of {@code Content-Length} when truncating; then closes the connection.
     */
    static final class Cutter extends ChannelOutboundHandlerAdapter {
        private final boolean truncate;
        private final long n;
        private long limit = Long.MAX_VALUE;
        private long sent;
        private boolean done;

        Cutter(boolean truncate, long n) {
            this.truncate = truncate;
            this.n = n;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (done) {
                ReferenceCountUtil.release(msg);
                promise.tryFailure(new ClosedChannelException());
                return;
            }
            if (msg instanceof HttpResponse head) {
                long length = HttpUtil.getContentLength(head, -1L);
                limit = truncate ? Math.max(0, length < 0 ? 0 : length - n) : n;
                if (msg instanceof FullHttpResponse full) {
                    ctx.write(new DefaultHttpResponse(full.protocolVersion(), full.status(), full.headers()));
                    ByteBuf content = full.content().retain();
                    full.release();
                    body(ctx, content, true, promise);
                    return;
                }
                ctx.write(msg, promise);
                return;
            }
            ByteBuf content = msg instanceof HttpContent c ? c.content() : msg instanceof ByteBuf b ? b : null;
            if (content == null) {
                ctx.write(msg, promise);
                return;
            }
            boolean last = msg instanceof LastHttpContent;
            content.retain();
            ReferenceCountUtil.release(msg);
            body(ctx, content, last, promise);
        }

        private void body(ChannelHandlerContext ctx, ByteBuf content, boolean last, ChannelPromise promise) {
            long remaining = limit - sent;
            int len = content.readableBytes();
            if (len <= remaining) {
                sent += len;
                if (last) {
                    done = true;
                    ctx.writeAndFlush(new DefaultHttpContent(content)).addListener(ChannelFutureListener.CLOSE);
                    promise.trySuccess();
                } else {
                    ctx.write(new DefaultHttpContent(content), promise);
                }
                return;
            }
            done = true;
            ByteBuf part = content.retainedSlice(content.readerIndex(), (int) remaining);
            content.release();
            ctx.writeAndFlush(new DefaultHttpContent(part)).addListener(ChannelFutureListener.CLOSE);
            promise.tryFailure(new ClosedChannelException());
        }
    }

    // ---- JSON form of rules, for the admin API ----

    /**
     * Parses a rule from the admin API's JSON: {@code {"id", "method", "path", "skip", "times",
     * "probability", "seed", "latency_ms", "action": {"type": "respond"|"close"|"close_after_bytes"|
     * "truncate", "status", "headers", "body", "bytes", "missing_bytes"}}}; all optional but an action
     * or a latency.
     */
    public static FaultRule fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw EmulatorFault.badRequest("A fault rule must be a JSON object");
        }
        try {
            FaultRule.Builder b = FaultRule.builder();
            if (node.hasNonNull("id")) {
                b.id(node.get("id").asText());
            }
            if (node.hasNonNull("method")) {
                b.method(node.get("method").asText());
            }
            if (node.hasNonNull("path")) {
                b.path(node.get("path").asText());
            }
            b.skip(node.path("skip").asInt(0));
            b.times(node.path("times").asInt(-1));
            b.probability(node.path("probability").asDouble(1.0), node.path("seed").asLong(1L));
            b.latency(Duration.ofMillis(node.path("latency_ms").asLong(0)));
            JsonNode action = node.get("action");
            if (action != null && !action.isNull()) {
                String type = action.path("type").asText("");
                switch (type) {
                    case "respond" -> {
                        Map<String, String> headers = new LinkedHashMap<>();
                        action.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
                        JsonNode body = action.get("body");
                        String text = body == null || body.isNull() ? "" : body.isTextual() ? body.asText() : body.toString();
                        b.respond(action.path("status").asInt(500), headers, text);
                    }
                    case "close" -> b.closeConnection();
                    case "close_after_bytes" -> b.closeAfterBytes(action.path("bytes").asLong(0));
                    case "truncate" -> b.truncateBody(action.path("missing_bytes").asLong(1));
                    default -> throw EmulatorFault.badRequest("Unknown fault action type '" + type + "'");
                }
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw EmulatorFault.badRequest("Invalid fault rule: " + e.getMessage());
        }
    }

    /** The JSON form of a rule and its counters. */
    public static ObjectNode toJson(RuleStatus status) {
        FaultRule r = status.rule();
        ObjectNode o = Json.object();
        o.put("id", r.id());
        o.put("method", r.method());
        o.put("path", r.path() == null ? null : r.path().pattern());
        o.put("skip", r.skip());
        o.put("times", r.times());
        o.put("probability", r.probability());
        o.put("seed", r.seed());
        o.put("latency_ms", r.latency().toMillis());
        if (r.action() == null) {
            o.putNull("action");
        } else {
            ObjectNode a = o.putObject("action");
            if (r.action() instanceof FaultRule.Respond resp) {
                a.put("type", "respond");
                a.put("status", resp.status());
                ObjectNode h = a.putObject("headers");
                resp.headers().forEach(h::put);
                a.put("body", resp.body());
            } else if (r.action() instanceof FaultRule.CloseConnection) {
                a.put("type", "close");
            } else if (r.action() instanceof FaultRule.CloseAfterBytes c) {
                a.put("type", "close_after_bytes");
                a.put("bytes", c.bytes());
            } else if (r.action() instanceof FaultRule.TruncateBody t) {
                a.put("type", "truncate");
                a.put("missing_bytes", t.missingBytes());
            }
        }
        o.put("matched", status.matched());
        o.put("fired", status.fired());
        return o;
    }
}
