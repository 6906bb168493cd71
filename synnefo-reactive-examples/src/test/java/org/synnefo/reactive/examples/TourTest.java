package org.synnefo.reactive.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.cyclades.compute.CycladesComputeClient;
import org.synnefo.reactive.cyclades.compute.Server;
import org.synnefo.reactive.emulator.SynnefoEmulator;

/** The tour's main logic end to end: on the embedded cloud, on a cloud of one's own, and when it fails. */
class TourTest {

    @Test
    void everyScenarioSucceedsOnTheEmbeddedCloud() {
        Output out = new Output();
        Output err = new Output();
        int status = Tour.run(new String[] {"--state-delay", "100"}, Map.of(), out.stream, err.stream, null);
        String printed = out.take();
        assertThat(err.take()).isEmpty();
        assertThat(status).isZero();
        List<Example> plan = Tour.scenarios().stream().filter(e -> !(e instanceof Tour.Tidy || e instanceof Tour.PithosSeed)).toList();
        for (int i = 0; i < plan.size(); i++) {
            assertThat(printed).contains("== " + (i + 1) + "/" + plan.size() + " " + plan.get(i).name() + ": ");
        }
        // the state delay makes the waiters watch builds progress
        assertThat(printed).containsPattern("My server: BUILD \\d+%")
                .contains("Started the embedded Synnefo cloud at http://127.0.0.1:")
                .containsPattern(plan.size() + " passed, 0 failed \\(\\d+\\.\\d s\\)\n$")
                .doesNotContain("!!");
    }

    @Test
    void theSameExamplesRunOnACloudOfOnesOwnWithDefaultQuotas() {
        // as `java -jar synnefo-reactive-emulator.jar` starts it: default users and quotas (5 VMs)
        try (SynnefoEmulator emulator = SynnefoEmulator.builder().start()) {
            Output out = new Output();
            Output err = new Output();
            int status = Tour.run(new String[] {"--auth-url", emulator.authUrl()},
                    Map.of("SYNNEFO_TOKEN", emulator.token()), out.stream, err.stream, null);
            String printed = out.take();
            assertThat(err.take()).isEmpty();
            assertThat(status).as(printed).isZero();
            assertThat(printed).startsWith("Touring the cloud at " + emulator.authUrl())
                    .contains("its project has room", "Deleted My server")
                    .containsPattern(Tour.scenarios().size() + " passed, 0 failed");
            CycladesComputeClient compute = CycladesComputeClient.builder()
                    .endpoint(emulator.baseUrl() + "/compute/v2.0").token(emulator.token()).build();
            List<String> live = compute.listServers().filter(s -> !s.deleted() && !"DELETED".equals(s.status().value()))
                    .map(Server::name).collectList().block(Duration.ofSeconds(30));
            assertThat(live).containsExactlyInAnyOrder(TourNames.PUBLIC_SERVER, TourNames.PRIVATE_SERVER,
                    TourNames.NODE_1, TourNames.NODE_2, TourNames.GATEWAY);
        }
    }

    @Test
    void aFailedScenarioEndsTheTourWithOneLine() {
        try (SynnefoEmulator emulator = SynnefoEmulator.builder().start()) {
            Output out = new Output();
            Output err = new Output();
            int status = Tour.run(new String[0], Map.of("SYNNEFO_AUTH_URL", emulator.authUrl(), "SYNNEFO_TOKEN",
                    "revoked-token"), out.stream, err.stream, null);
            assertThat(status).isEqualTo(1);
            assertThat(err.take()).matches("tour failed: astakos-authenticate: UnauthorizedException: [^\n]+\n");
            assertThat(out.take()).contains("Authentication failed, ", "0 passed, 1 failed")
                    .doesNotContain("revoked-token");
        }
    }

    @Test
    void badArgumentsPrintTheUsage() {
        Output out = new Output();
        Output err = new Output();
        assertThat(Tour.run(new String[] {"--auth-url", "http://x"}, Map.of(), out.stream, err.stream, null))
                .isEqualTo(2);
        assertThat(err.take()).contains("give both an auth URL and a token", TourSettings.USAGE);
        assertThat(Tour.run(new String[] {"--bogus"}, Map.of(), out.stream, err.stream, null)).isEqualTo(2);
        assertThat(err.take()).contains("unknown argument: --bogus");
    }

    @Test
    void aSingleExampleRunsTheTourUpToItself() {
        Output out = new Output();
        Output err = new Output();
        int status = Tour.run(new String[] {"--state-delay=0"}, Map.of(), out.stream, err.stream,
                new org.synnefo.reactive.examples.compute.ComputeReboot());
        String printed = out.take();
        assertThat(status).isZero();
        assertThat(printed).contains("compute-wait", "compute-reboot").doesNotContain("network-vpn")
                .contains("11 passed, 0 failed");
    }
}
