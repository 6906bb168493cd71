package org.synnefo.reactive.emulator.internal.cyclades;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.synnefo.reactive.emulator.internal.EmulatorFault;
import org.synnefo.reactive.emulator.internal.Endpoints;
import org.synnefo.reactive.emulator.internal.Json;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.FloatingIp;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Network;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Port;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Server;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Subnet;

/** {@code /network/v2.0}: networks, subnets, ports and Neutron-style floating IPs. */
final class NetworkService extends CycladesHandler {

    NetworkService(CycladesBackend backend) {
        super(backend);
    }

    @Override
    public String prefix() {
        return Endpoints.NETWORK;
    }

    @Override
    Reply route(Req r) {
        if (r.size() == 0) {
            throw noEndpoint();
        }
        return switch (r.seg(0)) {
            case "networks" -> networks(r);
            case "subnets" -> subnets(r);
            case "ports" -> ports(r);
            case "floatingips" -> floatingIps(r);
            default -> throw noEndpoint();
        };
    }

    private boolean isList(Req r) {
        return r.size() == 1 || (r.size() == 2 && "detail".equals(r.seg(1)));
    }

    // ---- networks ----

    private Reply networks(Req r) {
        String m = r.method();
        if (isList(r)) {
            if ("POST".equals(m) && r.size() == 1) {
                return createNetwork(r);
            }
            if (!"GET".equals(m)) {
                throw r.size() == 1 ? notAllowed("GET", "POST") : notAllowed("GET");
            }
            Instant since = r.ex().query("changes-since").map(s -> Util.since(s, b.now())).orElse(null);
            ArrayNode out = Json.array();
            for (Network n : b.networks.values()) {
                if (!b.visible(n, r.uid()) || (since == null ? n.deleted : n.updated.isBefore(since))) {
                    continue;
                }
                out.add(v.network(n));
            }
            if (since != null && out.isEmpty()) {
                return Reply.empty(304);
            }
            return Reply.json(200, wrap("networks", out));
        }
        Network n = b.network(r.uid(), Util.pathId(r.seg(1), "Network"));
        if (r.size() == 3 && "action".equals(r.seg(2))) {
            if (!"POST".equals(m)) {
                throw notAllowed("POST");
            }
            JsonNode body = r.json();
            if (!body.has("reassign")) {
                throw EmulatorFault.badRequest("Malformed request: unknown action.");
            }
            JsonNode args = Util.member(body, "reassign");
            String project = Util.string(args, "project", null);
            if (project == null) {
                throw EmulatorFault.badRequest("Missing 'project' attribute.");
            }
            if (n.isPublic || !r.uid().equals(n.userId)) {
                throw EmulatorFault.forbidden("Cannot reassign network " + n.id + ".");
            }
            if (n.deleted) {
                throw EmulatorFault.badRequest("Network has been deleted.");
            }
            b.move(n.project, project, n.userId, Map.of("cyclades.network.private", 1L));
            n.project = project;
            n.shared = Util.bool(args, "shared_to_project", false);
            n.updated = b.now();
            return Reply.empty(200);
        }
        if (r.size() != 2) {
            throw noEndpoint();
        }
        return switch (m) {
            case "GET" -> Reply.json(200, wrap("network", v.network(n)));
            case "PUT" -> {
                JsonNode net = Util.member(r.json(), "network");
                String name = Util.string(net, "name", null);
                if (n.deleted) {
                    throw EmulatorFault.badRequest("Network has been deleted.");
                }
                if (n.isPublic) {
                    throw EmulatorFault.forbidden("Cannot rename the public network.");
                }
                if (name != null) {
                    if (name.length() > 128) {
                        throw EmulatorFault.badRequest("Network name is too long.");
                    }
                    n.name = name;
                    n.updated = b.now();
                }
                yield Reply.json(200, wrap("network", v.network(n)));
            }
            case "DELETE" -> {
                if (n.isPublic) {
                    throw EmulatorFault.forbidden("Cannot delete the public network.");
                }
                if (n.deleted) {
                    throw EmulatorFault.badRequest("Network has been deleted.");
                }
                if (b.ports.values().stream().anyMatch(p -> !p.deleted && p.networkId == n.id)) {
                    throw EmulatorFault.conflict("Cannot delete network " + n.id + ": there are ports connected to it.");
                }
                if (b.floatingIps.values().stream().anyMatch(f -> !f.deleted && f.networkId == n.id)) {
                    throw EmulatorFault.conflict("Cannot delete network " + n.id + ": it has allocated floating IPs.");
                }
                b.release(n.project, n.userId, Map.of("cyclades.network.private", 1L));
                n.deleted = true;
                n.updated = b.now();
                yield Reply.empty(204);
            }
            default -> throw notAllowed("GET", "PUT", "DELETE");
        };
    }

