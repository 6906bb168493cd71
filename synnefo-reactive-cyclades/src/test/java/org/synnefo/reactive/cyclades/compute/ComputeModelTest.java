package org.synnefo.reactive.cyclades.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.json.SynnefoJson;

class ComputeModelTest {

    // The server detail sample of synnefo-api.md §2.2
    static final String SERVER = """
            {"server": {"id": 42, "name": "web \\u03b1", "links": [{"rel": "self", "href": "https://x/servers/42"}],
             "user_id": "u-1", "tenant_id": "p-1", "shared_to_project": false,
             "status": "ACTIVE", "SNF:task_state": "", "progress": 100,
             "hostId": "", "created": "2013-01-01T10:00:00.000000+00:00", "updated": "2013-01-01T10:05:00+00:00",
             "flavor": {"id": 1, "links": []}, "image": {"id": "img-uuid", "links": []},
             "suspended": false, "metadata": {"OS": "debian", "users": "root"}, "tags": ["a", "b"],
             "attachments": [{"id": 18, "network_id": "2718", "mac_address": "aa:00:00:00:00:01",
                              "firewallProfile": "DISABLED", "ipv4": "", "ipv6": "2001:db8::1", "OS-EXT-IPS:type": "fixed"},
                             {"id": 19, "network_id": "1", "mac_address": "aa:00:00:00:00:02",
                              "ipv4": "83.212.1.2", "ipv6": "", "OS-EXT-IPS:type": "floating"}],
             "addresses": {"2718": [{"version": 6, "addr": "2001:db8::1", "OS-EXT-IPS:type": "fixed"}]},
             "volumes": [7, 9], "diagnostics": [], "security_groups": [{"name": "default"}],
             "key_name": null, "SNF:key_names": ["laptop"], "config_drive": "", "accessIPv4": "", "accessIPv6": "",
             "SNF:fqdn": "snf-42.vm.example.synnefo.org", "SNF:port_forwarding": {},
             "deleted": false, "SNF:rescue": false, "a-future-field": {"x": 1}}}
            """;

