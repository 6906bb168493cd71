package org.synnefo.reactive.emulator.internal.cyclades;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.emulator.internal.cyclades.CycladesHttp.Res;

class ComputeServersTest {

    private static final String C = "/compute/v2.0";
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
    void createAnswers202BuildWithAdminPassReadableOnceThenActive() {
        Res r = h.post(C + "/servers", "{\"server\":{\"name\":\"δοκιμή\",\"imageRef\":\""
                + CycladesHttp.Catalogue_DEBIAN + "\",\"flavorRef\":1,\"metadata\":{\"κλειδί\":\"τιμή\"}}}");
        assertThat(r.status()).isEqualTo(202);
        JsonNode s = r.json().get("server");
        assertThat(s.get("id").isInt()).isTrue();
        assertThat(s.get("status").asText()).isEqualTo("BUILD");
        assertThat(s.get("progress").asInt()).isZero();
        assertThat(s.get("name").asText()).isEqualTo("δοκιμή");
        assertThat(s.get("metadata").get("κλειδί").asText()).isEqualTo("τιμή");
        String pass = s.get("adminPass").asText();
        assertThat(pass).hasSizeGreaterThanOrEqualTo(10);
        int id = s.get("id").asInt();

        Res pw = h.get(C + "/servers/" + id + "/password");
        assertThat(pw.status()).isEqualTo(200);
        assertThat(pw.json().get("password").asText()).isEqualTo(pass);
        assertThat(h.delete(C + "/servers/" + id + "/password").status()).isEqualTo(204);
        assertThat(h.get(C + "/servers/" + id + "/password").status()).isEqualTo(404);

        JsonNode got = h.get(C + "/servers/" + id).json().get("server");
        assertThat(got.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(got.get("progress").asInt()).isEqualTo(100);
        assertThat(got.get("flavor").get("id").asInt()).isEqualTo(1);
        assertThat(got.get("image").get("id").asText()).isEqualTo(CycladesHttp.Catalogue_DEBIAN);
        assertThat(got.get("tenant_id").asText()).isEqualTo(h.user.uuid());
        assertThat(got.has("adminPass")).isFalse();
        // default networking: one NIC on the public network with an IPv4 and an IPv6
        JsonNode att = got.get("attachments");
        assertThat(att).hasSize(1);
        assertThat(att.get(0).get("network_id").asText()).isEqualTo("1");
        assertThat(att.get(0).get("ipv4").asText()).startsWith("203.0.113.");
        assertThat(att.get(0).get("ipv6").asText()).startsWith("2001:db8:1:");
        assertThat(got.get("addresses").get("1")).hasSize(2);
        assertThat(got.get("volumes")).hasSize(1);
        Res ips = h.get(C + "/servers/" + id + "/ips");
        assertThat(ips.json().get("attachments")).hasSize(1);
        assertThat(h.get(C + "/servers/" + id + "/ips/1").json().get("network").get("1")).hasSize(2);
    }

    @Test
    void listPlainAndDetailOrderedById() {
        int a = h.createServer("a", 1);
        int b = h.createServer("b", 1);
        JsonNode plain = h.get(C + "/servers").json().get("servers");
        assertThat(plain).hasSize(2);
        assertThat(plain.get(0).get("id").asInt()).isEqualTo(a);
        assertThat(plain.get(0).size()).isEqualTo(3);
        assertThat(plain.get(1).get("id").asInt()).isEqualTo(b);
        JsonNode detail = h.get(C + "/servers/detail").json().get("servers");
        assertThat(detail.get(1).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(detail.get(1).get("SNF:task_state").asText()).isEmpty();
    }

    @Test
    void otherUsersServerIsNotFoundAndUnknownIdIs404() {
        int id = h.createServer("mine", 1);
        Res r = h.send("GET", C + "/servers/" + id, null, h.other.token(), Map.of());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("itemNotFound").get("code").asInt()).isEqualTo(404);
        assertThat(h.get(C + "/servers/9999").status()).isEqualTo(404);
        assertThat(h.send("GET", C + "/servers", null, null, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void badCreatesGetRealFaultsAndCreateNothing() {
        long vms = h.usage(h.user.uuid(), "cyclades.vm");
        assertThat(h.post(C + "/servers", "{}").json().get("badRequest").get("code").asInt()).isEqualTo(400);
        assertThat(h.post(C + "/servers", "not json").status()).isEqualTo(400);
        assertThat(h.send("POST", C + "/servers", "{}", h.user.token(), Map.of("Content-Type", "text/plain"))
                .json().get("badRequest").get("message").asText()).startsWith("Unsupported Content-type");
        String img = CycladesHttp.Catalogue_DEBIAN;
        assertThat(h.post(C + "/servers", "{\"server\":{\"name\":\"x\",\"imageRef\":\"" + img
                + "\",\"flavorRef\":999}}").json().has("itemNotFound")).isTrue();
        Res noCreate = h.post(C + "/servers", "{\"server\":{\"name\":\"x\",\"imageRef\":\"" + img
                + "\",\"flavorRef\":13}}");
        assertThat(noCreate.status()).isEqualTo(403);
        assertThat(noCreate.json().has("forbidden")).isTrue();
        assertThat(h.post(C + "/servers", "{\"server\":{\"name\":\"x\",\"imageRef\":\"nope\",\"flavorRef\":1}}")
                .status()).isEqualTo(404);
        assertThat(h.post(C + "/servers", "{\"server\":{\"name\":\"x\",\"imageRef\":\"" + img
                + "\",\"flavorRef\":1,\"networks\":[{\"uuid\":\"777\"}]}}").status()).isEqualTo(404);
        assertThat(h.post(C + "/servers", "{\"server\":{\"name\":\"x\",\"imageRef\":\"" + img
                + "\",\"flavorRef\":1,\"networks\":[{}]}}").status()).isEqualTo(400);
        for (String weak : new String[] {"Short1", "alllowercase1", "ALLUPPERCASE1", "NoDigitsHere"}) {
            assertThat(h.post(C + "/servers", "{\"server\":{\"name\":\"x\",\"imageRef\":\"" + img
                    + "\",\"flavorRef\":1,\"adminPass\":\"" + weak + "\"}}").status()).isEqualTo(400);
        }
        StringBuilder six = new StringBuilder("[");
        for (int i = 0; i < 6; i++) {
            six.append(i == 0 ? "" : ",").append("{\"path\":\"/f").append(i).append("\",\"contents\":\"YQ==\"}");
        }
        six.append(']');
        assertThat(h.post(C + "/servers", "{\"server\":{\"name\":\"x\",\"imageRef\":\"" + img
                + "\",\"flavorRef\":1,\"personality\":" + six + "}}").json().has("overLimit")).isTrue();
        assertThat(h.get(C + "/servers").json().get("servers")).isEmpty();
        assertThat(h.usage(h.user.uuid(), "cyclades.vm")).isEqualTo(vms);
    }

    @Test
    void networksEmptyMeansNoNicAndExplicitNetworksGetPorts() {
        String img = CycladesHttp.Catalogue_DEBIAN;
        Res none = h.post(C + "/servers", "{\"server\":{\"name\":\"x\",\"imageRef\":\"" + img
                + "\",\"flavorRef\":1,\"networks\":[]}}");
        int id = none.json().get("server").get("id").asInt();
        assertThat(h.get(C + "/servers/" + id).json().get("server").get("attachments")).isEmpty();

        String net = h.post("/network/v2.0/networks", "{\"network\":{\"type\":\"MAC_FILTERED\",\"name\":\"n\"}}")
                .json().get("network").get("id").asText();
        h.post("/network/v2.0/subnets", "{\"subnet\":{\"network_id\":\"" + net + "\",\"cidr\":\"10.0.3.0/24\"}}");
        Res with = h.post(C + "/servers", "{\"server\":{\"name\":\"y\",\"imageRef\":\"" + img
                + "\",\"flavorRef\":1,\"networks\":[{\"uuid\":\"" + net + "\",\"fixed_ip\":\"10.0.3.9\"}]}}");
        assertThat(with.status()).isEqualTo(202);
        int sid = with.json().get("server").get("id").asInt();
        JsonNode att = h.get(C + "/servers/" + sid).json().get("server").get("attachments");
        assertThat(att).hasSize(1);
        assertThat(att.get(0).get("network_id").asText()).isEqualTo(net);
        assertThat(att.get(0).get("ipv4").asText()).isEqualTo("10.0.3.9");
        JsonNode ports = h.get("/network/v2.0/ports").json().get("ports");
        boolean found = false;
        for (JsonNode p : ports) {
            if (p.get("device_id").asText().equals(String.valueOf(sid))) {
                found = true;
                assertThat(p.get("status").asText()).isEqualTo("ACTIVE");
                assertThat(p.get("device_owner").asText()).isEqualTo("vm");
            }
        }
        assertThat(found).isTrue();
    }

    @Test
    void renameDeleteAndChangesSinceWithDeletedItemsAnd304() {
        int id = h.createServer("old", 1);
        h.clock.advance(Duration.ofSeconds(5));
        String since = "2024-05-01T10:00:03+00:00";
        assertThat(h.put(C + "/servers/" + id, "{\"server\":{\"name\":\"new\"}}").status()).isEqualTo(204);
        assertThat(h.get(C + "/servers/" + id).json().get("server").get("name").asText()).isEqualTo("new");
        assertThat(h.put(C + "/servers/" + id, "{\"server\":{\"name\":\"" + "n".repeat(256) + "\"}}").status())
                .isEqualTo(400);
        h.clock.advance(Duration.ofSeconds(5));
        String later = "2024-05-01T10:00:09+00:00";
        assertThat(h.get(C + "/servers?changes-since=" + later).status()).isEqualTo(304);
        h.clock.advance(Duration.ofSeconds(5));
        assertThat(h.delete(C + "/servers/" + id).status()).isEqualTo(204);
        JsonNode deleted = h.get(C + "/servers/" + id).json().get("server");
        assertThat(deleted.get("status").asText()).isEqualTo("DELETED");
        assertThat(deleted.get("deleted").asBoolean()).isTrue();
        assertThat(h.get(C + "/servers").json().get("servers")).isEmpty();
        JsonNode changed = h.get(C + "/servers/detail?changes-since=" + since).json().get("servers");
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).get("status").asText()).isEqualTo("DELETED");
        assertThat(h.get(C + "/servers?changes-since=garbage").status()).isEqualTo(400);
        assertThat(h.get(C + "/servers?changes-since=2030-01-01T00:00:00Z").status()).isEqualTo(400);
        assertThat(h.get(C + "/servers?changes-since=2024-04-01T00:00:00Z").json().get("badRequest")
                .get("message").asText()).isEqualTo("Too old changes-since value.");
        assertThat(h.usage(h.user.uuid(), "cyclades.vm")).isZero();
        assertThat(h.usage(h.user.uuid(), "cyclades.disk")).isZero();
    }

    @Test
    void metadataAndTags() {
        int id = h.createServer("m", 1);
        String base = C + "/servers/" + id;
        Res add = h.post(base + "/metadata", "{\"metadata\":{\"a\":\"1\",\"b\":\"2\"}}");
        assertThat(add.status()).isEqualTo(201);
        assertThat(add.json().get("metadata").size()).isEqualTo(2);
        assertThat(h.get(base + "/metadata/a").json().get("meta").get("a").asText()).isEqualTo("1");
        assertThat(h.put(base + "/metadata/c", "{\"meta\":{\"c\":\"3\"}}").status()).isEqualTo(201);
        assertThat(h.put(base + "/metadata/c", "{\"meta\":{\"d\":\"3\"}}").status()).isEqualTo(400);
        assertThat(h.delete(base + "/metadata/a").status()).isEqualTo(204);
        assertThat(h.get(base + "/metadata/a").status()).isEqualTo(404);
        assertThat(h.put(base + "/metadata", "{}").status()).isEqualTo(405);
        StringBuilder many = new StringBuilder("{\"metadata\":{");
        for (int i = 0; i < 11; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"}");
            many.setLength(many.length() - 1);
        }
        many.append("}}");
        assertThat(h.post(base + "/metadata", many.toString()).status()).isEqualTo(400);
        assertThat(h.get(base + "/metadata").json().get("metadata").size()).isEqualTo(2);

        Res tags = h.put(base + "/tags", "{\"tags\":[\"web\",\"prod\"]}");
        assertThat(tags.status()).isEqualTo(200);
        assertThat(tags.json().get("statuses").get(0).asText()).isEqualTo("PENDADD");
        Res one = h.get(base + "/tags/web");
        assertThat(one.status()).isEqualTo(204);
        assertThat(one.header("tag-status")).isEqualTo("PENDADD");
        Res added = h.put(base + "/tags/new", null);
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.header("Location")).endsWith("/tags/new");
        assertThat(h.put(base + "/tags/new", null).status()).isEqualTo(204);
        assertThat(h.put(base + "/tags/a%2Cb", null).status()).isEqualTo(400);
        assertThat(h.delete(base + "/tags/web").status()).isEqualTo(204);
        assertThat(h.get(base + "/tags/web").status()).isEqualTo(404);
        assertThat(h.delete(base + "/tags").status()).isEqualTo(204);
        assertThat(h.delete(base + "/tags").status()).isEqualTo(404);
    }

    @Test
    void wrongPathIs400AndWrongMethodIs405WithAllow() {
        Res bad = h.get(C + "/nonexistent");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().has("badRequest")).isTrue();
        Res na = h.put(C + "/servers", "{}");
        assertThat(na.status()).isEqualTo(405);
        assertThat(na.json().has("notAllowed")).isTrue();
        assertThat(na.header("Allow")).isEqualTo("GET,POST");
        int id = h.createServer("x", 1);
        assertThat(h.post(C + "/servers/" + id, "{}").header("Allow")).isEqualTo("GET,PUT,DELETE");
    }
}