    private Reply createNetwork(Req r) {
        JsonNode net = Util.member(r.json(), "network");
        String type = Util.string(net, "type", null);
        JsonNode nameNode = net.get("name");
        if (nameNode != null && !nameNode.isNull() && !nameNode.isTextual()) {
            throw EmulatorFault.badRequest("Malformed request: 'name' must be a string.");
        }
        String name = nameNode == null || nameNode.isNull() ? "" : nameNode.asText();
        String project = Util.string(net, "project", null);
        boolean shared = Util.bool(net, "shared_to_project", false);
        Network n = b.createNetwork(r.uid(), type, name, project, shared);
        return Reply.json(201, wrap("network", v.network(n)));
    }

    // ---- subnets ----

    private Reply subnets(Req r) {
        String m = r.method();
        if (isList(r)) {
            if ("POST".equals(m) && r.size() == 1) {
                return createSubnet(r);
            }
            if (!"GET".equals(m)) {
                throw r.size() == 1 ? notAllowed("GET", "POST") : notAllowed("GET");
            }
            ArrayNode out = Json.array();
            for (Subnet s : b.subnets.values()) {
                Network n = b.networks.get(s.networkId);
                if (b.visible(n, r.uid()) && !n.deleted) {
                    out.add(v.subnet(s));
                }
            }
            return Reply.json(200, wrap("subnets", out));
        }
        if (r.size() != 2) {
            throw noEndpoint();
        }
        Subnet s = b.subnets.get(Util.pathId(r.seg(1), "Subnet"));
        if (s == null || !b.visible(b.networks.get(s.networkId), r.uid())) {
            throw EmulatorFault.notFound("Subnet " + r.seg(1) + " not found.");
        }
        return switch (m) {
            case "GET" -> Reply.json(200, wrap("subnet", v.subnet(s)));
            case "PUT" -> {
                JsonNode sub = Util.member(r.json(), "subnet");
                List<String> keys = new ArrayList<>();
                sub.fieldNames().forEachRemaining(keys::add);
                if (!keys.equals(List.of("name"))) {
                    throw EmulatorFault.badRequest("Only the name of a subnet can be updated.");
                }
                if (s.isPublic || !r.uid().equals(s.userId)) {
                    throw EmulatorFault.forbidden("Cannot update subnet " + s.id + ".");
                }
                String name = Util.string(sub, "name", "");
                s.name = name;
                s.updated = b.now();
                yield Reply.json(200, wrap("subnet", v.subnet(s)));
            }
            case "DELETE" -> throw EmulatorFault.badRequest("Deletion of a subnet is not supported");
            default -> throw notAllowed("GET", "PUT", "DELETE");
        };
    }

