package org.synnefo.reactive.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone entry point: its arguments, the environment lines it prints, and demo state delays. */
class SynnefoEmulatorMainTest {

    @TempDir
    Path dir;

    private static Map<String, String> lines(ByteArrayOutputStream out) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            env.put(line.substring(0, eq), line.substring(eq + 1).trim());
        }
        return env;
    }

    @Test
    void printsTheEnvironmentAndAppliesEveryOption() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SynnefoEmulator e = SynnefoEmulatorMain.start(new String[] {"--port", "0", "--data-dir", dir.toString(),
            "--block-size=65536", "--public-url", "http://cloud.example.org:9/", "--admin"},
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            Map<String, String> env = lines(out);
            assertThat(env.keySet()).containsExactly("SYNNEFO_AUTH_URL", "SYNNEFO_TOKEN", "SYNNEFO_TOKEN_2");
            assertThat(env.get("SYNNEFO_AUTH_URL")).isEqualTo("http://cloud.example.org:9/identity/v2.0");
            assertThat(env.get("SYNNEFO_TOKEN")).isEqualTo(e.users().get(0).token());
            assertThat(env.get("SYNNEFO_TOKEN_2")).isEqualTo(e.users().get(1).token());
            assertThat(e.port()).isPositive();
            assertThat(e.context().state().blockSize()).isEqualTo(65536);
            assertThat(e.context().state().dataDir()).isEqualTo(dir);
            AstakosHttp http = new AstakosHttp("http://127.0.0.1:" + e.port());
            assertThat(http.get("/_emulator/faults", null).status()).isEqualTo(200);
        }
    }

    @Test
    void stateDelayMakesServersBuildWithRisingProgress() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // a delay far longer than the test: the server is seen building, never finished
        try (SynnefoEmulator e = SynnefoEmulatorMain.start(new String[] {"--port", "0", "--state-delay", "3600000"},
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(e.context().stateDelay().toMillis()).isEqualTo(3_600_000);
            AstakosHttp http = new AstakosHttp(e);
            AstakosHttp.Response created = http.postJson("/compute/v2.0/servers", e.token(),
                    "{\"server\":{\"name\":\"demo\",\"imageRef\":\"" + CycladesSeed.DEBIAN_IMAGE
                            + "\",\"flavorRef\":1}}");
            assertThat(created.status()).isEqualTo(202);
            JsonNode s = http.get("/compute/v2.0/servers/" + created.json().at("/server/id").asInt(), e.token())
                    .json().get("server");
            assertThat(s.get("status").asText()).isEqualTo("BUILD");
            assertThat(s.get("progress").asInt()).isBetween(0, 99);
        }
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingStarts() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SynnefoEmulatorMain.start(new String[] {"--state-delay", "soon"}, sink))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--state-delay");
        assertThatThrownBy(() -> SynnefoEmulatorMain.start(new String[] {"--state-delay", "-5"}, sink))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SynnefoEmulatorMain.start(new String[] {"--port", "70000"}, sink))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SynnefoEmulatorMain.start(new String[] {"--port"}, sink))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing value");
        assertThatThrownBy(() -> SynnefoEmulatorMain.start(new String[] {"--bogus"}, sink))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown argument");
    }
}
