package org.synnefo.reactive.emulator.internal.cyclades;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.emulator.internal.cyclades.CycladesHttp.Res;

class NetworkApiTest {

    private static final String N = "/network/v2.0";
    private CycladesHttp h;

    @BeforeEach
    void setUp() {
        h = CycladesHttp.start();
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private String network() {
        Res r = h.post(N + "/networks", "{\"network\":{\"type\":\"MAC_FILTERED\"}}");
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("network").get("id").asText();
    }

    @Test
    void networksCreateTypesRenameDeleteReassign() {
        JsonNode list = h.get(N + "/networks").json().get("networks");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("public").asBoolean()).isTrue();
        assertThat(list.get(0).get("user_id").isNull()).isTrue();
        assertThat(h.post(N + "/networks", "{\"network\":{}}").status()).isEqualTo(400);
        assertThat(h.post(N + "/networks", "{\"network\":{\"type\":\"BOGUS\"}}").status()).isEqualTo(400);
        assertThat(h.post(N + "/networks", "{\"network\":{\"type\":\"PHYSICAL_VLAN\"}}").status()).isEqualTo(403);
        assertThat(h.post(N + "/networks", "{\"network\":{\"type\":\"MAC_FILTERED\",\"name\":5}}").status())
                .isEqualTo(400);
        Res created = h.post(N + "/networks", "{\"network\":{\"type\":\"MAC_FILTERED\"}}");
        JsonNode net = created.json().get("network");
        assertThat(net.get("name").asText()).isEmpty();
        assertThat(net.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(net.get("subnets")).isEmpty();
        assertThat(net.get("id").isTextual()).isTrue();
        String id = net.get("id").asText();
        assertThat(h.usage(h.user.uuid(), "cyclades.network.private")).isEqualTo(1);
        assertThat(h.put(N + "/networks/" + id, "{\"network\":{\"name\":\"lan\"}}").json().get("network")
                .get("name").asText()).isEqualTo("lan");
        assertThat(h.put(N + "/networks/1", "{\"network\":{\"name\":\"x\"}}").status()).isEqualTo(403);
        assertThat(h.delete(N + "/networks/1").status()).isEqualTo(403);
        String p2 = h.project("p2");
        assertThat(h.post(N + "/networks/" + id + "/action", "{\"reassign\":{\"project\":\"" + p2 + "\"}}")
                .status()).isEqualTo(200);
        assertThat(h.usage(p2, "cyclades.network.private")).isEqualTo(1);
        assertThat(h.delete(N + "/networks/" + id).status()).isEqualTo(204);
        assertThat(h.usage(p2, "cyclades.network.private")).isZero();
        assertThat(h.get(N + "/networks/" + id).json().get("network").get("status").asText()).isEqualTo("DELETED");
        assertThat(h.put(N + "/networks/" + id, "{\"network\":{\"name\":\"x\"}}").status()).isEqualTo(400);
        assertThat(h.get(N + "/networks/777").status()).isEqualTo(404);
    }

    @Test
    void subnetsDefaultsErrorsAndNoDelete() {
        String net = network();
        Res r = h.post(N + "/subnets", "{\"subnet\":{\"network_id\":\"" + net + "\",\"cidr\":\"10.0.3.0/24\"}}");
        assertThat(r.status()).isEqualTo(201);
        JsonNode s = r.json().get("subnet");
        assertThat(s.get("gateway_ip").asText()).isEqualTo("10.0.3.1");
        assertThat(s.get("allocation_pools").get(0).get("start").asText()).isEqualTo("10.0.3.2");
        assertThat(s.get("allocation_pools").get(0).get("end").asText()).isEqualTo("10.0.3.254");
        assertThat(s.get("enable_dhcp").asBoolean()).isTrue();
        String sid = s.get("id").asText();
        assertThat(h.delete(N + "/subnets/" + sid).status()).isEqualTo(400);
        assertThat(h.post(N + "/subnets", "{\"subnet\":{\"network_id\":\"" + net + "\",\"cidr\":\"10.0.4.0/24\"}}")
                .status()).isEqualTo(400);
        String net2 = network();
        assertThat(h.post(N + "/subnets", "{\"subnet\":{\"network_id\":\"" + net2 + "\",\"cidr\":\"10.0.5.0/24\","
                + "\"gateway_ip\":\"10.0.5.10\",\"allocation_pools\":[{\"start\":\"10.0.5.5\",\"end\":\"10.0.5.20\"}]}}")
                .status()).isEqualTo(409);
        assertThat(h.post(N + "/subnets", "{\"subnet\":{\"network_id\":\"" + net2 + "\",\"cidr\":\"10.0.5.0/24\","
                + "\"allocation_pools\":[{\"start\":\"10.0.6.5\",\"end\":\"10.0.6.20\"}]}}").status()).isEqualTo(409);
        assertThat(h.post(N + "/subnets", "{\"subnet\":{\"network_id\":\"" + net2 + "\",\"cidr\":\"nope\"}}")
                .status()).isEqualTo(400);
        assertThat(h.post(N + "/subnets", "{\"subnet\":{\"cidr\":\"10.0.5.0/24\"}}").status()).isEqualTo(400);
        assertThat(h.post(N + "/subnets", "{\"subnet\":{\"network_id\":\"999\",\"cidr\":\"10.0.5.0/24\"}}")
                .status()).isEqualTo(404);
        assertThat(h.put(N + "/subnets/" + sid, "{\"subnet\":{\"name\":\"s1\"}}").json().get("subnet")
                .get("name").asText()).isEqualTo("s1");
        assertThat(h.put(N + "/subnets/" + sid, "{\"subnet\":{\"cidr\":\"10.0.9.0/24\"}}").status()).isEqualTo(400);
        assertThat(h.get(N + "/networks/" + net).json().get("network").get("subnets").get(0).asText())
                .isEqualTo(sid);
    }

    @Test
    void portsAddressesAndNetworkDeleteWithPorts() {
        String net = network();
        h.post(N + "/subnets", "{\"subnet\":{\"network_id\":\"" + net + "\",\"cidr\":\"10.0.3.0/24\"}}");
        Res r = h.post(N + "/ports", "{\"port\":{\"network_id\":\"" + net + "\",\"fixed_ips\":[{\"ip_address\":"
                + "\"10.0.3.7\"}]}}");
        assertThat(r.status()).isEqualTo(201);
        JsonNode p = r.json().get("port");
        assertThat(p.get("device_id").isNull()).isTrue();
        assertThat(p.get("status").asText()).isEqualTo("DOWN");
        assertThat(p.get("fixed_ips").get(0).get("ip_address").asText()).isEqualTo("10.0.3.7");
        assertThat(p.get("security_groups")).isEmpty();
        assertThat(h.post(N + "/ports", "{\"port\":{\"network_id\":\"" + net + "\",\"fixed_ips\":[{\"ip_address\":"
                + "\"10.0.3.7\"}]}}").status()).isEqualTo(409);
        assertThat(h.post(N + "/ports", "{\"port\":{\"network_id\":\"" + net + "\",\"fixed_ips\":[{\"ip_address\":"
                + "\"192.168.1.7\"}]}}").status()).isEqualTo(400);
        assertThat(h.post(N + "/ports", "{\"port\":{}}").status()).isEqualTo(400);
        assertThat(h.post(N + "/ports", "{\"port\":{\"network_id\":\"1\"}}").status()).isEqualTo(400);
        assertThat(h.delete(N + "/networks/" + net).status()).isEqualTo(409);
        int server = h.createServer("s", 1);
        Res attached = h.post(N + "/ports", "{\"port\":{\"network_id\":\"" + net + "\",\"device_id\":\"" + server
                + "\"}}");
        assertThat(attached.status()).isEqualTo(201);
        assertThat(attached.json().get("port").get("device_id").asText()).isEqualTo(String.valueOf(server));
        assertThat(h.get("/compute/v2.0/servers/" + server).json().get("server").get("attachments")).hasSize(2);
        String pid = p.get("id").asText();
        assertThat(h.put(N + "/ports/" + pid, "{\"port\":{\"name\":\"eth9\"}}").json().get("port").get("name")
                .asText()).isEqualTo("eth9");
        assertThat(h.delete(N + "/ports/" + pid).status()).isEqualTo(204);
        assertThat(h.delete(N + "/ports/" + attached.json().get("port").get("id").asText()).status()).isEqualTo(204);
        assertThat(h.delete(N + "/networks/" + net).status()).isEqualTo(204);
        // a deleted network is not ACTIVE any more
        assertThat(h.post(N + "/ports", "{\"port\":{\"network_id\":\"" + net + "\"}}").status()).isEqualTo(409);
    }

    @Test
    void floatingIpsReserveAttachReleaseReassign() {
        Res r = h.post(N + "/floatingips", "{\"floatingip\":{\"floating_network_id\":\"1\"}}");
        assertThat(r.status()).isEqualTo(200);
        JsonNode f = r.json().get("floatingip");
        assertThat(f.size()).isEqualTo(10);
        assertThat(f.get("port_id").isNull()).isTrue();
        String address = f.get("floating_ip_address").asText();
        assertThat(h.usage(h.user.uuid(), "cyclades.floating_ip")).isEqualTo(1);
        assertThat(h.post(N + "/floatingips", "{\"floatingip\":{\"floating_ip_address\":\"" + address + "\"}}")
                .status()).isEqualTo(409);
        assertThat(h.post(N + "/floatingips", "{\"floatingip\":{\"floating_ip_address\":\"198.51.100.1\"}}")
                .status()).isEqualTo(400);
        String net = network();
        assertThat(h.post(N + "/floatingips", "{\"floatingip\":{\"floating_network_id\":\"" + net + "\"}}")
                .status()).isEqualTo(409);
        String id = f.get("id").asText();
        assertThat(h.put(N + "/floatingips/" + id, "{}").status()).isEqualTo(501);

        int server = h.createServer("s", 1);
        Res port = h.post(N + "/ports", "{\"port\":{\"network_id\":\"1\",\"device_id\":\"" + server
                + "\",\"fixed_ips\":[{\"ip_address\":\"" + address + "\"}]}}");
        assertThat(port.status()).isEqualTo(201);
        JsonNode attached = h.get(N + "/floatingips/" + id).json().get("floatingip");
        assertThat(attached.get("instance_id").asText()).isEqualTo(String.valueOf(server));
        Res busy = h.delete(N + "/floatingips/" + id);
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.json().get("conflict").get("message").asText()).contains("is used by server");
        JsonNode nics = h.get("/compute/v2.0/servers/" + server).json().get("server").get("attachments");
        assertThat(nics).anyMatch(n -> n.get("ipv4").asText().equals(address)
                && n.get("OS-EXT-IPS:type").asText().equals("floating"));

        String p3 = h.project("p3");
        assertThat(h.post(N + "/floatingips/" + id + "/action", "{\"reassign\":{\"project\":\"" + p3 + "\"}}")
                .status()).isEqualTo(200);
        assertThat(h.usage(p3, "cyclades.floating_ip")).isEqualTo(1);
        assertThat(h.delete(N + "/ports/" + port.json().get("port").get("id").asText()).status()).isEqualTo(204);
        assertThat(h.delete(N + "/floatingips/" + id).status()).isEqualTo(204);
        assertThat(h.usage(p3, "cyclades.floating_ip")).isZero();
        assertThat(h.get(N + "/floatingips").json().get("floatingips")).isEmpty();

        // compute flavour: addFloatingIp / removeFloatingIp
        String a2 = h.post(N + "/floatingips", "{\"floatingip\":{}}").json().get("floatingip")
                .get("floating_ip_address").asText();
        String act = "/compute/v2.0/servers/" + server + "/action";
        assertThat(h.post(act, "{\"addFloatingIp\":{}}").status()).isEqualTo(400);
        assertThat(h.post(act, "{\"addFloatingIp\":{\"address\":\"" + a2 + "\"}}").status()).isEqualTo(202);
        assertThat(h.get("/compute/v2.0/os-floating-ips").json().get("floating_ips").get(0).get("instance_id")
                .asText()).isEqualTo(String.valueOf(server));
        assertThat(h.post(act, "{\"removeFloatingIp\":{\"address\":\"" + a2 + "\"}}").status()).isEqualTo(202);
        assertThat(h.post(act, "{\"removeFloatingIp\":{\"address\":\"" + a2 + "\"}}").status()).isEqualTo(400);
    }

    @Test
    void unknownPathAnd405() {
        assertThat(h.get(N + "/routers").status()).isEqualTo(400);
        Res na = h.put(N + "/networks", "{}");
        assertThat(na.status()).isEqualTo(405);
        assertThat(na.header("Allow")).isEqualTo("GET,POST");
    }
}