    private Reply createSubnet(Req r) {
        JsonNode sub = Util.member(r.json(), "subnet");
        JsonNode netNode = sub.get("network_id");
        String cidr = Util.string(sub, "cidr", null);
        if (netNode == null || netNode.isNull() || cidr == null) {
            throw EmulatorFault.badRequest("Malformed request: 'network_id' and 'cidr' are required.");
        }
        Integer version = Util.integer(sub.get("ip_version"), "ip_version");
        int ipVersion = version == null ? 4 : version;
        if (ipVersion != 4 && ipVersion != 6) {
            throw EmulatorFault.badRequest("Invalid IP version " + ipVersion);
        }
        JsonNode nameNode = sub.get("name");
        if (nameNode != null && !nameNode.isNull() && (!nameNode.isTextual() || nameNode.asText().length() > 255)) {
            throw EmulatorFault.badRequest("Invalid subnet name.");
        }
        String name = nameNode == null || nameNode.isNull() ? "" : nameNode.asText();
        boolean dhcp = Util.bool(sub, "enable_dhcp", true);
        boolean slaac = Util.bool(sub, "enable_slaac", true);
        Network n = b.network(r.uid(), portOrNet(netNode, "Network"));
        if (n.isPublic || !r.uid().equals(n.userId)) {
            throw EmulatorFault.forbidden("Cannot add a subnet to network " + n.id + ".");
        }
        if (n.deleted) {
            throw EmulatorFault.badRequest("Network has been deleted.");
        }
        for (int sid : n.subnets) {
            if (b.subnets.get(sid).ipVersion == ipVersion) {
                throw EmulatorFault.badRequest("Network " + n.id + " already has an IPv" + ipVersion + " subnet.");
            }
        }
        List<String> dns = new ArrayList<>();
        if (sub.hasNonNull("dns_nameservers")) {
            if (!sub.get("dns_nameservers").isArray()) {
                throw EmulatorFault.badRequest("Invalid 'dns_nameservers'.");
            }
            sub.get("dns_nameservers").forEach(d -> dns.add(d.asText()));
        }
        Subnet s;
        if (ipVersion == 6) {
            try {
                Util.cidr6(cidr);
            } catch (RuntimeException e) {
                throw EmulatorFault.badRequest("Invalid CIDR '" + cidr + "'");
            }
            if (sub.hasNonNull("allocation_pools")) {
                throw EmulatorFault.conflict("Allocation pools are not supported on IPv6 subnets.");
            }
            String gw = sub.has("gateway_ip") ? (sub.get("gateway_ip").isNull() ? null : sub.get("gateway_ip").asText())
                    : cidr.substring(0, cidr.indexOf('/')) + "1";
            s = b.addSubnet(n, r.uid(), false, 6, cidr, gw, dhcp, slaac, List.of(), name);
        } else {
            long[] range;
            try {
                range = Util.cidr4(cidr);
            } catch (RuntimeException e) {
                throw EmulatorFault.badRequest("Invalid CIDR '" + cidr + "'");
            }
            if (range[1] - range[0] < 3) {
                throw EmulatorFault.badRequest("CIDR '" + cidr + "' is too small.");
            }
            String gateway;
            if (!sub.has("gateway_ip")) {
                gateway = Util.ipv4(range[0] + 1);
            } else if (sub.get("gateway_ip").isNull()) {
                gateway = null;
            } else {
                gateway = sub.get("gateway_ip").asText();
                if (!Util.isIpv4(gateway)) {
                    throw EmulatorFault.badRequest("Invalid gateway IP '" + gateway + "'");
                }
                long g = Util.ipv4(gateway);
                if (g <= range[0] || g >= range[1]) {
                    throw EmulatorFault.badRequest("Gateway IP '" + gateway + "' is not in the subnet.");
                }
            }
            List<long[]> pools = new ArrayList<>();
            if (sub.hasNonNull("allocation_pools")) {
                JsonNode ap = sub.get("allocation_pools");
                if (!ap.isArray()) {
                    throw EmulatorFault.badRequest("Malformed 'allocation_pools'.");
                }
                for (JsonNode p : ap) {
                    String start = p.path("start").asText("");
                    String end = p.path("end").asText("");
                    if (!Util.isIpv4(start) || !Util.isIpv4(end)) {
                        throw EmulatorFault.badRequest("Malformed allocation pool.");
                    }
                    long a = Util.ipv4(start);
                    long z = Util.ipv4(end);
                    if (z < a) {
                        throw EmulatorFault.conflict("Allocation pool end is before its start.");
                    }
                    if (a <= range[0] || z >= range[1]) {
                        throw EmulatorFault.conflict("Allocation pool " + start + "-" + end + " is not inside "
                                + cidr + ".");
                    }
                    if (gateway != null && Util.ipv4(gateway) >= a && Util.ipv4(gateway) <= z) {
                        throw EmulatorFault.conflict("Gateway IP " + gateway + " is inside allocation pool "
                                + start + "-" + end + ".");
                    }
                    pools.add(new long[] {a, z});
                }
            } else {
                long first = range[0] + 1;
                long last = range[1] - 1;
                if (gateway == null) {
                    pools.add(new long[] {first, last});
                } else {
                    long g = Util.ipv4(gateway);
                    if (g > first) {
                        pools.add(new long[] {first, g - 1});
                    }
                    if (g < last) {
                        pools.add(new long[] {g + 1, last});
                    }
                }
            }
            s = b.addSubnet(n, r.uid(), false, 4, cidr, gateway, dhcp, false, pools, name);
        }
        s.dns.addAll(dns);
        return Reply.json(201, wrap("subnet", v.subnet(s)));
    }

