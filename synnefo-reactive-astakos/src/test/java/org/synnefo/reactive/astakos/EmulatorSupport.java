package org.synnefo.reactive.astakos;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.RetryOptions;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.emulator.EmulatorUser;
import org.synnefo.reactive.emulator.FaultRule;
import org.synnefo.reactive.emulator.SynnefoEmulator;

/** One in-process emulator (port 0) and one transport per test class. */
abstract class EmulatorSupport {

    static SynnefoEmulator emulator;
    static SynnefoTransport transport;
    static ClientOptions options;

    @BeforeAll
    static void startEmulator() {
        emulator = SynnefoEmulator.builder().start();
        transport = SynnefoTransport.builder().name("astakos-test").build();
        options = ClientOptions.builder().transport(transport).build();
    }

    @AfterAll
    static void stopEmulator() {
        transport.dispose();
        emulator.close();
    }

    @AfterEach
    void clearFaults() {
        emulator.faults().clear();
    }

    static EmulatorUser user() {
        return emulator.users().get(0);
    }

    static EmulatorUser other() {
        return emulator.users().get(1);
    }

    static AstakosClient client() {
        return AstakosClient.builder().authUrl(emulator.authUrl()).token(emulator.token()).options(options).build();
    }

    /**
     * A rule that never changes an answer but counts the requests matching it, so tests can see how many
     * requests really reached the server.
     */
    static String countRequests(String method, String pathRegex) {
        return emulator.faults().add(FaultRule.builder().method(method).path(pathRegex).respond(599).times(0).build())
                .id();
    }

    static long count(String ruleId) {
        return emulator.faults().matched(ruleId);
    }

    static final String TOKENS = "/identity/v2\\.0/tokens";
    static final Duration TIMEOUT = Duration.ofSeconds(20);
}
