package org.synnefo.reactive.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Pithos seeding API: what it creates is what the object-store API then serves and charges. */
class PithosSeedTest {

    private SynnefoEmulator emulator;
    private AstakosHttp http;
    private EmulatorUser user;

    @BeforeEach
    void start() {
        emulator = SynnefoEmulator.builder().blockSize(1024).start();
        http = new AstakosHttp(emulator);
        user = emulator.users().get(0);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private String path(String rest) {
        return "/object-store/v1/" + user.uuid() + rest;
    }

    @Test
    void seedsTheTourContainersWithObjects() {
        PithosSeed seed = PithosSeed.of(emulator);
        for (String c : new String[] {"pithos", "images", "music", "trash"}) {
            seed.createContainer(user, c);
        }
        byte[] song = new byte[3000];
        for (int i = 0; i < song.length; i++) {
            song[i] = (byte) i;
        }
        String hash = seed.putObject(user, "music", "albums/first song.mp3", song, "audio/mpeg",
                Map.of("artist", "Someone"));
        seed.putObject(user, "pithos", "notes.txt", "hello".getBytes(StandardCharsets.UTF_8), "text/plain");

        JsonNode containers = http.get(path("?format=json"), user.token()).json();
        List<String> names = new ArrayList<>();
        containers.forEach(c -> names.add(c.get("name").asText()));
        assertThat(names).containsExactly("images", "music", "pithos", "trash");

        AstakosHttp.Response head = http.send("HEAD", path("/music/albums/first%20song.mp3"), user.token(), null, null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("X-Object-Hash")).isEqualTo(hash);
        assertThat(head.header("Content-Type")).isEqualTo("audio/mpeg");
        assertThat(head.header("X-Object-Meta-Artist")).isEqualTo("Someone");
        assertThat(head.header("Content-Length")).isEqualTo("3000");
        assertThat(http.get(path("/pithos/notes.txt"), user.token()).body()).isEqualTo("hello");
        assertThat(http.get("/account/v1.0/quotas", user.token()).json()
                .at("/" + user.uuid() + "/pithos.diskspace/usage").asLong()).isEqualTo(3005);
    }

    @Test
    void containersTakeAProjectAndPoliciesAndRefusalsSurface() {
        String project = emulator.projects().create("media", user.uuid(),
                Map.of("pithos.diskspace", ResourceCapacity.of(10_000)), user.uuid());
        PithosSeed seed = PithosSeed.of(emulator);
        seed.createContainer(user, "images", project, Map.of("quota", "100", "versioning", "none"));
        AstakosHttp.Response head = http.send("HEAD", path("/images"), user.token(), null, null);
        assertThat(head.header("X-Container-Policy-Project")).isEqualTo(project);
        assertThat(head.header("X-Container-Policy-Quota")).isEqualTo("100");
        assertThat(head.header("X-Container-Policy-Versioning")).isEqualTo("none");

        seed.putObject(user, "images", "small.img", new byte[60], "application/octet-stream");
        assertThat(emulator.context().ledger().entry(project, user.uuid(), "pithos.diskspace").usage()).isEqualTo(60);
        assertThatThrownBy(() -> seed.putObject(user, "images", "big.img", new byte[200], "application/octet-stream"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("413");
        assertThatThrownBy(() -> seed.createContainer(user, "images"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("202");
        assertThatThrownBy(() -> seed.putObject(user, "nowhere", "x", new byte[1], "text/plain"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("404");
    }
}
