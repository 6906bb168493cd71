package org.synnefo.reactive.astakos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.BadRequestException;
import org.synnefo.reactive.core.Endpoint;
import org.synnefo.reactive.core.EndpointResolver;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.core.ServiceCatalog;
import org.synnefo.reactive.core.SynnefoException;
import org.synnefo.reactive.core.UnauthorizedException;
import org.synnefo.reactive.core.http.SynnefoHttpClient;
import org.synnefo.reactive.core.http.SynnefoRequest;
import org.synnefo.reactive.emulator.FaultRule;
import org.synnefo.reactive.emulator.SynnefoEmulator;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Authentication, the catalog, the endpoint resolver and the authentication cache, against the emulator. */
class AstakosIdentityTest extends EmulatorSupport {

    /** Seed example: authenticate and print the user's name and uuid. */
    @Test
    void authenticateGivesNameUuidDefaultProjectAndCatalog() {
        AuthenticationResult auth = client().authenticate().block(TIMEOUT);
        assertThat(auth).isNotNull();
        System.out.println(auth.userName() + " " + auth.userUuid());
        assertThat(auth.userName()).isEqualTo(user().realName());
        assertThat(auth.userUuid()).isEqualTo(user().uuid());
        assertThat(auth.tokenId()).isEqualTo(user().token());
        assertThat(auth.defaultProject()).isEqualTo(user().uuid());
        assertThat(auth.projects()).contains(user().uuid());
        assertThat(auth.roles()).isNotEmpty();
        assertThat(auth.expires()).isAfter(Instant.now());
        assertThat(auth.catalog().apiUrl("account")).isPresent();
        assertThat(auth.raw().path("access").path("user").path("id").asText()).isEqualTo(user().uuid());
        assertThat(auth.toString()).doesNotContain(user().token());
    }

    @Test
    void userInfoAndTenantScopedAuthentication() {
        AstakosClient astakos = client();
        StepVerifier.create(astakos.getUserInfo())
                .assertNext(u -> {
                    assertThat(u.uuid()).isEqualTo(user().uuid());
                    assertThat(u.name()).isEqualTo(user().realName());
                    assertThat(u.defaultProject()).isEqualTo(user().uuid());
                }).verifyComplete();
        StepVerifier.create(astakos.authenticate(user().uuid()))
                .assertNext(a -> assertThat(a.userUuid()).isEqualTo(user().uuid())).verifyComplete();
        StepVerifier.create(astakos.authenticate(other().uuid()))
                .expectError(BadRequestException.class).verify(TIMEOUT);
    }

    @Test
    void catalogListsEveryServiceWithTheExposeVersionRule() {
        AstakosClient astakos = client();
        ServiceCatalog catalog = astakos.getEndpoints().block(TIMEOUT);
        Set<String> types = catalog.endpoints().stream().map(Endpoint::serviceType).collect(Collectors.toSet());
        assertThat(types).contains("identity", "account", "compute", "network", "volume", "image", "object-store");
        for (Endpoint e : catalog.endpoints()) {
            assertThat(e.apiUrl()).startsWith(emulator.baseUrl());
            if (!e.exposeVersion() && !e.versionId().isEmpty()) {
                assertThat(e.apiUrl()).endsWith("/" + e.versionId());
            }
        }
        assertThat(catalog.endpoints().stream().filter(e -> e.serviceName().equals("astakos_account")))
                .hasSize(1);
        StepVerifier.create(astakos.getEndpointUrl("network"))
                .assertNext(url -> assertThat(url).isEqualTo(catalog.apiUrl("network").orElseThrow())
                        .endsWith("/v2.0"))
                .verifyComplete();
        StepVerifier.create(astakos.getEndpointUrl("identity")).expectNext(emulator.authUrl()).verifyComplete();
        StepVerifier.create(astakos.getEndpointUrl("no-such-service"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SynnefoException.class)
                        .hasMessageContaining("no-such-service"))
                .verify(TIMEOUT);
    }

    @Test
    void catalogNeedsNoValidTokenAndIsFetchedOnce() {
        String tokens = countRequests("POST", TOKENS);
        AstakosClient anonymous = AstakosClient.builder().authUrl(emulator.authUrl() + "/").options(options).build();
        StepVerifier.create(anonymous.getEndpointUrl("compute")).assertNext(u -> assertThat(u).contains("compute"))
                .verifyComplete();
        StepVerifier.create(anonymous.getEndpointUrl("object-store")).expectNextCount(1).verifyComplete();
        StepVerifier.create(anonymous.withToken("whatever").getEndpoints()).expectNextCount(1).verifyComplete();
        assertThat(count(tokens)).isEqualTo(1);
        StepVerifier.create(anonymous.authenticate()).expectError(IllegalStateException.class).verify(TIMEOUT);
    }