    static JsonNode json(String s) {
        return SynnefoJson.readTree(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesTheServerDetailSample() {
        Server s = Server.fromJson(json(SERVER).path("server"));
        assertThat(s.id()).isEqualTo("42");
        assertThat(s.name()).isEqualTo("web α");
        assertThat(s.status()).isEqualTo(ServerStatus.ACTIVE);
        assertThat(s.progress()).isEqualTo(100);
        assertThat(s.flavorId()).isEqualTo("1");
        assertThat(s.imageId()).isEqualTo("img-uuid");
        assertThat(s.projectId()).isEqualTo("p-1");
        assertThat(s.metadata()).containsEntry("OS", "debian").containsEntry("users", "root");
        assertThat(s.tags()).containsExactly("a", "b");
        assertThat(s.nics()).hasSize(2);
        assertThat(s.nics().get(0).firewallProfile()).isEqualTo(FirewallProfile.DISABLED);
        assertThat(s.nics().get(1).firewallProfile()).isNull();
        assertThat(s.addresses().get("2718")).singleElement().satisfies(a -> {
            assertThat(a.version()).isEqualTo(6);
            assertThat(a.addr()).isEqualTo("2001:db8::1");
        });
        assertThat(s.volumeIds()).containsExactly("7", "9");
        assertThat(s.keyNames()).containsExactly("laptop");
        assertThat(s.fqdn()).isEqualTo("snf-42.vm.example.synnefo.org");
        assertThat(s.created()).isEqualTo("2013-01-01T10:00:00Z");
        assertThat(s.ipv4()).contains("83.212.1.2");
        assertThat(s.ipv6()).contains("2001:db8::1");
        assertThat(s.raw().path("a-future-field").path("x").asInt()).isEqualTo(1);
        assertThat(s.adminPass()).isNull();
    }

    @Test
    void parsesAListEntryWithoutDetailAndAnUnknownStatus() {
        Server s = Server.fromJson(json("{\"id\": 7, \"name\": \"n\", \"links\": []}"));
        assertThat(s.id()).isEqualTo("7");
        assertThat(s.status()).isNull();
        assertThat(s.nics()).isEmpty();
        Server odd = Server.fromJson(json("{\"id\": 8, \"status\": \"HIBERNATING\"}"));
        assertThat(odd.status().value()).isEqualTo("HIBERNATING");
        assertThat(odd.status().is("hibernating")).isTrue();
    }

    @Test
    void faultMessageComesFromFaultOrTheLatestDiagnostic() {
        Server withFault = Server.fromJson(json("{\"id\": 1, \"status\": \"ERROR\", \"fault\": {\"message\": \"no disk\"}}"));
        assertThat(withFault.faultMessage()).isEqualTo("no disk");
        Server withDiag = Server.fromJson(json("""
                {"id": 1, "status": "ERROR", "diagnostics": [{"level": "ERROR", "created": "2013-01-01T00:00:00",
                 "source": "image-helper", "message": "Image customization failed", "details": "bad fs"}]}
                """));
        assertThat(withDiag.faultMessage()).isEqualTo("Image customization failed (bad fs)");
        assertThat(withDiag.diagnostics().get(0).created()).isEqualTo("2013-01-01T00:00:00Z");
        assertThat(Server.fromJson(json("{\"id\": 1}")).faultMessage()).isNotBlank();
    }

    @Test
    void parsesFlavorsImagesKeypairsConsoleStatsAttachmentsTags() {
        Flavor f = Flavor.fromJson(json("""
                {"id": 3, "name": "C2R2048D20drbd", "ram": 2048, "disk": 20, "vcpus": 2,
                 "os-flavor-access:is_public": true, "SNF:disk_template": "drbd", "SNF:volume_type": 1,
                 "SNF:allow_create": true, "SNF:flavor-access": ["p1"]}"""));
        assertThat(f).extracting(Flavor::id, Flavor::vcpus, Flavor::ramMiB, Flavor::diskGiB, Flavor::diskTemplate,
                Flavor::volumeTypeId, Flavor::allowCreate, Flavor::isPublic)
                .containsExactly("3", 2, 2048, 20, "drbd", "1", true, true);
        assertThat(f.projectAccess()).containsExactly("p1");

        ComputeImage i = ComputeImage.fromJson(json("""
                {"id": "u", "name": "Debian", "status": "ACTIVE", "progress": 100, "user_id": "o", "tenant_id": "o",
                 "public": true, "is_snapshot": false, "created": "2013-01-01T00:00:00+00:00",
                 "metadata": {"OS": "debian", "users": "root user"}}"""));
        assertThat(i.status().is("active")).isTrue();
        assertThat(i.isPublic()).isTrue();
        assertThat(i.metadata()).containsEntry("users", "root user");

        Keypair k = Keypair.fromJson(json("{\"keypair\": {\"name\": \"k\", \"fingerprint\": \"ff\", \"public_key\": \"ssh-rsa A\", \"private_key\": \"SECRET\"}}"));
        assertThat(k.privateKey()).isEqualTo("SECRET");
        assertThat(k.toString()).doesNotContain("SECRET");

        ServerConsole c = ServerConsole.fromJson(json("{\"type\": \"vnc\", \"host\": \"h\", \"port\": 5900, \"password\": \"pw\"}"));
        assertThat(c.port()).isEqualTo(5900);
        assertThat(c.toString()).doesNotContain("pw");

        ServerStats st = ServerStats.fromJson(json("{\"serverRef\": 42, \"refresh\": 60, \"cpuBar\": \"u1\", \"cpuTimeSeries\": \"u2\", \"netBar\": \"u3\", \"netTimeSeries\": \"u4\"}"));
        assertThat(st.serverRef()).isEqualTo("42");
        assertThat(st.netTimeSeries()).isEqualTo("u4");

        VolumeAttachment a = VolumeAttachment.fromJson(json("{\"id\": 5, \"volumeId\": 5, \"serverId\": 42, \"device\": \"\"}"));
        assertThat(a).extracting(VolumeAttachment::id, VolumeAttachment::volumeId, VolumeAttachment::serverId)
                .containsExactly("5", "5", "42");

        ServerTags t = ServerTags.fromJson(json("{\"tags\": [\"x\"], \"statuses\": [\"PENDADD\"]}"));
        assertThat(t.statuses()).containsExactly("PENDADD");

        ServerNetworks n = ServerNetworks.fromJson(json(
                "{\"addresses\": {\"1\": [{\"version\": 4, \"addr\": \"10.0.0.2\"}]}, \"attachments\": [{\"id\": 1, \"network_id\": \"1\", \"ipv4\": \"10.0.0.2\"}]}"));
        assertThat(n.addresses().get("1").get(0).addr()).isEqualTo("10.0.0.2");
        assertThat(n.nics()).hasSize(1);
    }

    @Test
    void createRequestDistinguishesNoNetworksFromDefaultNetworks() {
        JsonNode def = ServerCreateRequest.builder("a", "1", "img").build().toJson(java.util.Map.of()).path("server");
        assertThat(def.has("networks")).isFalse();
        assertThat(def.path("flavorRef").isIntegralNumber()).isTrue();

        JsonNode none = ServerCreateRequest.builder("a", "1", "img").noNetwork().build().toJson(java.util.Map.of())
                .path("server");
        assertThat(none.path("networks").isArray()).isTrue();
        assertThat(none.path("networks")).isEmpty();

        JsonNode some = ServerCreateRequest.builder("a", "1", "img")
                .networks(List.of(ServerNetwork.network("n1"), ServerNetwork.network("pub", "83.212.1.2"),
                        ServerNetwork.port("p9")))
                .build().toJson(java.util.Map.of()).path("server");
        assertThat(some.path("networks").toString())
                .isEqualTo("[{\"uuid\":\"n1\"},{\"uuid\":\"pub\",\"fixed_ip\":\"83.212.1.2\"},{\"port\":\"p9\"}]");
    }

    @Test
    void createRequestCarriesEveryOption() {
        JsonNode s = ServerCreateRequest.builder("srv", "3", "img")
                .metadata("k", "v")
                .tags(List.of("t1"))
                .personality(new Personality("/root/.ssh/authorized_keys", "key".getBytes(StandardCharsets.UTF_8),
                        "root", "root", 0600))
                .project("p")
                .sharedToProject(true)
                .keyNames(List.of("laptop"))
                .adminPass("Secret12345")
                .userData("#cloud-config")
                .blockDevice(new BlockDeviceMapping("image", "img", 20, true))
                .build()
                .toJson(java.util.Map.of("OS", "debian", "k", "from-image"))
                .path("server");
        assertThat(s.path("metadata").size()).isEqualTo(2);
        assertThat(s.path("metadata").path("OS").asText()).isEqualTo("debian");
        assertThat(s.path("metadata").path("k").asText()).isEqualTo("v");
        assertThat(s.path("tags").get(0).asText()).isEqualTo("t1");
        assertThat(s.path("personality").get(0).path("contents").asText()).isEqualTo("a2V5");
        assertThat(s.path("personality").get(0).path("mode").asInt()).isEqualTo(0600);
        assertThat(s.path("project").asText()).isEqualTo("p");
        assertThat(s.path("shared_to_project").asBoolean()).isTrue();
        assertThat(s.path("SNF:key_names").get(0).asText()).isEqualTo("laptop");
        assertThat(s.path("adminPass").asText()).isEqualTo("Secret12345");
        assertThat(s.path("user_data").asText()).isEqualTo("I2Nsb3VkLWNvbmZpZw==");
        assertThat(s.path("block_device_mapping_v2").get(0).path("volume_size").asInt()).isEqualTo(20);
        assertThat(s.has("key_name")).isFalse();
    }

    @Test
    void createRequestRejectsContradictions() {
        assertThatThrownBy(() -> ServerCreateRequest.builder("a", "1", "i").keyName("x").keyNames(List.of("y")).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ServerNetwork("n", null, "p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServerNetwork(null, "1.2.3.4", "p")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ServerCreateRequest.builder("a", "1", "i").adminPass("Secret12345").build().toString())
                .doesNotContain("Secret12345");
    }
}