    private static int portOrNet(JsonNode n, String what) {
        try {
            return Integer.parseInt(n.asText());
        } catch (NumberFormatException e) {
            throw EmulatorFault.notFound(what + " " + n.asText() + " not found.");
        }
    }

    // ---- ports ----

    private Reply ports(Req r) {
        String m = r.method();
        if (isList(r)) {
            if ("POST".equals(m) && r.size() == 1) {
                return createPort(r);
            }
            if (!"GET".equals(m)) {
                throw r.size() == 1 ? notAllowed("GET", "POST") : notAllowed("GET");
            }
            ArrayNode out = Json.array();
            b.ports.values().stream().filter(p -> !p.deleted && p.userId.equals(r.uid()))
                    .forEach(p -> out.add(v.port(p)));
            return Reply.json(200, wrap("ports", out));
        }
        if (r.size() != 2) {
            throw noEndpoint();
        }
        Port p = b.port(r.uid(), Util.pathId(r.seg(1), "Port"));
        return switch (m) {
            case "GET" -> Reply.json(200, wrap("port", v.port(p)));
            case "PUT" -> {
                JsonNode port = Util.member(r.json(), "port");
                String name = Util.string(port, "name", null);
                if (name != null) {
                    p.name = name;
                }
                if (port.hasNonNull("security_groups")) {
                    p.securityGroups.clear();
                    port.get("security_groups").forEach(g -> p.securityGroups.add(g.asText()));
                }
                p.updated = b.now();
                yield Reply.json(200, wrap("port", v.port(p)));
            }
            case "DELETE" -> {
                Network n = b.networks.get(p.networkId);
                if (n.isPublic && p.floatingIpId == null) {
                    throw EmulatorFault.forbidden("Cannot disconnect a server from a public network without a "
                            + "floating IP.");
                }
                b.deletePort(p, b.now());
                yield Reply.empty(204);
            }
            default -> throw notAllowed("GET", "PUT", "DELETE");
        };
    }

    private Reply createPort(Req r) {
        JsonNode port = Util.member(r.json(), "port");
        JsonNode netNode = port.get("network_id");
        if (netNode == null || netNode.isNull()) {
            throw EmulatorFault.badRequest("Malformed request: 'network_id' is required.");
        }
        String address = null;
        if (port.hasNonNull("fixed_ips")) {
            JsonNode ips = port.get("fixed_ips");
            if (!ips.isArray() || ips.size() > 1) {
                throw EmulatorFault.badRequest("Only one fixed IP is supported.");
            }
            if (ips.size() == 1) {
                JsonNode a = ips.get(0).get("ip_address");
                if (a == null || !a.isTextual() || !Util.isIpv4(a.asText())) {
                    throw EmulatorFault.badRequest("Only an IPv4 'ip_address' can be requested.");
                }
                address = a.asText();
            }
        }
        String name = Util.string(port, "name", "");
        Network n = b.network(r.uid(), portOrNet(netNode, "Network"));
        if (n.deleted) {
            throw EmulatorFault.conflict("Network " + n.id + " is not active.");
        }
        Server server = null;
        if (port.hasNonNull("device_id")) {
            int sid;
            try {
                sid = Integer.parseInt(port.get("device_id").asText());
            } catch (NumberFormatException e) {
                throw EmulatorFault.notFound("Server " + port.get("device_id").asText() + " not found.");
            }
            server = b.liveServer(r.uid(), sid);
            if ("BUILD".equals(server.operstate)) {
                throw EmulatorFault.buildInProgress("Server is being built.");
            }
        }
        b.checkAddress(r.uid(), n, address);
        Instant now = b.now();
        Port p = b.newPort(r.uid(), n, now);
        p.name = name;
        if (port.hasNonNull("security_groups")) {
            port.get("security_groups").forEach(g -> p.securityGroups.add(g.asText()));
        }
        b.allocateFixed(p, n, address, false);
        if (server != null) {
            b.attach(p, server, now);
            server.updated = now;
        }
        return Reply.json(201, wrap("port", v.port(p)));
    }

