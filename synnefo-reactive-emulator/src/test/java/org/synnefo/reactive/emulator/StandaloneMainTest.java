package org.synnefo.reactive.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The standalone entry point (in-process) and the JUnit extension. */
@ExtendWith(SynnefoEmulatorExtension.class)
class StandaloneMainTest {

    private final SynnefoEmulator injected;

    StandaloneMainTest(SynnefoEmulator injected) {
        this.injected = injected;
    }

    private static Map<String, String> lines(ByteArrayOutputStream out) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\\R")) {
            int eq = line.indexOf('=');
            env.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return env;
    }

    @Test
    void printsEvalableLinesAndServes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SynnefoEmulator emulator = SynnefoEmulatorMain.start(new String[] {"--port", "0", "--block-size",
                "1024", "--admin", "--state-delay", "0"}, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            Map<String, String> env = lines(out);
            assertThat(env.keySet()).containsExactly("SYNNEFO_AUTH_URL", "SYNNEFO_TOKEN", "SYNNEFO_TOKEN_2");
            assertThat(env.get("SYNNEFO_AUTH_URL")).isEqualTo("http://127.0.0.1:" + emulator.port() + "/identity/v2.0");
            assertThat(env.get("SYNNEFO_TOKEN")).isEqualTo(emulator.users().get(0).token());
            assertThat(env.get("SYNNEFO_TOKEN_2")).isEqualTo(emulator.users().get(1).token());
            assertThat(emulator.context().state().blockSize()).isEqualTo(1024);
            AstakosHttp http = new AstakosHttp(emulator);
            assertThat(http.postJson("/identity/v2.0/tokens", null,
                    "{\"auth\":{\"token\":{\"id\":\"" + env.get("SYNNEFO_TOKEN") + "\"}}}").status()).isEqualTo(200);
            assertThat(http.get("/_emulator/faults", null).status()).isEqualTo(200);
        }
    }

    @Test
    void publicUrlAndEqualsForms() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SynnefoEmulator emulator = SynnefoEmulatorMain.start(new String[] {"--port=0",
                "--public-url=http://proxy.example.org:9000"}, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(lines(out).get("SYNNEFO_AUTH_URL")).isEqualTo("http://proxy.example.org:9000/identity/v2.0");
            AstakosHttp http = new AstakosHttp("http://127.0.0.1:" + emulator.port());
            assertThat(http.get("/_emulator/faults", null).status()).isEqualTo(404);
        }
    }

    @Test
    void badArgumentsAreRefused() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SynnefoEmulatorMain.start(new String[] {"--bogus"}, sink))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> SynnefoEmulatorMain.start(new String[] {"--port"}, sink))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SynnefoEmulatorMain.start(new String[] {"--port", "x"}, sink))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SynnefoEmulatorMain.start(new String[] {"--block-size", "0"}, sink))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theExtensionInjectsOneStartedEmulatorPerClass(SynnefoEmulator emulator) {
        assertThat(emulator).isSameAs(injected);
        assertThat(new AstakosHttp(emulator).get("/account/v1.0/quotas", emulator.token()).status()).isEqualTo(200);
    }
}
