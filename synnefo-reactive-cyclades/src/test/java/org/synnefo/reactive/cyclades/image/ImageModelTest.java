package org.synnefo.reactive.cyclades.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.http.ResponseHeaders;
import org.synnefo.reactive.core.http.SynnefoRequest;
import org.synnefo.reactive.core.json.SynnefoJson;

class ImageModelTest {

    @Test
    void locationRoundTripsAndQuotes() {
        PithosLocation l = new PithosLocation("uuid-1", "images", "dir/débian 12.diskdump");
        assertThat(l.toUri()).isEqualTo("pithos://uuid-1/images/dir/d%C3%A9bian%2012.diskdump");
        assertThat(PithosLocation.parse(l.toUri())).isEqualTo(l);
        assertThatThrownBy(() -> PithosLocation.parse("pitho://a/b/c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PithosLocation.parse("pithos://a/b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void imageFromPlanktonHeaders() {
        ResponseHeaders h = ResponseHeaders.of(List.of(
                Map.entry("x-image-meta-id", "img-uuid"),
                Map.entry("x-image-meta-name", "Deb%C3%AFan"),
                Map.entry("x-image-meta-disk-format", "diskdump"),
                Map.entry("x-image-meta-container-format", "bare"),
                Map.entry("x-image-meta-size", "1024"),
                Map.entry("x-image-meta-checksum", "abcd"),
                Map.entry("x-image-meta-location", "pithos://u/images/deb.diskdump"),
                Map.entry("x-image-meta-created-at", "2014-01-01 10:00:00"),
                Map.entry("x-image-meta-deleted-at", ""),
                Map.entry("x-image-meta-status", "AVAILABLE"),
                Map.entry("x-image-meta-is-public", "False"),
                Map.entry("x-image-meta-owner", "u"),
                Map.entry("x-image-meta-property-osfamily", "linux"),
                Map.entry("X-Image-Meta-Property-Root-Partition", "1"),
                Map.entry("x-image-meta-property-description", "caf%C3%A9"),
                Map.entry("Content-Type", "text/plain")));
        Image i = Image.fromHeaders(h);
        assertThat(i.id()).isEqualTo("img-uuid");
        assertThat(i.name()).isEqualTo("Debïan");
        assertThat(i.status()).isEqualTo(ImageStatus.AVAILABLE);
        assertThat(i.size()).isEqualTo(1024L);
        assertThat(i.isPublic()).isFalse();
        assertThat(i.deletedAt()).isNull();
        assertThat(i.createdAt()).isEqualTo("2014-01-01T10:00:00Z");
        assertThat(i.location()).isEqualTo(new PithosLocation("u", "images", "deb.diskdump"));
        assertThat(i.properties()).containsEntry("osfamily", "linux").containsEntry("root_partition", "1")
                .containsEntry("description", "café");
    }

    @Test
    void imageFromDetailJson() {
        Image i = Image.fromJson(SynnefoJson.readTree("""
                {"id": "x", "name": "n", "status": "AVAILABLE", "disk_format": "diskdump", "container_format": "bare",
                 "size": 10, "checksum": "c", "location": "pithos://u/c/o", "created_at": "2014-01-01 00:00:00",
                 "updated_at": "2014-01-01 00:00:00", "deleted_at": "", "is_public": true, "owner": "u",
                 "properties": {"OSFAMILY": "linux"}, "is_snapshot": false, "description": ""}
                """.getBytes(StandardCharsets.UTF_8)));
        assertThat(i.isPublic()).isTrue();
        assertThat(i.properties()).containsEntry("OSFAMILY", "linux");
    }

    @Test
    void registrationHeadersAreQuoted() {
        SynnefoRequest r = ImageRegistration.builder("Débian", new PithosLocation("u", "images", "a b"))
                .diskFormat("diskdump").isPublic(true).size(5).property("δ key", "ω value").build()
                .apply(SynnefoRequest.post("images"));
        assertThat(r.headers()).contains(Map.entry("X-Image-Meta-Name", "D%C3%A9bian"),
                Map.entry("X-Image-Meta-Location", "pithos://u/images/a%20b"),
                Map.entry("X-Image-Meta-Disk-Format", "diskdump"),
                Map.entry("X-Image-Meta-Is-Public", "true"),
                Map.entry("X-Image-Meta-Size", "5"),
                Map.entry("X-Image-Meta-Property-%CE%B4%20key", "%CF%89%20value"));
        assertThat(r.isIdempotent()).isFalse();
    }

    @Test
    void listOptionsOrder() {
        ImageListOptions o = ImageListOptions.defaults().withOrder("-name").withFilter("disk_format", "diskdump");
        assertThat(o.sortKey()).isEqualTo("name");
        assertThat(o.ascending()).isFalse();
        assertThat(o.filters()).containsEntry("disk_format", "diskdump");
        assertThat(ImageListOptions.defaults().withOrder("size").ascending()).isTrue();
    }
}