    // ---- floating IPs ----

    private Reply floatingIps(Req r) {
        String m = r.method();
        if (isList(r)) {
            if ("POST".equals(m) && r.size() == 1) {
                JsonNode fip = Util.member(r.json(), "floatingip");
                Integer net = fip.hasNonNull("floating_network_id")
                        ? portOrNet(fip.get("floating_network_id"), "Network") : null;
                String address = Util.string(fip, "floating_ip_address", null);
                if (address != null && address.isEmpty()) {
                    address = null;
                }
                FloatingIp f = b.reserveFloatingIp(r.uid(), net, address, Util.string(fip, "project", null),
                        Util.bool(fip, "shared_to_project", false));
                return Reply.json(200, wrap("floatingip", v.floatingIp(f)));
            }
            if (!"GET".equals(m)) {
                throw r.size() == 1 ? notAllowed("GET", "POST") : notAllowed("GET");
            }
            Instant since = r.ex().query("changes-since").map(s -> Util.since(s, b.now())).orElse(null);
            ArrayNode out = Json.array();
            for (FloatingIp f : b.floatingIps.values()) {
                if (!f.userId.equals(r.uid()) || (since == null ? f.deleted : f.updated.isBefore(since))) {
                    continue;
                }
                out.add(v.floatingIp(f));
            }
            if (since != null && out.isEmpty()) {
                return Reply.empty(304);
            }
            return Reply.json(200, wrap("floatingips", out));
        }
        FloatingIp f = b.floatingIp(r.uid(), Util.pathId(r.seg(1), "Floating IP"));
        if (r.size() == 3 && "action".equals(r.seg(2))) {
            if (!"POST".equals(m)) {
                throw notAllowed("POST");
            }
            JsonNode args = Util.member(r.json(), "reassign");
            String project = Util.string(args, "project", null);
            if (project == null) {
                throw EmulatorFault.badRequest("Missing 'project' attribute.");
            }
            b.move(f.project, project, f.userId, Map.of("cyclades.floating_ip", 1L));
            f.project = project;
            f.shared = Util.bool(args, "shared_to_project", false);
            f.updated = b.now();
            return Reply.empty(200);
        }
        if (r.size() != 2) {
            throw noEndpoint();
        }
        return switch (m) {
            case "GET" -> Reply.json(200, wrap("floatingip", v.floatingIp(f)));
            case "PUT" -> throw EmulatorFault.notImplemented("Updating a floating IP is not supported.");
            case "DELETE" -> {
                releaseFloatingIp(b, f);
                yield Reply.empty(204);
            }
            default -> throw notAllowed("GET", "PUT", "DELETE");
        };
    }

    /** Releases a floating IP: 409 while a server uses it. */
    static void releaseFloatingIp(CycladesBackend b, FloatingIp f) {
        if (f.portId != null) {
            Port p = b.ports.get(f.portId);
            throw EmulatorFault.conflict("IP '" + f.id + "' is used by server '" + p.deviceId + "'");
        }
        b.release(f.project, f.userId, Map.of("cyclades.floating_ip", 1L));
        Subnet s = b.subnets.get(f.subnetId);
        s.used.remove(f.address);
        f.deleted = true;
        f.updated = b.now();
    }
}
