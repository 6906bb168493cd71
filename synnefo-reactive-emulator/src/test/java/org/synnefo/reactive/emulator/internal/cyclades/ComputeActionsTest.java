package org.synnefo.reactive.emulator.internal.cyclades;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.emulator.internal.cyclades.CycladesHttp.Res;

/** The server state machine on a clock the test moves: every intermediate state is observable. */
class ComputeActionsTest {

    private static final String C = "/compute/v2.0";
    private static final Duration STEP = Duration.ofSeconds(10);
    private CycladesHttp h;

    @BeforeEach
    void setUp() {
        h = CycladesHttp.start(STEP);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private JsonNode server(int id) {
        return h.get(C + "/servers/" + id).json().get("server");
    }

    private Res action(int id, String body) {
        return h.post(C + "/servers/" + id + "/action", body);
    }

    private int activeServer(int flavor) {
        int id = h.createServer("s", flavor);
        h.clock.advance(STEP);
        assertThat(server(id).get("status").asText()).isEqualTo("ACTIVE");
        return id;
    }

    @Test
    void buildProgressRisesThenActiveAndActionsWhileBuildingAre409() {
        int id = h.createServer("s", 1);
        JsonNode s = server(id);
        assertThat(s.get("status").asText()).isEqualTo("BUILD");
        assertThat(s.get("SNF:task_state").asText()).isEqualTo("BUILDING");
        assertThat(s.get("attachments")).isEmpty();
        assertThat(s.get("progress").asInt()).isZero();
        h.clock.advance(Duration.ofSeconds(2));
        assertThat(server(id).get("progress").asInt()).isEqualTo(20);
        h.clock.advance(Duration.ofSeconds(3));
        assertThat(server(id).get("progress").asInt()).isEqualTo(50);
        Res r = action(id, "{\"shutdown\":{}}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().has("buildInProgress")).isTrue();
        assertThat(action(id, "{\"resize\":{\"flavorRef\":2}}").json().has("buildInProgress")).isTrue();
        JsonNode port = h.get("/network/v2.0/ports").json().get("ports").get(0);
        assertThat(port.get("status").asText()).isEqualTo("BUILD");
        h.clock.advance(Duration.ofMillis(4999));
        assertThat(server(id).get("progress").asInt()).isEqualTo(99);
        assertThat(server(id).get("status").asText()).isEqualTo("BUILD");
        h.clock.advance(Duration.ofMillis(1));
        s = server(id);
        assertThat(s.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(s.get("progress").asInt()).isEqualTo(100);
        assertThat(s.get("attachments")).hasSize(1);
        assertThat(s.get("updated").asText()).isEqualTo("2024-05-01T10:00:10.000000+00:00");
        assertThat(h.get("/network/v2.0/ports").json().get("ports").get(0).get("status").asText())
                .isEqualTo("ACTIVE");
        JsonNode diag = h.get(C + "/servers/" + id + "/diagnostics").json();
        assertThat(diag).hasSize(1);
        assertThat(diag.get(0).get("level").asText()).isEqualTo("INFO");
    }

    @Test
    void shutdownStartRebootWithPreconditionsAndRunningQuota() {
        int id = activeServer(1);
        String me = h.user.uuid();
        assertThat(h.usage(me, "cyclades.cpu")).isEqualTo(1);
        assertThat(action(id, "{\"start\":{}}").status()).isEqualTo(400);
        assertThat(action(id, "{\"shutdown\":{}}").status()).isEqualTo(202);
        JsonNode s = server(id);
        assertThat(s.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(s.get("SNF:task_state").asText()).isEqualTo("STOPPING");
        Res pending = action(id, "{\"reboot\":{\"type\":\"HARD\"}}");
        assertThat(pending.status()).isEqualTo(400);
        assertThat(pending.json().get("badRequest").get("message").asText()).contains("pending");
        h.clock.advance(STEP);
        assertThat(server(id).get("status").asText()).isEqualTo("STOPPED");
        assertThat(h.usage(me, "cyclades.cpu")).isZero();
        assertThat(h.usage(me, "cyclades.ram")).isZero();
        assertThat(action(id, "{\"shutdown\":{}}").status()).isEqualTo(400);
        assertThat(action(id, "{\"os-start\":null}").status()).isEqualTo(202);
        assertThat(h.usage(me, "cyclades.ram")).isEqualTo(1024L << 20);
        h.clock.advance(STEP);
        assertThat(server(id).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(action(id, "{\"reboot\":{\"type\":\"FOO\"}}").status()).isEqualTo(400);
        assertThat(action(id, "{\"reboot\":{\"type\":\"SOFT\"}}").status()).isEqualTo(202);
        assertThat(server(id).get("status").asText()).isEqualTo("REBOOT");
        h.clock.advance(STEP);
        assertThat(server(id).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(action(id, "{\"fly\":{}}").json().get("badRequest").get("message").asText())
                .isEqualTo("Action fly not supported");
        assertThat(action(id, "{\"start\":[]}").status()).isEqualTo(400);
        assertThat(action(id, "{\"suspend\":{}}").status()).isEqualTo(403);
        assertThat(action(id, "{\"rebuild\":{}}").status()).isEqualTo(501);
    }

    @Test
    void resizeNeedsStoppedSameDiskAndTemplate() {
        int id = activeServer(1);
        assertThat(action(id, "{\"resize\":{\"flavorRef\":2}}").status()).isEqualTo(400);
        action(id, "{\"shutdown\":{}}");
        h.clock.advance(STEP);
        assertThat(action(id, "{\"resize\":{\"flavorRef\":1}}").status()).isEqualTo(400);
        assertThat(action(id, "{\"resize\":{\"flavorRef\":4}}").status()).isEqualTo(400);
        assertThat(action(id, "{\"resize\":{\"flavorRef\":8}}").status()).isEqualTo(400);
        assertThat(action(id, "{\"resize\":{\"flavorRef\":999}}").status()).isEqualTo(404);
        assertThat(action(id, "{\"resize\":{\"flavorRef\":2}}").status()).isEqualTo(202);
        assertThat(server(id).get("status").asText()).isEqualTo("RESIZE");
        h.clock.advance(STEP);
        JsonNode s = server(id);
        assertThat(s.get("status").asText()).isEqualTo("STOPPED");
        assertThat(s.get("flavor").get("id").asInt()).isEqualTo(2);
    }

    @Test
    void firewallAndConsole() {
        int id = activeServer(1);
        int nic = server(id).get("attachments").get(0).get("id").asInt();
        assertThat(action(id, "{\"firewallProfile\":{\"profile\":\"ENABLED\"}}").status()).isEqualTo(400);
        assertThat(action(id, "{\"firewallProfile\":{\"profile\":\"ENABLED\",\"nic\":9999}}").status())
                .isEqualTo(404);
        assertThat(action(id, "{\"firewallProfile\":{\"profile\":\"ENABLED\",\"nic\":\"abc\"}}").status())
                .isEqualTo(400);
        assertThat(action(id, "{\"firewallProfile\":{\"profile\":\"FOO\",\"nic\":" + nic + "}}").status())
                .isEqualTo(400);
        assertThat(action(id, "{\"firewallProfile\":{\"profile\":\"PROTECTED\",\"nic\":" + nic + "}}").status())
                .isEqualTo(202);
        assertThat(server(id).get("attachments").get(0).get("firewallProfile").asText()).isEqualTo("PROTECTED");

        Res console = action(id, "{\"console\":{\"type\":\"vnc\"}}");
        assertThat(console.status()).isEqualTo(200);
        JsonNode c = console.json().get("console");
        assertThat(c.size()).isEqualTo(4);
        assertThat(c.has("host") && c.has("port") && c.has("password")).isTrue();
        assertThat(action(id, "{\"console\":{\"type\":\"foo\"}}").status()).isEqualTo(400);
        action(id, "{\"shutdown\":{}}");
        h.clock.advance(STEP);
        assertThat(action(id, "{\"console\":{\"type\":\"vnc\"}}").status()).isEqualTo(400);
    }

    @Test
    void reassignMovesUsageAndDeleteIsAlwaysAccepted() {
        int id = activeServer(1);
        String me = h.user.uuid();
        assertThat(action(id, "{\"reassign\":{}}").status()).isEqualTo(400);
        // a project the user is not a member of: Cyclades' 400, nothing moves
        Res notMember = action(id, "{\"reassign\":{\"project\":\"no-such-project\"}}");
        assertThat(notMember.status()).isEqualTo(400);
        assertThat(notMember.json().at("/badRequest/message").asText())
                .isEqualTo("User " + me + " not in project no-such-project");
        assertThat(h.usage(me, "cyclades.vm")).isEqualTo(1);
        String projX = h.project("proj-x");
        Res r = action(id, "{\"reassign\":{\"project\":\"" + projX + "\"}}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(server(id).get("tenant_id").asText()).isEqualTo(projX);
        assertThat(h.usage(me, "cyclades.vm")).isZero();
        assertThat(h.usage(projX, "cyclades.vm")).isEqualTo(1);
        assertThat(h.usage(projX, "cyclades.cpu")).isEqualTo(1);
        assertThat(h.delete(C + "/servers/" + id).status()).isEqualTo(204);
        assertThat(server(id).get("SNF:task_state").asText()).isEqualTo("DESTROYING");
        assertThat(h.usage(projX, "cyclades.vm")).isZero();
        h.clock.advance(STEP);
        assertThat(server(id).get("status").asText()).isEqualTo("DELETED");
        assertThat(action(id, "{\"start\":{}}").status()).isEqualTo(400);
        int building = h.createServer("b", 1);
        assertThat(h.delete(C + "/servers/" + building).status()).isEqualTo(204);
    }

    @Test
    void statsAndVolumeAttachments() {
        int id = activeServer(8);
        JsonNode stats = h.get(C + "/servers/" + id + "/stats").json().get("stats");
        assertThat(stats.get("serverRef").asInt()).isEqualTo(id);
        assertThat(stats.has("cpuBar") && stats.has("netTimeSeries")).isTrue();

        String base = C + "/servers/" + id + "/os-volume_attachments";
        JsonNode list = h.get(base).json().get("volumeAttachments");
        assertThat(list).hasSize(1);
        int root = list.get(0).get("volumeId").asInt();
        assertThat(list.get(0).get("serverId").asInt()).isEqualTo(id);
        assertThat(list.get(0).get("device").asText()).isEmpty();
        assertThat(h.delete(base + "/" + root).status()).isEqualTo(400);

        Res created = h.post("/volume/v2.0/volumes", "{\"volume\":{\"display_name\":\"data\",\"size\":2,"
                + "\"volume_type\":2}}");
        assertThat(created.status()).isEqualTo(202);
        String vol = created.json().get("volume").get("id").asText();
        assertThat(h.get("/volume/v2.0/volumes/" + vol).json().get("volume").get("status").asText())
                .isEqualTo("creating");
        h.clock.advance(STEP);
        assertThat(h.delete(base + "/" + vol).status()).isEqualTo(400);
        Res att = h.post(base, "{\"volumeAttachment\":{\"volumeId\":\"" + vol + "\"}}");
        assertThat(att.status()).isEqualTo(202);
        assertThat(att.json().get("volumeAttachment").get("volumeId").asInt()).isEqualTo(Integer.parseInt(vol));
        assertThat(h.get("/volume/v2.0/volumes/" + vol).json().get("volume").get("status").asText())
                .isEqualTo("attaching");
        assertThat(h.delete(base + "/" + vol).status()).isEqualTo(400);
        h.clock.advance(STEP);
        JsonNode v = h.get("/volume/v2.0/volumes/" + vol).json().get("volume");
        assertThat(v.get("status").asText()).isEqualTo("in_use");
        assertThat(v.get("attachments").get(0).get("server_id").asInt()).isEqualTo(id);
        assertThat(h.post(base, "{\"volumeAttachment\":{\"volumeId\":\"" + vol + "\"}}").status()).isEqualTo(400);
        assertThat(h.get(base + "/" + vol).status()).isEqualTo(200);
        assertThat(h.delete(base + "/" + vol).status()).isEqualTo(202);
        assertThat(h.get("/volume/v2.0/volumes/" + vol).json().get("volume").get("status").asText())
                .isEqualTo("detaching");
        h.clock.advance(STEP);
        assertThat(h.get("/volume/v2.0/volumes/" + vol).json().get("volume").get("status").asText())
                .isEqualTo("available");
        assertThat(h.get(base + "/" + vol).status()).isEqualTo(400);
        assertThat(h.get(base).json().get("volumeAttachments")).hasSize(1);
    }
}
