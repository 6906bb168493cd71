package org.synnefo.reactive.cyclades.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.json.SynnefoJson;

class VolumeModelTest {

    static JsonNode json(String s) {
        return SynnefoJson.readTree(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesVolumeSnapshotAndTypeSamples() {
        Volume v = Volume.fromJson(json("""
                {"id": "7", "display_name": "data", "links": [], "status": "in_use", "size": 10,
                 "display_description": "", "created_at": "2014-01-01T00:00:00.000000", "metadata": {"a": "b"},
                 "snapshot_id": null, "source_volid": null, "image_id": null,
                 "attachments": [{"server_id": 42, "volume_id": 7, "device_index": 1}], "volume_type": 1,
                 "deleted": false, "delete_on_termination": true, "user_id": "u", "tenant_id": "p",
                 "shared_to_project": false}"""));
        assertThat(v.status()).isEqualTo(VolumeStatus.IN_USE);
        assertThat(v.status().is("IN_USE")).isTrue();
        assertThat(v.attachments()).containsExactly(new VolumeServerAttachment("42", "7", 1));
        assertThat(v.volumeTypeId()).isEqualTo("1");
        assertThat(v.created()).isEqualTo("2014-01-01T00:00:00Z");
        assertThat(v.snapshotId()).isNull();

        Snapshot s = Snapshot.fromJson(json("""
                {"id": "uuid", "size": 10, "display_name": "s", "display_description": "", "status": "AVAILABLE",
                 "user_id": "u", "tenant_id": "p", "os-extended-snapshot-attribute:progress": "100%",
                 "created_at": "2014-01-01T00:00:00", "metadata": {}, "volume_id": 7, "links": []}"""));
        assertThat(s.progress()).isEqualTo(100);
        assertThat(s.volumeId()).isEqualTo("7");
        assertThat(s.status()).isEqualTo(SnapshotStatus.AVAILABLE);

        VolumeType t = VolumeType.fromJson(json(
                "{\"id\": 2, \"name\": \"archip\", \"deleted\": false, \"SNF:disk_template\": \"ext_archipelago\", \"SNF:detachable\": true}"));
        assertThat(t.detachable()).isTrue();
        assertThat(t.id()).isEqualTo("2");
    }

    @Test
    void createRequestBody() {
        JsonNode v = VolumeCreateRequest.builder(10, "data").volumeType("2").server("42").fromImage("img")
                .metadata("k", "v").project("p").build().toJson().path("volume");
        assertThat(v.toString()).isEqualTo("{\"size\":10,\"display_name\":\"data\",\"volume_type\":2,\"server_id\":42,"
                + "\"imageRef\":\"img\",\"metadata\":{\"k\":\"v\"},\"project\":\"p\"}");
        assertThatThrownBy(() -> VolumeCreateRequest.builder(10, "x").fromImage("i").fromSnapshot("s").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> VolumeCreateRequest.builder(0, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
