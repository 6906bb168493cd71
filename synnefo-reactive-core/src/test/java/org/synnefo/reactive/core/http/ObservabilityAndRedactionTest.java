package org.synnefo.reactive.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.synnefo.reactive.core.SynnefoObservations.*;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.RetryOptions;
import org.synnefo.reactive.core.SynnefoException;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.core.TokenProvider;
import org.synnefo.reactive.core.internal.HttpEngine;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class ObservabilityAndRedactionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TOKEN = "gAAAAA-very-secret-token-0123456789";
    private static final Set<String> ALLOWED_TAG_KEYS = Set.of(SERVICE, OPERATION_NAME, METHOD, STATUS, OUTCOME,
            EXCEPTION);

    private TestServer server;
    private SynnefoTransport transport;

    @BeforeEach
    void start() {
        server = new TestServer();
        transport = SynnefoTransport.builder().name("core-obs-test").build();
    }

    @AfterEach
    void stop() {
        transport.dispose();
        server.close();
    }

    @Test
    void oneOperationObservationAndOneAttemptObservationPerTryWithBoundedTags() {
        AtomicInteger calls = new AtomicInteger();
        server.route("/servers/", (req, res) -> calls.incrementAndGet() == 1
                ? res.status(503).header("Retry-After", "0").send()
                : res.sendString(Mono.just("{\"server\": {}}")).then());
        TestObservationRegistry observations = TestObservationRegistry.create();
        List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
        observations.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ClientOptions options = ClientOptions.builder().transport(transport).observationRegistry(observations)
                .meterRegistry(meters).retry(RetryOptions.defaults().withBackoff(Duration.ofMillis(1),
                        Duration.ofMillis(5))).build();
        SynnefoHttpClient client = SynnefoHttpClient.create("compute", server.baseUrl(), TokenProvider.of(TOKEN),
                options);

        StepVerifier.create(client.retrieveJson(SynnefoRequest.get("servers", "id-12345").operation("getServer")))
                .expectNextCount(1).expectComplete().verify(WAIT);
        StepVerifier.create(client.send(SynnefoRequest.get("flavors", "missing-id").operation("getServer")
                        .idempotent(false)))
                .expectError().verify(WAIT);

        TestObservationRegistryAssert.assertThat(observations)
                .hasNumberOfObservationsWithNameEqualTo(OPERATION, 2)
                .hasNumberOfObservationsWithNameEqualTo(ATTEMPT, 3)
                .forAllObservationsWithNameEqualTo(OPERATION, o -> o
                        .hasLowCardinalityKeyValue(SERVICE, "compute")
                        .hasLowCardinalityKeyValue(OPERATION_NAME, "getServer")
                        .hasLowCardinalityKeyValue(METHOD, "GET"))
                .hasAnObservation(o -> o.hasNameEqualTo(OPERATION).hasLowCardinalityKeyValue(STATUS, "200")
                        .hasLowCardinalityKeyValue(OUTCOME, OUTCOME_SUCCESS)
                        .hasLowCardinalityKeyValue(EXCEPTION, NONE))
                .hasAnObservation(o -> o.hasNameEqualTo(ATTEMPT).hasLowCardinalityKeyValue(STATUS, "503")
                        .hasLowCardinalityKeyValue(OUTCOME, OUTCOME_SERVER_ERROR)
                        .hasLowCardinalityKeyValue(EXCEPTION, "ServerErrorException")
                        .hasParentObservation())
                .hasAnObservation(o -> o.hasNameEqualTo(OPERATION).hasLowCardinalityKeyValue(STATUS, "404")
                        .hasLowCardinalityKeyValue(OUTCOME, OUTCOME_CLIENT_ERROR)
                        .hasLowCardinalityKeyValue(EXCEPTION, "NotFoundException").hasError());
        assertThat(stopped).as("every observation was stopped").hasSize(5);
        assertThat(stopped).filteredOn(c -> c.getName().equals(ATTEMPT))
                .allSatisfy(c -> assertThat(c.getParentObservation().getContextView().getName()).isEqualTo(OPERATION));
        stopped.forEach(ctx -> {
            assertThat(ctx.getLowCardinalityKeyValues().stream().map(kv -> kv.getKey()))
                    .allMatch(ALLOWED_TAG_KEYS::contains);
            assertThat(ctx.getHighCardinalityKeyValues()).isEmpty();
            ctx.getLowCardinalityKeyValues().forEach(kv -> assertThat(kv.getValue())
                    .doesNotContain("id-12345", "missing-id", "127.0.0.1", TOKEN));
        });

        assertThat(meters.get(OPERATION_DURATION).tags(STATUS, "200", OUTCOME, OUTCOME_SUCCESS).timer().count())
                .isEqualTo(1);
        assertThat(meters.get(ATTEMPT_DURATION).timers()).extracting(t -> t.getId().getTag(STATUS))
                .containsExactlyInAnyOrder("503", "200", "404");
        assertThat(meters.get(RETRIES).counter().count()).isEqualTo(1);
        for (Meter m : meters.getMeters()) {
            for (Tag t : m.getId().getTags()) {
                assertThat(ALLOWED_TAG_KEYS).contains(t.getKey());
                assertThat(t.getValue()).doesNotContain("id-12345", "missing-id", "127.0.0.1", TOKEN);
            }
        }
    }

    @Test
    void cancelledOperationsAreObservedAsCancelled() {
        server.route("/slow", (req, res) -> Mono.never());
        TestObservationRegistry observations = TestObservationRegistry.create();
        SynnefoHttpClient client = SynnefoHttpClient.create("compute", server.baseUrl(), TokenProvider.of(TOKEN),
                ClientOptions.builder().transport(transport).observationRegistry(observations).build());
        StepVerifier.create(client.send(SynnefoRequest.get("slow")))
                .expectSubscription()
                .thenAwait(Duration.ofMillis(50))
                .thenCancel()
                .verify(WAIT);
        TestObservationRegistryAssert.assertThat(observations)
                .hasAnObservation(o -> o.hasNameEqualTo(OPERATION)
                        .hasLowCardinalityKeyValue(OUTCOME, OUTCOME_CANCELLED));
    }

    @Test
    void theTokenAppearsInNoLogLineExceptionTextOrToString() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Logger jul = Logger.getLogger(HttpEngine.LOGGER_NAME);
        java.util.logging.Level oldLevel = jul.getLevel();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String msg = record.getMessage();
                if (record.getParameters() != null) {
                    msg = java.text.MessageFormat.format(msg, record.getParameters());
                }
                lines.add(msg);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.setLevel(java.util.logging.Level.ALL);
        jul.setUseParentHandlers(false);
        jul.addHandler(capture);
        try {
            AtomicInteger calls = new AtomicInteger();
            // the server echoes the token in its fault, as a careless proxy might
            server.route("/", (req, res) -> calls.incrementAndGet() % 2 == 1
                    ? res.status(503).sendString(Mono.just("token " + req.requestHeaders().get("X-Auth-Token")
                            + " rejected")).then()
                    : res.status(401).header("Content-Type", "application/json")
                            .sendString(Mono.just("{\"unauthorized\": {\"message\": \"bad token "
                                    + req.requestHeaders().get("X-Auth-Token") + "\", \"details\": \""
                                    + req.requestHeaders().get("X-Auth-Token") + "\"}}")).then());
            SynnefoHttpClient client = SynnefoHttpClient.create("compute", server.baseUrl(), TokenProvider.of(TOKEN),
                    ClientOptions.builder().transport(transport)
                            .retry(RetryOptions.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(2)))
                            .build());
            List<Throwable> errors = new ArrayList<>();
            // a token in the query too (Synnefo accepts ?X-Auth-Token=): redacted from URLs
            SynnefoRequest request = SynnefoRequest.get("servers").query("X-Auth-Token", TOKEN);
            StepVerifier.create(client.send(request)).expectErrorSatisfies(errors::add).verify(WAIT);
            StepVerifier.create(client.send(SynnefoRequest.post("servers"))).expectErrorSatisfies(errors::add)
                    .verify(WAIT);
            assertThat(server.received).hasSizeGreaterThanOrEqualTo(3);
            assertThat(server.received.get(0).headers().get("X-Auth-Token")).isEqualTo(TOKEN);
            assertThat(lines).isNotEmpty();
            assertThat(lines).anyMatch(l -> l.contains("retrying"));
            assertThat(lines).anyMatch(l -> l.contains("X-Auth-Token=<redacted>"));
            for (String line : lines) {
                assertThat(line).doesNotContain(TOKEN);
            }
            assertThat(errors).hasSize(2);
            for (Throwable e : errors) {
                assertThat(e).isInstanceOf(SynnefoException.class);
                java.io.StringWriter trace = new java.io.StringWriter();
                e.printStackTrace(new java.io.PrintWriter(trace));
                assertThat(trace.toString()).doesNotContain(TOKEN);
                assertThat(e.toString()).doesNotContain(TOKEN);
            }
            // GET: 503 (retried), then 401 (not transient); POST: 503, never retried
            assertThat(errors.get(0).getMessage()).contains("X-Auth-Token=<redacted>", "401", "bad token <redacted>");
            assertThat(errors.get(1).getMessage()).contains("503", "token <redacted> rejected");
            assertThat(client.toString()).doesNotContain(TOKEN);
            assertThat(client.tokenProvider().toString()).doesNotContain(TOKEN);
            assertThat(request.toString()).isEqualTo("GET /servers?X-Auth-Token=<redacted>");
        } finally {
            jul.removeHandler(capture);
            jul.setUseParentHandlers(true);
            jul.setLevel(oldLevel);
        }
    }
}
