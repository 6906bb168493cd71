package org.synnefo.reactive.emulator.internal.cyclades;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.emulator.CycladesSeed;
import org.synnefo.reactive.emulator.internal.QuotaLedger;
import org.synnefo.reactive.emulator.internal.cyclades.CycladesHttp.Res;

class CycladesQuotaAndSeedTest {

    private CycladesHttp h;

    @BeforeEach
    void setUp() {
        h = CycladesHttp.start();
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void overLimitIs413AndLeavesEverythingUntouched() {
        h.ledger().setCapacity(h.user.uuid(), "cyclades.vm", new QuotaLedger.Capacity(1, 1));
        h.createServer("first", 1);
        long ram = h.usage(h.user.uuid(), "cyclades.ram");
        Res r = h.post("/compute/v2.0/servers", "{\"server\":{\"name\":\"second\",\"imageRef\":\""
                + CycladesHttp.Catalogue_DEBIAN + "\",\"flavorRef\":1}}");
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("overLimit").get("code").asInt()).isEqualTo(413);
        assertThat(h.get("/compute/v2.0/servers").json().get("servers")).hasSize(1);
        assertThat(h.usage(h.user.uuid(), "cyclades.ram")).isEqualTo(ram);
        assertThat(h.get("/volume/v2.0/volumes").json().get("volumes")).hasSize(1);

        h.ledger().setCapacity(h.user.uuid(), "cyclades.floating_ip", new QuotaLedger.Capacity(0, 0));
        assertThat(h.post("/network/v2.0/floatingips", "{\"floatingip\":{}}").status()).isEqualTo(413);
        h.ledger().setCapacity(h.user.uuid(), "cyclades.network.private", new QuotaLedger.Capacity(0, 0));
        assertThat(h.post("/network/v2.0/networks", "{\"network\":{\"type\":\"MAC_FILTERED\"}}").status())
                .isEqualTo(413);
        assertThat(h.get("/network/v2.0/networks").json().get("networks")).hasSize(1);
    }

    @Test
    void projectsMustBeOnesTheUserIsAnActiveMemberOf() {
        String me = h.user.uuid();
        String foreign = h.emulator.projects().create("foreign", h.other.uuid(), java.util.Map.of(), h.other.uuid());
        String server = "{\"server\":{\"name\":\"x\",\"imageRef\":\"" + CycladesHttp.Catalogue_DEBIAN
                + "\",\"flavorRef\":1,\"project\":\"%s\"}}";
        for (String project : new String[] {"no-such-project", foreign}) {
            Res r = h.post("/compute/v2.0/servers", server.formatted(project));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().at("/badRequest/message").asText())
                    .isEqualTo("User " + me + " not in project " + project);
            assertThat(h.post("/network/v2.0/networks", "{\"network\":{\"type\":\"MAC_FILTERED\",\"project\":\""
                    + project + "\"}}").status()).isEqualTo(400);
            assertThat(h.post("/network/v2.0/floatingips", "{\"floatingip\":{\"project\":\"" + project + "\"}}")
                    .status()).isEqualTo(400);
            assertThat(h.post("/volume/v2.0/volumes", "{\"volume\":{\"size\":1,\"project\":\"" + project + "\"}}")
                    .status()).isEqualTo(400);
        }
        assertThat(h.get("/compute/v2.0/servers").json().get("servers")).isEmpty();
        assertThat(h.usage(me, "cyclades.vm")).isZero();

