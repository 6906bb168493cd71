package org.synnefo.reactive.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.BadRequestException;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.ConflictException;
import org.synnefo.reactive.core.ForbiddenException;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.core.OverLimitException;
import org.synnefo.reactive.core.PreconditionFailedException;
import org.synnefo.reactive.core.RangeNotSatisfiableException;
import org.synnefo.reactive.core.RetryOptions;
import org.synnefo.reactive.core.ServerErrorException;
import org.synnefo.reactive.core.SynnefoHttpException;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.core.TokenProvider;
import org.synnefo.reactive.core.TooManyRequestsException;
import org.synnefo.reactive.core.UnauthorizedException;
import org.synnefo.reactive.core.internal.Faults;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class FaultParsingTest {

    private static TestServer server;
    private static SynnefoTransport transport;
    private static SynnefoHttpClient client;

    @BeforeAll
    static void start() {
        server = new TestServer();
        transport = SynnefoTransport.builder().name("core-fault-test").build();
        client = SynnefoHttpClient.create("test", server.baseUrl(), TokenProvider.of("tok"),
                ClientOptions.builder().transport(transport).retry(RetryOptions.none()).build());
    }

    @AfterAll
    static void stop() {
        transport.dispose();
        server.close();
    }

    private static SynnefoHttpException faultOf(int status, String contentType, String body, String... headers) {
        String path = "/f" + status + "-" + Integer.toHexString(body.hashCode());
        server.route(path, (req, res) -> {
            var r = res.status(status);
            if (contentType != null) {
                r = r.header("Content-Type", contentType);
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                r = r.header(headers[i], headers[i + 1]);
            }
            return body.isEmpty() ? r.send() : r.sendString(Mono.just(body)).then();
        });
        SynnefoHttpException[] out = new SynnefoHttpException[1];
        StepVerifier.create(client.send(SynnefoRequest.get(path.substring(1)).operation("probe")))
                .expectErrorSatisfies(e -> out[0] = (SynnefoHttpException) e)
                .verify(Duration.ofSeconds(10));
        return out[0];
    }

    @Test
    void namedFaultEnvelope() {
        SynnefoHttpException e = faultOf(404, "application/json",
                "{\"itemNotFound\": {\"code\": 404, \"message\": \"Server not found.\", \"details\": \"\"}}");
        assertThat(e).isInstanceOf(NotFoundException.class);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.faultName()).hasValue("itemNotFound");
        assertThat(e.faultMessage()).isEqualTo("Server not found.");
        assertThat(e.details()).isEmpty();
        assertThat(e.method()).isEqualTo("GET");
        assertThat(e.url()).startsWith(server.baseUrl() + "/f404");
        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).contains("GET", "404", "itemNotFound", "Server not found.");
    }

    @Test
    void relayedAstakosFaultWithJsonDetails() {
        SynnefoHttpException e = faultOf(401, "application/json",
                "{\"fault\": {\"code\": 401, \"message\": \"UNAUTHORIZED\", \"details\": "
                        + "{\"unauthorized\": {\"code\": 401, \"message\": \"Invalid token\"}}}}");
        assertThat(e).isInstanceOf(UnauthorizedException.class);
        assertThat(e.faultName()).hasValue("fault");
        assertThat(e.faultMessage()).isEqualTo("UNAUTHORIZED");
        assertThat(e.details()).contains("Invalid token").startsWith("{");
    }

    @Test
    void overLimitDataBecomesDetails() {
        SynnefoHttpException e = faultOf(413, "application/json",
                "{\"overLimit\": {\"code\": 413, \"message\": \"Resource Limit Exceeded\", "
                        + "\"data\": {\"provision\": {\"resource\": \"cyclades.vm\", \"quantity\": 1}, "
                        + "\"limit\": 2, \"usage\": 2}}}");
        assertThat(e).isInstanceOf(OverLimitException.class);
        assertThat(e.details()).contains("cyclades.vm", "\"limit\":2");
    }

    @Test
    void everyTypedSubclass() {
        assertThat(faultOf(400, "application/json", "{\"badRequest\": {\"message\": \"bad\"}}"))
                .isInstanceOf(BadRequestException.class);
        assertThat(faultOf(403, "application/json", "{\"forbidden\": {\"message\": \"no\"}}"))
                .isInstanceOf(ForbiddenException.class);
        assertThat(faultOf(409, "application/json", "{\"buildInProgress\": {\"message\": \"wait\"}}"))
                .isInstanceOf(ConflictException.class).satisfies(e -> assertThat(e.faultName()).hasValue(
                        "buildInProgress"));
        assertThat(faultOf(412, null, "")).isInstanceOf(PreconditionFailedException.class);
        assertThat(faultOf(413, "application/json", "{\"overLimit\": {\"message\": \"quota\"}}"))
                .isInstanceOf(OverLimitException.class).matches(e -> !e.isTransient());
        assertThat(faultOf(416, null, "")).isInstanceOf(RangeNotSatisfiableException.class);
        assertThat(faultOf(429, null, "slow down", "Retry-After", "7"))
                .isInstanceOf(TooManyRequestsException.class).matches(SynnefoHttpException::isTransient)
                .satisfies(e -> assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(7)));
        assertThat(faultOf(500, "application/json", "{\"internalServerError\": {\"message\": \"oops\"}}"))
                .isInstanceOf(ServerErrorException.class).matches(e -> !e.isTransient());
        assertThat(faultOf(503, "application/json", "{\"serviceUnavailable\": {\"message\": \"later\"}}"))
                .isInstanceOf(ServerErrorException.class).matches(SynnefoHttpException::isTransient);
        assertThat(faultOf(502, "text/html", "<html>Bad Gateway</html>")).matches(SynnefoHttpException::isTransient);
        assertThat(faultOf(504, null, "")).matches(SynnefoHttpException::isTransient);
        SynnefoHttpException other = faultOf(422, "application/json", "{\"unprocessableEntity\": {\"message\": \"x\"}}");
        assertThat(other.getClass()).isEqualTo(SynnefoHttpException.class);
        assertThat(other.faultName()).hasValue("unprocessableEntity");
    }

    @Test
    void nonJsonBodiesGiveReasonPhraseAndASnippet() {
        String html = "<html><body>\n  <h1>Proxy   Error</h1>" + "x".repeat(500) + "</body></html>";
        SynnefoHttpException e = faultOf(502, "text/html", html);
        assertThat(e.faultName()).isEmpty();
        assertThat(e.faultMessage()).startsWith("Bad Gateway: <html><body> <h1>Proxy Error</h1>xxx").endsWith("...");
        assertThat(e.faultMessage().length()).isLessThan(220);
    }

    @Test
    void emptyBodiesGiveTheReasonPhrase() {
        SynnefoHttpException e = faultOf(405, null, "", "Allow", "GET, POST");
        assertThat(e.faultMessage()).isEqualTo("Method Not Allowed");
        assertThat(e.getMessage()).contains("405", "Method Not Allowed");
    }

    @Test
    void invalidJsonAndOtherShapesStillGiveMessages() {
        assertThat(faultOf(400, "application/json", "{not json").faultMessage()).isEqualTo("Bad Request: {not json");
        SynnefoHttpException flat = faultOf(400, "application/json", "{\"code\": 400, \"message\": \"flat\"}");
        assertThat(flat.faultName()).isEmpty();
        assertThat(flat.faultMessage()).isEqualTo("flat");
        SynnefoHttpException scalar = faultOf(400, "application/json", "{\"error\": \"just text\"}");
        assertThat(scalar.faultName()).hasValue("error");
        assertThat(scalar.faultMessage()).isEqualTo("just text");
        SynnefoHttpException noMessage = faultOf(404, "application/json", "{\"itemNotFound\": {\"code\": 404}}");
        assertThat(noMessage.faultMessage()).isEqualTo("Not Found");
    }

    @Test
    void retryAfterSecondsAndHttpDates() {
        Instant now = Instant.parse("2024-05-01T10:00:00Z");
        assertThat(Faults.retryAfter("120", now)).isEqualTo(Duration.ofSeconds(120));
        assertThat(Faults.retryAfter(" 0 ", now)).isEqualTo(Duration.ZERO);
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(30).atOffset(ZoneOffset.UTC));
        assertThat(Faults.retryAfter(date, now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Faults.retryAfter("Wed, 01 May 2024 09:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(Faults.retryAfter("soon", now)).isNull();
        assertThat(Faults.retryAfter("-5", now)).isNull();
        assertThat(Faults.retryAfter(null, now)).isNull();
    }
}
