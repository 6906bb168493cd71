package org.synnefo.reactive.emulator.internal.cyclades;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.synnefo.reactive.emulator.EmulatorUser;
import org.synnefo.reactive.emulator.ResourceCapacity;
import org.synnefo.reactive.emulator.SynnefoEmulator;
import org.synnefo.reactive.emulator.TestClock;
import org.synnefo.reactive.emulator.TestHttp;
import org.synnefo.reactive.emulator.internal.QuotaLedger;

/** Test support: an emulator on port 0, a controllable clock, and a tiny JSON-over-HTTP client. */
final class CycladesHttp implements AutoCloseable {

    static final ObjectMapper MAPPER = TestHttp.MAPPER;
    private static final String[] RESOURCES = {"cyclades.vm", "cyclades.cpu", "cyclades.ram", "cyclades.disk",
        "cyclades.floating_ip", "cyclades.network.private"};

    /** A response: status, headers, parsed JSON (MissingNode when there is no JSON body). */
    record Res(int status, HttpHeaders headers, String text, JsonNode json) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    final SynnefoEmulator emulator;
    final TestClock clock;
    final EmulatorUser user;
    final EmulatorUser other;

    private CycladesHttp(SynnefoEmulator emulator, TestClock clock) {
        this.emulator = emulator;
        this.clock = clock;
        this.user = emulator.users().get(0);
        this.other = emulator.users().get(1);
    }

    /** Immediate transitions, generous quotas. */
    static CycladesHttp start() {
        return start(Duration.ZERO);
    }

    /** Transitions that take {@code delay} on a clock the test controls. */
    static CycladesHttp start(Duration delay) {
        TestClock clock = new TestClock(Instant.parse("2024-05-01T10:00:00Z"));
        SynnefoEmulator e = SynnefoEmulator.builder().clock(clock).stateDelay(delay).start();
        QuotaLedger ledger = e.context().ledger();
        for (String r : RESOURCES) {
            ledger.defaultCapacity(r, new QuotaLedger.Capacity(Long.MAX_VALUE / 4, Long.MAX_VALUE / 4));
        }
        return new CycladesHttp(e, clock);
    }

    /** Creates an active project with generous Cyclades capacities, the test user its only member. */
    String project(String name) {
        Map<String, ResourceCapacity> caps = new LinkedHashMap<>();
        for (String r : RESOURCES) {
            caps.put(r, ResourceCapacity.of(Long.MAX_VALUE / 4));
        }
        return emulator.projects().create(name, user.uuid(), caps, user.uuid());
    }

    QuotaLedger ledger() {
        return emulator.context().ledger();
    }

    long usage(String project, String resource) {
        return ledger().entry(project, user.uuid(), resource).usage();
    }

    Res get(String path) {
        return send("GET", path, null, user.token(), Map.of());
    }

    Res post(String path, String json) {
        return send("POST", path, json, user.token(), Map.of());
    }

    Res put(String path, String json) {
        return send("PUT", path, json, user.token(), Map.of());
    }

    Res delete(String path) {
        return send("DELETE", path, null, user.token(), Map.of());
    }

    Res send(String method, String path, String json, String token, Map<String, String> headers) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            rb.header("X-Auth-Token", token);
        }
        headers.forEach(rb::header);
        if (json != null) {
            if (!headers.containsKey("Content-Type")) {
                rb.header("Content-Type", "application/json");
            }
            rb.method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            rb.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = TestHttp.send(rb.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode node = MissingNode.getInstance();
        String ct = r.headers().firstValue("Content-Type").orElse("");
        if (ct.startsWith("application/json") && !r.body().isEmpty()) {
            node = TestHttp.json(r.body());
        }
        return new Res(r.statusCode(), r.headers(), r.body(), node);
    }

    /** Creates a server with default networking and returns its id. */
    int createServer(String name, int flavor) {
        Res r = post("/compute/v2.0/servers", "{\"server\":{\"name\":\"" + name + "\",\"imageRef\":\""
                + Catalogue_DEBIAN + "\",\"flavorRef\":" + flavor + "}}");
        if (r.status() != 202) {
            throw new AssertionError("create failed: " + r.status() + " " + r.text());
        }
        return r.json().path("server").path("id").asInt();
    }

    static final String Catalogue_DEBIAN = "c4c3f9a8-2e1b-4d8e-9a2c-5b7e0f1d3a01";

    @Override
    public void close() {
        emulator.close();
    }
}
