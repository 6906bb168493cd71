package org.synnefo.reactive.emulator.internal.cyclades;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.emulator.internal.cyclades.CycladesHttp.Res;

class VolumeApiTest {

    private static final String V = "/volume/v2.0";
    private static final Duration STEP = Duration.ofSeconds(3);
    private CycladesHttp h;

    @BeforeEach
    void setUp() {
        h = CycladesHttp.start(STEP);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void createValidatesAndMovesThroughLowerCaseStates() {
        assertThat(h.post(V + "/volumes", "{\"volume\":{\"size\":1,\"volume_type\":2}}").status()).isEqualTo(400);
        assertThat(h.post(V + "/volumes", "{\"volume\":{\"display_name\":\"v\",\"size\":0,\"volume_type\":2}}")
                .status()).isEqualTo(400);
        assertThat(h.post(V + "/volumes", "{\"volume\":{\"display_name\":\"v\",\"size\":\"x\",\"volume_type\":2}}")
                .status()).isEqualTo(400);
        assertThat(h.post(V + "/volumes", "{\"volume\":{\"display_name\":\"v\",\"size\":1,\"volume_type\":2,"
                + "\"snapshot_id\":\"a\",\"imageRef\":\"b\"}}").status()).isEqualTo(400);
        assertThat(h.get(V + "/volumes").json().get("volumes")).isEmpty();
        assertThat(h.usage(h.user.uuid(), "cyclades.disk")).isZero();

        Res r = h.post(V + "/volumes", "{\"volume\":{\"display_name\":\"data\",\"size\":4,\"volume_type\":2,"
                + "\"metadata\":{\"k\":\"v\"},\"imageRef\":\"" + CycladesHttp.Catalogue_DEBIAN + "\"}}");
        assertThat(r.status()).isEqualTo(202);
        JsonNode ref = r.json().get("volume");
        assertThat(ref.size()).isEqualTo(3);
        String id = ref.get("id").asText();
        assertThat(h.usage(h.user.uuid(), "cyclades.disk")).isEqualTo(4L << 30);
        JsonNode v = h.get(V + "/volumes/" + id).json().get("volume");
        assertThat(v.get("status").asText()).isEqualTo("creating");
        assertThat(v.get("image_id").asText()).isEqualTo(CycladesHttp.Catalogue_DEBIAN);
        assertThat(v.get("volume_type").asInt()).isEqualTo(2);
        h.clock.advance(STEP);
        assertThat(h.get(V + "/volumes/detail").json().get("volumes").get(0).get("status").asText())
                .isEqualTo("available");
        assertThat(h.put(V + "/volumes/" + id, "{\"volume\":{}}").status()).isEqualTo(400);
        JsonNode upd = h.put(V + "/volumes/" + id, "{\"volume\":{\"display_name\":\"d2\",\"display_description\":"
                + "\"dd\"}}").json().get("volume");
        assertThat(upd.get("display_name").asText()).isEqualTo("d2");
        assertThat(upd.get("display_description").asText()).isEqualTo("dd");
        assertThat(h.post(V + "/volumes/" + id + "/metadata", "{\"metadata\":{\"a\":\"1\"}}").json()
                .get("metadata").size()).isEqualTo(2);
        assertThat(h.put(V + "/volumes/" + id + "/metadata", "{\"metadata\":{\"z\":\"1\"}}").json()
                .get("metadata").size()).isEqualTo(1);
        assertThat(h.delete(V + "/volumes/" + id + "/metadata/z").status()).isEqualTo(200);
        assertThat(h.delete(V + "/volumes/" + id + "/metadata/z").status()).isEqualTo(400);
        String pv = h.project("volumes");
        assertThat(h.post(V + "/volumes/" + id + "/action", "{\"reassign\":{\"project\":\"" + pv + "\"}}")
                .status()).isEqualTo(200);
        assertThat(h.usage(pv, "cyclades.disk")).isEqualTo(4L << 30);

        assertThat(h.delete(V + "/volumes/" + id).status()).isEqualTo(202);
        assertThat(h.get(V + "/volumes/" + id).json().get("volume").get("status").asText()).isEqualTo("deleting");
        assertThat(h.usage(pv, "cyclades.disk")).isZero();
        h.clock.advance(STEP);
        JsonNode gone = h.get(V + "/volumes/" + id).json().get("volume");
        assertThat(gone.get("status").asText()).isEqualTo("deleted");
        assertThat(gone.get("deleted").asBoolean()).isTrue();
        assertThat(h.get(V + "/volumes").json().get("volumes")).isEmpty();
    }

    @Test
    void createAttachedToServerAndDeleteWithServer() {
        int server = h.createServer("s", 8);
        h.clock.advance(STEP);
        Res r = h.post(V + "/volumes", "{\"volume\":{\"display_name\":\"att\",\"size\":1,\"server_id\":\"" + server
                + "\"}}");
        assertThat(r.status()).isEqualTo(202);
        String id = r.json().get("volume").get("id").asText();
        h.clock.advance(STEP);
        JsonNode v = h.get(V + "/volumes/" + id).json().get("volume");
        assertThat(v.get("status").asText()).isEqualTo("in_use");
        assertThat(v.get("attachments").get(0).get("device_index").asInt()).isEqualTo(1);
        assertThat(h.get("/compute/v2.0/servers/" + server).json().get("server").get("volumes")).hasSize(2);
        assertThat(h.post(V + "/volumes", "{\"volume\":{\"display_name\":\"x\",\"size\":1,\"server_id\":\"999\"}}")
                .status()).isEqualTo(400);
        h.delete("/compute/v2.0/servers/" + server);
        h.clock.advance(STEP);
        assertThat(h.get(V + "/volumes/" + id).json().get("volume").get("status").asText()).isEqualTo("deleted");
        assertThat(h.usage(h.user.uuid(), "cyclades.disk")).isZero();
    }

    @Test
    void snapshotsAreUpperCaseAndTypesAreListed() {
        String vol = h.post(V + "/volumes", "{\"volume\":{\"display_name\":\"v\",\"size\":2,\"volume_type\":2}}")
                .json().get("volume").get("id").asText();
        assertThat(h.post(V + "/snapshots", "{\"snapshot\":{}}").status()).isEqualTo(400);
        Res r = h.post(V + "/snapshots", "{\"snapshot\":{\"volume_id\":\"" + vol + "\",\"display_name\":\"snap\"}}");
        assertThat(r.status()).isEqualTo(202);
        JsonNode s = r.json().get("snapshot");
        assertThat(s.get("status").asText()).isEqualTo("CREATING");
        assertThat(s.get("size").asInt()).isEqualTo(2);
        String id = s.get("id").asText();
        h.clock.advance(STEP);
        JsonNode got = h.get(V + "/snapshots/" + id).json().get("snapshot");
        assertThat(got.get("status").asText()).isEqualTo("AVAILABLE");
        assertThat(got.get("os-extended-snapshot-attribute:progress").asText()).isEqualTo("100%");
        assertThat(h.get("/image/v1.0/images/detail").json().get("images"))
                .anyMatch(i -> i.get("id").asText().equals(id) && i.get("is_snapshot").asBoolean());
        assertThat(h.put(V + "/snapshots/" + id, "{\"snapshot\":{\"display_name\":\"s2\"}}").json().get("snapshot")
                .get("display_name").asText()).isEqualTo("s2");
        assertThat(h.get(V + "/snapshots").json().get("snapshots")).hasSize(1);
        assertThat(h.delete(V + "/snapshots/" + id).status()).isEqualTo(202);
        assertThat(h.get(V + "/snapshots").json().get("snapshots")).isEmpty();

        JsonNode types = h.get(V + "/types").json().get("volume_types");
        assertThat(types).hasSize(2);
        assertThat(types.get(1).get("SNF:detachable").asBoolean()).isTrue();
        assertThat(h.get(V + "/types/1").json().get("volume_type").get("SNF:disk_template").asText())
                .isEqualTo("drbd");
        Res na = h.put(V + "/volumes", "{}");
        assertThat(na.status()).isEqualTo(405);
        assertThat(na.header("Allow")).isEqualTo("GET, POST");
        assertThat(na.text()).isEmpty();
    }
}
