package org.synnefo.reactive.cyclades.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.synnefo.reactive.core.json.SynnefoJson;

class NetworkModelTest {

    static JsonNode json(String s) {
        return SynnefoJson.readTree(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesNetworkSubnetPortAndFloatingIpSamples() {
        Network n = Network.fromJson(json("""
                {"id": "2718", "name": "", "links": [], "user_id": "u", "tenant_id": "p", "shared_to_project": false,
                 "type": "MAC_FILTERED", "created": "2014-01-01T00:00:00.1+00:00", "updated": "2014-01-01T00:00:00+00:00",
                 "status": "SNF:DRAINED", "public": false, "shared": false, "router:external": false,
                 "admin_state_up": true, "subnets": ["11"], "SNF:floating_ip_pool": false, "deleted": false}"""));
        assertThat(n.status()).isEqualTo(NetworkStatus.DRAINED);
        assertThat(n.type()).isEqualTo(NetworkType.MAC_FILTERED);
        assertThat(n.subnetIds()).containsExactly("11");
        assertThat(n.name()).isEmpty();

        Subnet s = Subnet.fromJson(json("""
                {"id": "11", "network_id": "2718", "name": "", "tenant_id": "u", "user_id": "u", "public": false,
                 "gateway_ip": "10.0.3.1", "ip_version": 4, "cidr": "10.0.3.0/24", "enable_dhcp": true,
                 "dns_nameservers": [], "host_routes": [], "allocation_pools": [{"start": "10.0.3.2", "end": "10.0.3.254"}],
                 "deleted": false, "links": []}"""));
        assertThat(s.allocationPools()).containsExactly(new AllocationPool("10.0.3.2", "10.0.3.254"));
        assertThat(s.gatewayIp()).isEqualTo("10.0.3.1");
        assertThat(Subnet.fromJson(json("{\"id\": \"1\", \"gateway_ip\": null}")).gatewayIp()).isNull();

        Port p = Port.fromJson(json("""
                {"id": "31", "name": "", "links": [], "user_id": "u", "tenant_id": "u", "device_id": "42",
                 "admin_state_up": true, "mac_address": "aa:00:00:00:00:01", "status": "BUILD", "device_owner": "vm",
                 "network_id": "2718", "created": "2014-01-01T00:00:00+00:00", "updated": "2014-01-01T00:00:00+00:00",
                 "fixed_ips": [{"ip_address": "2001:db8::1", "subnet": "12"}, {"ip_address": "10.0.3.2", "subnet": "11"}],
                 "security_groups": []}"""));
        assertThat(p.status()).isEqualTo(PortStatus.BUILD);
        assertThat(p.deviceId()).isEqualTo("42");
        assertThat(p.ipv4()).contains("10.0.3.2");
        assertThat(Port.fromJson(json("{\"id\": \"1\", \"device_id\": null}")).deviceId()).isNull();

        FloatingIp f = FloatingIp.fromJson(json("""
                {"id": "9", "floating_ip_address": "83.212.1.2", "fixed_ip_address": null, "floating_network_id": "1",
                 "port_id": null, "instance_id": null, "user_id": "u", "tenant_id": "p", "shared_to_project": false,
                 "deleted": false}"""));
        assertThat(f.attached()).isFalse();
        assertThat(f.floatingNetworkId()).isEqualTo("1");
    }

    @Test
    void requestBodies() {
        JsonNode s = SubnetCreateRequest.builder("n", "10.0.3.0/24").noGateway().enableDhcp(false)
                .allocationPools(List.of(new AllocationPool("10.0.3.10", "10.0.3.20"))).build().toJson().path("subnet");
        assertThat(s.has("gateway_ip")).isTrue();
        assertThat(s.path("gateway_ip").isNull()).isTrue();
        assertThat(s.path("ip_version").asInt()).isEqualTo(4);
        assertThat(s.path("allocation_pools").get(0).path("end").asText()).isEqualTo("10.0.3.20");
        JsonNode dflt = SubnetCreateRequest.builder("n", "10.0.3.0/24").build().toJson().path("subnet");
        assertThat(dflt.has("gateway_ip")).isFalse();

        JsonNode p = PortCreateRequest.builder("n").device("42").fixedIp("83.212.1.2").build().toJson().path("port");
        assertThat(p.toString()).isEqualTo(
                "{\"network_id\":\"n\",\"device_id\":\"42\",\"fixed_ips\":[{\"ip_address\":\"83.212.1.2\"}]}");
        assertThat(CycladesNetworkClient.reassign("p", true).toString())
                .isEqualTo("{\"reassign\":{\"project\":\"p\",\"shared_to_project\":true}}");
    }
}
