package org.synnefo.reactive.emulator.internal.cyclades;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.emulator.internal.ObjectLookup;
import org.synnefo.reactive.emulator.internal.cyclades.CycladesHttp.Res;

/** Plankton over HTTP, with a small stand-in for Pithos' {@link ObjectLookup}. */
class ImageApiTest {

    private static final String I = "/image/v1.0";
    private static final String HASH = "ab".repeat(32);
    private CycladesHttp h;
    private String location;

    @BeforeEach
    void setUp() {
        h = CycladesHttp.start();
        String me = h.user.uuid();
        ObjectLookup fake = (account, container, name) -> account.equals(me) && container.equals("images")
                && name.equals("my image.diskdump")
                ? Optional.of(new ObjectLookup.StoredObject(me, container, name, 1234, HASH,
                        "application/octet-stream", Map.of()))
                : Optional.empty();
        h.emulator.context().register(ObjectLookup.class, fake);
        location = "pithos://" + me + "/images/my%20image.diskdump";
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private Res register(Map<String, String> headers) {
        return h.send("POST", I + "/images/", null, h.user.token(), headers);
    }

    private Map<String, String> good() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("X-Image-Meta-Name", "My%20Image");
        m.put("X-Image-Meta-Location", location);
        m.put("X-Image-Meta-Checksum", HASH);
        m.put("X-Image-Meta-Size", "1234");
        m.put("X-Image-Meta-Property-OS", "debian");
        m.put("X-Image-Meta-Property-Users", "root");
        return m;
    }

    @Test
    void seededPublicImagesListDescendingByDefaultWithOrderingAndValidation() {
        JsonNode list = h.get(I + "/images/").json().get("images");
        assertThat(list).hasSizeGreaterThanOrEqualTo(3);
        assertThat(list.get(0).size()).isEqualTo(6);
        assertThat(list.get(list.size() - 1).get("name").asText()).isEqualTo("Debian Base");
        JsonNode asc = h.get(I + "/images/detail?sort_key=name&sort_dir=asc").json().get("images");
        assertThat(asc.get(0).get("name").asText()).isEqualTo("CentOS");
        assertThat(asc.get(0).get("properties").get("os").asText()).isEqualTo("centos");
        assertThat(asc.get(0).get("is_public").asBoolean()).isTrue();
        assertThat(h.get(I + "/images/?sort_key=color").status()).isEqualTo(400);
        assertThat(h.get(I + "/images/?sort_dir=up").status()).isEqualTo(400);
        assertThat(h.get(I + "/images/?size_min=big").status()).isEqualTo(400);
        Res na = h.send("PUT", I + "/images", null, h.user.token(), Map.of());
        assertThat(na.status()).isEqualTo(405);
        assertThat(na.header("Allow")).isEqualTo("GET, POST");
        assertThat(h.get(I + "/nothing").status()).isEqualTo(400);
    }

