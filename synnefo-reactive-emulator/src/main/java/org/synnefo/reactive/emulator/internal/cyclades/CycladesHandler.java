package org.synnefo.reactive.emulator.internal.cyclades;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.synnefo.reactive.emulator.EmulatorUser;
import org.synnefo.reactive.emulator.internal.EmulatorFault;
import org.synnefo.reactive.emulator.internal.Exchange;
import org.synnefo.reactive.emulator.internal.Json;
import org.synnefo.reactive.emulator.internal.ServiceHandler;
import reactor.core.publisher.Mono;

/**
 * The common shape of the Cyclades handlers: read the (small) body, then route and act in one
 * transaction of the backend, producing a {@link Reply} that is sent after the monitor is released.
 */
abstract class CycladesHandler implements ServiceHandler {

    /** What a route answers: a status, a JSON body or none, and extra headers. */
    record Reply(int status, Object body, Map<String, String> headers) {
        static Reply json(int status, Object body) {
            return new Reply(status, body, Map.of());
        }

        static Reply empty(int status) {
            return new Reply(status, null, Map.of());
        }

        Reply header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, body, h);
        }
    }

    /** One request as a route sees it. */
    record Req(Exchange ex, EmulatorUser user, String method, List<String> seg, byte[] raw) {

        String uid() {
            return user.uuid();
        }

        /** The JSON body under Synnefo's rules (content type, then syntax). */
        JsonNode json() {
            String ct = ex.header("Content-Type").orElse("");
            if (!ct.toLowerCase().startsWith("application/json")) {
                throw EmulatorFault.badRequest("Unsupported Content-type: '" + ct + "'");
            }
            return Json.parse(raw);
        }

        String seg(int i) {
            return seg.get(i);
        }

        int size() {
            return seg.size();
        }
    }

    final CycladesBackend b;
    final Views v;

    CycladesHandler(CycladesBackend backend) {
        this.b = backend;
        this.v = new Views(backend);
    }

    @Override
    public Publisher<Void> handle(Exchange ex) {
        EmulatorUser user = ex.requireUser();
        List<String> seg = new ArrayList<>(ex.segments());
        if (!seg.isEmpty() && seg.get(seg.size() - 1).isEmpty()) {
            seg.remove(seg.size() - 1);
        }
        if (!seg.isEmpty() && seg.get(seg.size() - 1).endsWith(".json")) {
            String last = seg.remove(seg.size() - 1);
            seg.add(last.substring(0, last.length() - 5));
        }
        return ex.body()
                .map(raw -> b.tx(() -> route(new Req(ex, user, ex.method(), List.copyOf(seg), raw))))
                .flatMap(reply -> Mono.from(send(ex, reply)));
    }

    /** Routes and acts; runs under the backend's monitor. */
    abstract Reply route(Req r);

    Publisher<Void> send(Exchange ex, Reply reply) {
        reply.headers().forEach(ex::header);
        if (reply.body() == null) {
            return ex.empty(reply.status());
        }
        return ex.json(reply.status(), reply.body());
    }

    /** The JSON 405 of the Cyclades APIs. */
    static EmulatorFault notAllowed(String... allowed) {
        return EmulatorFault.notAllowed(allowed);
    }

    /** Django's plain 405 (no body, {@code Allow: GET, POST}) used by the volume and image demuxers. */
    static EmulatorFault plainNotAllowed(String... allowed) {
        return new EmulatorFault(405, "notAllowed", "Method not allowed")
                .withHeader("Allow", String.join(", ", allowed)).withEmptyBody();
    }

    static EmulatorFault noEndpoint() {
        return EmulatorFault.badRequest("API endpoint not found");
    }

    static Map<String, Object> wrap(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }
}