        // a project the user belongs to is charged; choosing it as default makes it the implicit one
        String lab = h.project("lab");
        assertThat(h.post("/compute/v2.0/servers", server.formatted(lab)).status()).isEqualTo(202);
        assertThat(h.usage(lab, "cyclades.vm")).isEqualTo(1);
        assertThat(h.post("/account/v1.0/myaccount/default_project", "{\"project_id\":\"" + lab + "\"}").status())
                .isEqualTo(200);
        JsonNode net = h.post("/network/v2.0/networks", "{\"network\":{\"type\":\"MAC_FILTERED\"}}").json();
        assertThat(net.at("/network/tenant_id").asText()).isEqualTo(lab);
        assertThat(h.usage(lab, "cyclades.network.private")).isEqualTo(1);
        assertThat(h.usage(me, "cyclades.network.private")).isZero();
    }

    @Test
    void seedingApiCreatesResourcesVisibleOverHttp() {
        CycladesSeed seed = CycladesSeed.of(h.emulator);
        int server = seed.createServer(h.user, "seeded", CycladesSeed.SMALL_FLAVOR, CycladesSeed.UBUNTU_IMAGE);
        String net = seed.createNetwork(h.user, "lab", "10.1.0.0/24");
        String vol = seed.createVolume(h.user, "disk", 3);
        String ip = seed.reserveFloatingIp(h.user);
        assertThat(seed.serverStatus(server)).isEqualTo("ACTIVE");
        JsonNode s = h.get("/compute/v2.0/servers/" + server).json().get("server");
        assertThat(s.get("name").asText()).isEqualTo("seeded");
        assertThat(h.get("/network/v2.0/networks/" + net).json().get("network").get("subnets")).hasSize(1);
        assertThat(h.get("/volume/v2.0/volumes/" + vol).json().get("volume").get("size").asInt()).isEqualTo(3);
        assertThat(h.get("/network/v2.0/floatingips").json().get("floatingips").get(0)
                .get("floating_ip_address").asText()).isEqualTo(ip);
        assertThat(h.usage(h.user.uuid(), "cyclades.vm")).isEqualTo(1);
    }

    @Test
    void computeCatalogueFlavorsImagesKeypairs() {
        JsonNode flavors = h.get("/compute/v2.0/flavors/detail").json().get("flavors");
        assertThat(flavors).hasSizeGreaterThan(5);
        JsonNode f = flavors.get(0);
        assertThat(f.get("name").asText()).isEqualTo("C1R1024D20drbd");
        assertThat(f.get("SNF:disk_template").asText()).isEqualTo("drbd");
        assertThat(f.get("SNF:allow_create").asBoolean()).isTrue();
        assertThat(h.get("/compute/v2.0/flavors?SNF:is_public=false").json().get("flavors")).isEmpty();
        assertThat(h.get("/compute/v2.0/flavors/999").status()).isEqualTo(404);
        assertThat(h.get("/compute/v2.0/flavors/1/os-extra_specs").json().get("extra_specs").size()).isZero();
        JsonNode img = h.get("/compute/v2.0/images/" + CycladesSeed.DEBIAN_IMAGE).json().get("image");
        assertThat(img.get("metadata").get("os").asText()).isEqualTo("debian");
        assertThat(img.get("progress").asInt()).isEqualTo(100);
        assertThat(h.post("/compute/v2.0/images", "{}").status()).isEqualTo(501);

        Res gen = h.post("/compute/v2.0/os-keypairs", "{\"keypair\":{\"name\":\"k1\"}}");
        assertThat(gen.status()).isEqualTo(201);
        assertThat(gen.json().get("keypair").get("private_key").asText()).contains("PRIVATE KEY");
        assertThat(h.post("/compute/v2.0/os-keypairs", "{\"keypair\":{\"name\":\"k1\"}}").status()).isEqualTo(409);
        String pub = gen.json().get("keypair").get("public_key").asText();
        Res imp = h.post("/compute/v2.0/os-keypairs", "{\"keypair\":{\"name\":\"k2\",\"public_key\":\"" + pub + "\"}}");
        assertThat(imp.json().get("keypair").get("fingerprint").asText())
                .isEqualTo(gen.json().get("keypair").get("fingerprint").asText());
        assertThat(h.get("/compute/v2.0/os-keypairs").json().get("keypairs")).hasSize(2);
        assertThat(h.get("/compute/v2.0/os-keypairs/k1").json().get("keypair").has("created_at")).isTrue();
        Res withKey = h.post("/compute/v2.0/servers", "{\"server\":{\"name\":\"k\",\"imageRef\":\""
                + CycladesSeed.DEBIAN_IMAGE + "\",\"flavorRef\":1,\"key_name\":\"k1\"}}");
        assertThat(withKey.json().get("server").get("SNF:key_names").get(0).asText()).isEqualTo("k1");
        assertThat(h.delete("/compute/v2.0/os-keypairs/k1").status()).isEqualTo(204);
        assertThat(h.get("/compute/v2.0/os-keypairs/k1").status()).isEqualTo(404);
    }
}