    @Test
    void registerChecksThePithosObjectAndAnswersWithHeaders() {
        Map<String, String> m = good();
        m.remove("X-Image-Meta-Name");
        assertThat(register(m).json().get("badRequest").get("message").asText()).contains("name");
        m = good();
        m.put("X-Image-Meta-Location", "pitho://x/y/z");
        assertThat(register(m).json().get("badRequest").get("message").asText()).contains("location");
        m.put("X-Image-Meta-Location", "pithos://" + h.user.uuid() + "/images");
        assertThat(register(m).status()).isEqualTo(400);
        m = good();
        m.put("X-Image-Meta-Id", "abc");
        assertThat(register(m).status()).isEqualTo(400);
        m = good();
        m.put("X-Image-Meta-Colour", "blue");
        assertThat(register(m).status()).isEqualTo(400);
        m = good();
        m.put("X-Image-Meta-Disk-Format", "qcow2");
        assertThat(register(m).status()).isEqualTo(400);
        m = good();
        m.put("X-Image-Meta-Container-Format", "zip");
        assertThat(register(m).status()).isEqualTo(400);
        m = good();
        m.put("X-Image-Meta-Store", "s3");
        assertThat(register(m).status()).isEqualTo(400);
        m = good();
        m.put("X-Image-Meta-Size", "99");
        assertThat(register(m).status()).isEqualTo(400);
        m = good();
        m.put("X-Image-Meta-Checksum", "cd".repeat(32));
        assertThat(register(m).status()).isEqualTo(400);
        m = good();
        m.put("X-Image-Meta-Location", "pithos://" + h.user.uuid() + "/images/missing");
        assertThat(register(m).status()).isEqualTo(404);

        Res ok = register(good());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.text()).isEmpty();
        assertThat(ok.header("x-image-meta-status")).isEqualTo("AVAILABLE");
        assertThat(ok.header("x-image-meta-is-public")).isEqualTo("False");
        assertThat(ok.header("x-image-meta-deleted-at")).isEmpty();
        assertThat(ok.header("x-image-meta-created-at")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(ok.header("x-image-meta-checksum")).isEqualTo(HASH);
        assertThat(ok.header("x-image-meta-property-os")).isEqualTo("debian");
        String id = ok.header("x-image-meta-id");

        Res head = h.send("HEAD", I + "/images/" + id, null, h.user.token(), Map.of());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("x-image-meta-name")).isEqualTo("My%20Image");
        assertThat(h.get(I + "/images/" + id).status()).isEqualTo(501);
        // the other user cannot see a private image; compute sees it with its metadata
        assertThat(h.send("HEAD", I + "/images/" + id, null, h.other.token(), Map.of()).status()).isEqualTo(404);
        JsonNode compute = h.get("/compute/v2.0/images/" + id).json().get("image");
        assertThat(compute.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(compute.get("metadata").get("users").asText()).isEqualTo("root");

        Res upd = h.send("PUT", I + "/images/" + id, null, h.user.token(),
                Map.of("X-Image-Meta-Property-Kernel", "6.1", "X-Image-Meta-Is-Public", "true"));
        assertThat(upd.status()).isEqualTo(200);
        assertThat(upd.header("x-image-meta-is-public")).isEqualTo("True");
        assertThat(upd.header("x-image-meta-property-os")).isEqualTo("debian");
        assertThat(h.send("PUT", I + "/images/" + id, null, h.user.token(), Map.of("X-Image-Meta-Size", "1"))
                .status()).isEqualTo(400);
        assertThat(h.send("HEAD", I + "/images/" + id, null, h.other.token(), Map.of()).status()).isEqualTo(200);

        assertThat(h.delete(I + "/images/" + id).status()).isEqualTo(204);
        assertThat(h.send("HEAD", I + "/images/" + id, null, h.user.token(), Map.of()).status()).isEqualTo(404);
    }

    @Test
    void membersAndSharedImages() {
        String id = register(good()).header("x-image-meta-id");
        String other = h.other.uuid();
        assertThat(h.put(I + "/images/" + id + "/members/" + other, null).status()).isEqualTo(204);
        JsonNode members = h.get(I + "/images/" + id + "/members").json().get("members");
        assertThat(members).hasSize(1);
        assertThat(members.get(0).get("member_id").asText()).isEqualTo(other);
        assertThat(members.get(0).get("can_share").asBoolean()).isFalse();
        Res shared = h.send("GET", I + "/shared-images/" + h.user.uuid(), null, h.other.token(), Map.of());
        assertThat(shared.json().get("shared_images").get(0).get("image_id").asText()).isEqualTo(id);
        assertThat(h.put(I + "/images/" + id + "/members", "{\"memberships\":[{\"member_id\":\"u3\"}]}").status())
                .isEqualTo(204);
        assertThat(h.get(I + "/images/" + id + "/members").json().get("members").get(0).get("member_id").asText())
                .isEqualTo("u3");
        assertThat(h.delete(I + "/images/" + id + "/members/u3").status()).isEqualTo(204);
        assertThat(h.get(I + "/images/" + id + "/members").json().get("members")).isEmpty();
    }
}