    @Test
    void actsAsEndpointResolverForServiceClients() {
        EndpointResolver resolver = client();
        assertThat(resolver.clientOptions()).isSameAs(options);
        assertThat(resolver.tokenProvider().toString()).doesNotContain(user().token());
        SynnefoHttpClient account = SynnefoHttpClient.fromResolver("account", "account", resolver);
        StepVerifier.create(account.retrieveJson(SynnefoRequest.get("quotas")))
                .assertNext(q -> assertThat(q.has(user().uuid())).isTrue()).verifyComplete();
    }

    @Test
    void unknownTokenIsUnauthorizedNamingTheAuthUrlNotTheToken() {
        String secret = "not-a-real-token-7f1c2d";
        AstakosClient bad = client().withToken(secret);
        StepVerifier.create(bad.authenticate())
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(UnauthorizedException.class);
                    assertThat(e.getMessage()).contains(emulator.authUrl()).doesNotContain(secret);
                    assertThat(((UnauthorizedException) e).details()).doesNotContain(secret);
                    assertThat(String.valueOf(e)).doesNotContain(secret);
                }).verify(TIMEOUT);
        // and the failure is not cached: the good token still works through the same shared caches
        StepVerifier.create(bad.withToken(emulator.token()).authenticate()).expectNextCount(1).verifyComplete();
        assertThat(bad.toString()).doesNotContain(secret);
    }

    @Test
    void validateTokenOfUnknownAccessTokenIsNotFound() {
        StepVerifier.create(client().validateToken("no-such-access-token", null))
                .expectError(NotFoundException.class).verify(TIMEOUT);
    }

    @Test
    void hundredConcurrentCallersCauseOneTokenRequest() {
        String tokens = countRequests("POST", TOKENS);
        AstakosClient astakos = client();
        List<AuthenticationResult> results = Flux.range(0, 100).parallel(8).runOn(Schedulers.parallel())
                .flatMap(i -> astakos.authenticate()).sequential().collectList().block(TIMEOUT);
        assertThat(results).hasSize(100).allSatisfy(r -> assertThat(r).isSameAs(results.get(0)));
        assertThat(count(tokens)).isEqualTo(1);

        // a second token in the same client family has its own entry; the first stays cached
        AstakosClient second = astakos.withToken(other().token());
        List<AuthenticationResult> mixed = Flux.range(0, 100).parallel(8).runOn(Schedulers.parallel())
                .flatMap(i -> (i % 2 == 0 ? astakos : second).authenticate()).sequential().collectList()
                .block(TIMEOUT);
        assertThat(mixed.stream().map(AuthenticationResult::userUuid).distinct())
                .containsExactlyInAnyOrder(user().uuid(), other().uuid());
        assertThat(count(tokens)).isEqualTo(2);
    }

    @Test
    void cachedAuthenticationIsRenewedNearExpiry() {
        Instant start = Instant.parse("2030-01-01T00:00:00Z");
        try (SynnefoEmulator own = SynnefoEmulator.builder().clock(Clock.fixed(start, ZoneOffset.UTC))
                .tokenLifetime(Duration.ofMinutes(10)).start()) {
            String tokens = own.faults().add(FaultRule.builder().method("POST").path(TOKENS).respond(599).times(0)
                    .build()).id();
            SingleFlightCacheTest.MutableClock clock = new SingleFlightCacheTest.MutableClock();
            clock.now.set(start);
            AstakosClient astakos = AstakosClient.builder().authUrl(own.authUrl()).token(own.token())
                    .options(options).clock(clock).build();
            AuthenticationResult first = astakos.authenticate().block(TIMEOUT);
            assertThat(first.expires()).isEqualTo(start.plus(Duration.ofMinutes(10)));
            clock.advance(Duration.ofMinutes(8));
            assertThat(astakos.authenticate().block(TIMEOUT)).isSameAs(first);
            assertThat(own.faults().matched(tokens)).isEqualTo(1);
            // within EXPIRY_MARGIN of the expiry: asked again
            clock.advance(Duration.ofMinutes(1).plusSeconds(1));
            assertThat(astakos.authenticate().block(TIMEOUT)).isNotSameAs(first);
            assertThat(own.faults().matched(tokens)).isEqualTo(2);
        }
    }

    /** A client whose cache clock only moves when the test says so. */
    private static AstakosClient clockedClient(SingleFlightCacheTest.MutableClock clock, String token) {
        return AstakosClient.builder().authUrl(emulator.authUrl()).token(token).options(options).clock(clock)
                .build();
    }

    private static String reject401(String pathRegex, int times) {
        return reject401(pathRegex, times, Duration.ZERO);
    }

    private static String reject401(String pathRegex, int times, Duration latency) {
        return emulator.faults().add(FaultRule.builder().method("GET").path(pathRegex).latency(latency)
                .respond(401, java.util.Map.of("Content-Type", "application/json"),
                        "{\"unauthorized\": {\"code\": 401, \"message\": \"Invalid token\"}}")
                .times(times).build()).id();
    }

    @Test
    void a401DuringUseReauthenticatesOnceAndRetries() {
        SingleFlightCacheTest.MutableClock clock = new SingleFlightCacheTest.MutableClock();
        clock.now.set(Instant.now());
        AstakosClient astakos = clockedClient(clock, emulator.token());
        AuthenticationResult before = astakos.authenticate().block(TIMEOUT);
        // the account URL comes from the public catalog (also a POST /tokens): fetch it before counting
        astakos.getEndpoints().block(TIMEOUT);
        clock.advance(AstakosClient.REAUTHENTICATION_INTERVAL.plusSeconds(1));
        String tokens = countRequests("POST", TOKENS);
        String quotas = reject401(".*/quotas", 1);
        StepVerifier.create(astakos.getQuotas())
                .assertNext(q -> assertThat(q).containsKey(user().uuid())).verifyComplete();
        assertThat(emulator.faults().fired(quotas)).isEqualTo(1);
        assertThat(emulator.faults().matched(quotas)).isEqualTo(2);
        // the cached entry was dropped and the token authenticated once more
        assertThat(count(tokens)).isEqualTo(1);
        assertThat(astakos.authenticate().block(TIMEOUT)).isNotSameAs(before);
        assertThat(count(tokens)).isEqualTo(1);
    }

    @Test
    void aBurstOf401sCausesOneReauthentication() {
        SingleFlightCacheTest.MutableClock clock = new SingleFlightCacheTest.MutableClock();
        clock.now.set(Instant.now());
        AstakosClient astakos = clockedClient(clock, emulator.token());
        astakos.authenticate().block(TIMEOUT);
        astakos.getEndpoints().block(TIMEOUT);
        clock.advance(AstakosClient.REAUTHENTICATION_INTERVAL.plusSeconds(1));
        String tokens = countRequests("POST", TOKENS);
        // The first 50 requests are answered 401 only after a delay, so that all of them reach the server
        // (and are counted) before any retry does; the retries then get the real answer.
        String quotas = reject401(".*/quotas", 50, Duration.ofSeconds(1));
        List<java.util.Map<String, java.util.Map<String, Quota>>> all = Flux.range(0, 50)
                .flatMap(i -> astakos.getQuotas(), 50).collectList().block(TIMEOUT);
        assertThat(all).hasSize(50).allSatisfy(q -> assertThat(q).containsKey(user().uuid()));
        assertThat(emulator.faults().fired(quotas)).isEqualTo(50);
        assertThat(count(tokens)).isEqualTo(1);
    }

    @Test
    void aDeactivatedUserGetsTheOriginal401AfterOneReauthentication() {
        SingleFlightCacheTest.MutableClock clock = new SingleFlightCacheTest.MutableClock();
        clock.now.set(Instant.now());
        AstakosClient astakos = clockedClient(clock, other().token());
        astakos.authenticate().block(TIMEOUT);
        astakos.getEndpoints().block(TIMEOUT);
        clock.advance(AstakosClient.REAUTHENTICATION_INTERVAL.plusSeconds(1));
        emulator.setUserActive(other().uuid(), false);
        try {
            String tokens = countRequests("POST", TOKENS);
            String quotas = countRequests("GET", ".*/quotas");
            StepVerifier.create(astakos.getQuotas())
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(UnauthorizedException.class)
                            .hasMessageNotContaining(other().token()))
                    .verify(TIMEOUT);
            assertThat(count(tokens)).isEqualTo(1);
            assertThat(count(quotas)).isEqualTo(1);
            // the invalid result is not cached: the next authentication asks again and fails
            StepVerifier.create(astakos.authenticate()).expectError(UnauthorizedException.class).verify(TIMEOUT);
            assertThat(count(tokens)).isEqualTo(2);
        } finally {
            emulator.setUserActive(other().uuid(), true);
        }
        StepVerifier.create(astakos.authenticate()).expectNextCount(1).verifyComplete();
    }

    @Test
    void malformedAuthenticationAnswersAreClearErrors() {
        AstakosClient astakos = client().withToken(other().token());
        emulator.faults().add(FaultRule.builder().method("POST").path(TOKENS)
                .respond(200, java.util.Map.of("Content-Type", "application/json"), "{\"access\": {}}").once()
                .build());
        StepVerifier.create(astakos.authenticate())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SynnefoException.class)
                        .hasMessageContaining("malformed authentication"))
                .verify(TIMEOUT);
        emulator.faults().add(FaultRule.builder().method("POST").path(TOKENS)
                .respond(200, java.util.Map.of("Content-Type", "application/json"), "not json").once().build());
        StepVerifier.create(astakos.authenticate()).expectError(SynnefoException.class).verify(TIMEOUT);
        // not cached: the real answer comes next
        StepVerifier.create(astakos.authenticate())
                .assertNext(a -> assertThat(a.userUuid()).isEqualTo(other().uuid())).verifyComplete();
    }
}
