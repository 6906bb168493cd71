package org.synnefo.reactive.emulator.internal.cyclades;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.synnefo.reactive.emulator.internal.Endpoints;
import org.synnefo.reactive.emulator.internal.Json;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Diagnostic;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.FixedIp;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Flavor;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.FloatingIp;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Image;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Network;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Port;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Server;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Subnet;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Volume;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.VolumeType;

/** The JSON shapes of the Cyclades and Plankton resources, exactly as the spec lists their fields. */
final class Views {

    private final CycladesBackend b;

    Views(CycladesBackend b) {
        this.b = b;
    }

    ArrayNode links(String service, String kind, Object id) {
        ArrayNode links = Json.array();
        String href = b.baseUrl() + service + "/" + kind + "/" + id;
        links.addObject().put("rel", "self").put("href", href);
        links.addObject().put("rel", "bookmark").put("href", href);
        return links;
    }

    // ---- compute ----

    ObjectNode serverRef(Server s) {
        ObjectNode o = Json.object();
        o.put("id", s.id);
        o.put("name", s.name);
        o.set("links", links(Endpoints.COMPUTE, "servers", s.id));
        return o;
    }

    ObjectNode server(Server s) {
        ObjectNode o = serverRef(s);
        o.put("user_id", s.userId);
        o.put("tenant_id", s.project);
        o.put("shared_to_project", s.shared);
        o.put("status", CycladesBackend.status(s));
        o.put("SNF:task_state", s.task);
        o.put("progress", b.progress(s));
        o.put("hostId", "");
        o.put("created", Util.iso(s.created));
        o.put("updated", Util.iso(s.updated));
        ObjectNode flavor = o.putObject("flavor");
        flavor.put("id", s.flavorId);
        flavor.set("links", links(Endpoints.COMPUTE, "flavors", s.flavorId));
        ObjectNode image = o.putObject("image");
        image.put("id", s.imageId);
        ArrayNode il = links(Endpoints.COMPUTE, "images", s.imageId);
        il.addObject().put("rel", "alternate").put("href", b.baseUrl() + Endpoints.IMAGE + "/images/" + s.imageId);
        image.set("links", il);
        o.put("suspended", false);
        ObjectNode md = o.putObject("metadata");
        s.metadata.forEach(md::put);
        ArrayNode tags = o.putArray("tags");
        s.tags.keySet().forEach(tags::add);
        ArrayNode attachments = o.putArray("attachments");
        ObjectNode addresses = o.putObject("addresses");
        for (Port p : b.ports.values()) {
            if (p.deleted || !Integer.valueOf(s.id).equals(p.deviceId) || !"ACTIVE".equals(CycladesBackend.status(p))) {
                continue;
            }
            attachments.add(attachment(p));
            ArrayNode list = addresses.has(String.valueOf(p.networkId))
                    ? (ArrayNode) addresses.get(String.valueOf(p.networkId))
                    : addresses.putArray(String.valueOf(p.networkId));
            for (FixedIp ip : p.ips) {
                list.addObject().put("version", ip.version()).put("addr", ip.address())
                        .put("OS-EXT-IPS:type", ip.version() == 4 && p.floatingIpId != null ? "floating" : "fixed");
            }
        }
        ArrayNode vols = o.putArray("volumes");
        b.attached(s).forEach(v -> vols.add(v.id));
        ArrayNode diag = o.putArray("diagnostics");
        if (!s.diagnostics.isEmpty()) {
            diag.add(diagnostic(s.diagnostics.get(s.diagnostics.size() - 1)));
        }
        o.putArray("security_groups").addObject().put("name", "default");
        if (s.keyNames.isEmpty()) {
            o.putNull("key_name");
        } else {
            o.put("key_name", s.keyNames.get(0));
        }
        ArrayNode keys = o.putArray("SNF:key_names");
        s.keyNames.forEach(keys::add);
        o.put("config_drive", "");
        o.put("accessIPv4", "");
        o.put("accessIPv6", "");
        o.put("SNF:fqdn", "snf-" + s.id + ".vm.emulator.synnefo.local");
        o.putObject("SNF:port_forwarding");
        o.put("deleted", s.deleted);
        o.put("SNF:rescue", false);
        return o;
    }

    ObjectNode attachment(Port p) {
        ObjectNode a = Json.object();
        a.put("id", p.id);
        a.put("network_id", String.valueOf(p.networkId));
        a.put("mac_address", p.mac);
        if (p.firewallProfile != null) {
            a.put("firewallProfile", p.firewallProfile);
        }
        String v4 = "";
        String v6 = "";
        for (FixedIp ip : p.ips) {
            if (ip.version() == 4) {
                v4 = ip.address();
            } else {
                v6 = ip.address();
            }
        }
        a.put("ipv4", v4);
        a.put("ipv6", v6);
        a.put("OS-EXT-IPS:type", p.floatingIpId != null ? "floating" : "fixed");
        return a;
    }

    ObjectNode diagnostic(Diagnostic d) {
        ObjectNode o = Json.object();
        o.put("level", d.level());
        o.put("created", Util.iso(d.created()));
        o.put("source", d.source());
        o.put("source_date", Util.iso(d.created()));
        o.put("message", d.message());
        o.put("details", d.details());
        return o;
    }

    ObjectNode flavor(Flavor f, boolean detail, String user) {
        ObjectNode o = Json.object();
        o.put("id", f.id());
        o.put("name", f.name());
        o.set("links", links(Endpoints.COMPUTE, "flavors", f.id()));
        if (detail) {
            o.put("ram", f.ramMiB());
            o.put("disk", f.diskGiB());
            o.put("vcpus", f.vcpus());
            o.put("os-flavor-access:is_public", f.isPublic());
            o.put("SNF:disk_template", f.diskTemplate());
            o.put("SNF:volume_type", f.volumeTypeId());
            o.put("SNF:allow_create", f.allowCreate());
            o.putArray("SNF:flavor-access");
        }
        return o;
    }

    ObjectNode computeImage(Image i, boolean detail) {
        ObjectNode o = Json.object();
        o.put("id", i.id);
        o.put("name", i.name);
        if (!detail) {
            return o;
        }
        o.put("updated", Util.iso(i.updated));
        o.put("created", Util.iso(i.created));
        String status = switch (i.deletedAt != null ? "DELETED" : i.status) {
            case "AVAILABLE" -> "ACTIVE";
            case "CREATING", "SAVING" -> "SAVING";
            case "ERROR" -> "ERROR";
            case "DELETED" -> "DELETED";
            default -> "UNKNOWN";
        };
        o.put("status", status);
        o.put("progress", "ACTIVE".equals(status) ? 100 : 0);
        o.put("user_id", i.owner);
        o.put("tenant_id", i.owner);
        o.put("public", i.isPublic);
        ArrayNode l = links(Endpoints.COMPUTE, "images", i.id);
        l.addObject().put("rel", "alternate").put("href", b.baseUrl() + Endpoints.IMAGE + "/images/" + i.id);
        o.set("links", l);
        ObjectNode md = o.putObject("metadata");
        i.properties.forEach(md::put);
        o.put("is_snapshot", i.isSnapshot);
        return o;
    }

    // ---- network ----

    ObjectNode network(Network n) {
        ObjectNode o = Json.object();
        o.put("id", String.valueOf(n.id));
        o.put("name", n.name);
        o.set("links", links(Endpoints.NETWORK, "networks", n.id));
        o.put("user_id", n.userId);
        o.put("tenant_id", n.project);
        o.put("shared_to_project", n.shared);
        o.put("type", n.type);
        o.put("created", Util.iso(n.created));
        o.put("updated", Util.iso(n.updated));
        o.put("status", n.deleted ? "DELETED" : "ACTIVE");
        o.put("public", n.isPublic);
        o.put("shared", n.isPublic);
        o.put("router:external", n.isPublic);
        o.put("admin_state_up", true);
        ArrayNode subs = o.putArray("subnets");
        n.subnets.forEach(id -> subs.add(String.valueOf(id)));
        o.put("SNF:floating_ip_pool", n.floatingPool);
        o.put("deleted", n.deleted);
        return o;
    }

    ObjectNode subnet(Subnet s) {
        ObjectNode o = Json.object();
        o.put("id", String.valueOf(s.id));
        o.put("network_id", String.valueOf(s.networkId));
        o.put("name", s.name);
        o.put("tenant_id", s.userId);
        o.put("user_id", s.userId);
        o.put("public", s.isPublic);
        o.put("gateway_ip", s.gateway);
        o.put("ip_version", s.ipVersion);
        o.put("cidr", s.cidr);
        o.put("enable_dhcp", s.dhcp);
        if (s.ipVersion == 6) {
            o.put("enable_slaac", s.slaac);
        }
        ArrayNode dns = o.putArray("dns_nameservers");
        s.dns.forEach(dns::add);
        o.putArray("host_routes");
        ArrayNode pools = o.putArray("allocation_pools");
        for (long[] p : s.pools) {
            pools.addObject().put("start", Util.ipv4(p[0])).put("end", Util.ipv4(p[1]));
        }
        o.put("deleted", false);
        o.set("links", links(Endpoints.NETWORK, "subnets", s.id));
        return o;
    }

    ObjectNode port(Port p) {
        ObjectNode o = Json.object();
        o.put("id", String.valueOf(p.id));
        o.put("name", p.name);
        o.set("links", links(Endpoints.NETWORK, "ports", p.id));
        o.put("user_id", p.userId);
        o.put("tenant_id", p.userId);
        if (p.deviceId == null) {
            o.putNull("device_id");
            o.putNull("device_owner");
        } else {
            o.put("device_id", String.valueOf(p.deviceId));
            o.put("device_owner", "vm");
        }
        o.put("admin_state_up", true);
        o.put("mac_address", p.mac);
        o.put("status", CycladesBackend.status(p));
        o.put("network_id", String.valueOf(p.networkId));
        o.put("created", Util.iso(p.created));
        o.put("updated", Util.iso(p.updated));
        ArrayNode ips = o.putArray("fixed_ips");
        for (FixedIp ip : p.ips) {
            ips.addObject().put("ip_address", ip.address()).put("subnet", String.valueOf(ip.subnetId()));
        }
        o.putArray("security_groups");
        return o;
    }

    ObjectNode floatingIp(FloatingIp f) {
        ObjectNode o = Json.object();
        o.put("id", String.valueOf(f.id));
        o.put("floating_ip_address", f.address);
        o.putNull("fixed_ip_address");
        o.put("floating_network_id", String.valueOf(f.networkId));
        Port p = f.portId == null ? null : b.ports.get(f.portId);
        if (p == null) {
            o.putNull("port_id");
            o.putNull("instance_id");
        } else {
            o.put("port_id", String.valueOf(p.id));
            if (p.deviceId == null) {
                o.putNull("instance_id");
            } else {
                o.put("instance_id", String.valueOf(p.deviceId));
            }
        }
        o.put("user_id", f.userId);
        o.put("tenant_id", f.project);
        o.put("shared_to_project", f.shared);
        o.put("deleted", f.deleted);
        return o;
    }

    // ---- volume ----

    ObjectNode volumeRef(Volume v) {
        ObjectNode o = Json.object();
        o.put("id", String.valueOf(v.id));
        o.put("display_name", v.name);
        o.set("links", links(Endpoints.VOLUME, "volumes", v.id));
        return o;
    }

    ObjectNode volume(Volume v) {
        ObjectNode o = volumeRef(v);
        o.put("status", v.deleted ? "deleted" : v.status);
        o.put("size", v.sizeGiB);
        o.put("display_description", v.description);
        o.put("created_at", Util.iso(v.created));
        o.put("updated_at", Util.iso(v.updated));
        ObjectNode md = o.putObject("metadata");
        v.metadata.forEach(md::put);
        o.put("snapshot_id", v.snapshotId);
        o.putNull("source_volid");
        o.put("image_id", v.imageId);
        ArrayNode att = o.putArray("attachments");
        if (v.serverId != null) {
            att.addObject().put("server_id", v.serverId).put("volume_id", v.id).put("device_index", v.index);
        }
        o.put("volume_type", v.volumeTypeId);
        o.put("deleted", v.deleted);
        o.put("delete_on_termination", v.deleteOnTermination);
        o.put("user_id", v.userId);
        o.put("tenant_id", v.project);
        o.put("shared_to_project", v.shared);
        return o;
    }

    ObjectNode volumeAttachment(Volume v) {
        ObjectNode o = Json.object();
        o.put("id", v.id);
        o.put("volumeId", v.id);
        o.put("serverId", v.serverId);
        o.put("device", "");
        return o;
    }

    ObjectNode volumeType(VolumeType t) {
        ObjectNode o = Json.object();
        o.put("id", String.valueOf(t.id()));
        o.put("name", t.name());
        o.put("deleted", false);
        o.put("SNF:disk_template", t.diskTemplate());
        o.put("SNF:detachable", t.detachable());
        return o;
    }

    ObjectNode snapshot(Image i, boolean detail) {
        ObjectNode o = Json.object();
        o.put("id", i.id);
        o.put("display_name", i.name);
        o.set("links", links(Endpoints.VOLUME, "snapshots", i.id));
        if (!detail) {
            return o;
        }
        String status = i.deletedAt != null ? "DELETED" : switch (i.status) {
            case "AVAILABLE", "CREATING", "ERROR" -> i.status;
            default -> "UNKNOWN";
        };
        o.put("size", i.size >> 30);
        o.put("display_description", i.description);
        o.put("status", status);
        o.put("user_id", i.owner);
        o.put("tenant_id", i.owner);
        if ("AVAILABLE".equals(status)) {
            o.put("os-extended-snapshot-attribute:progress", "100%");
        } else {
            o.put("os-extended-snapshot-attribute:progress", 0);
        }
        o.put("created_at", Util.iso(i.created));
        ObjectNode md = o.putObject("metadata");
        i.snapshotMeta.forEach(md::put);
        o.put("volume_id", i.volumeId == null ? null : String.valueOf(i.volumeId));
        return o;
    }

    // ---- plankton ----

    /** The {@code x-image-meta-*} headers of an image (HEAD, register and update answers). */
    Map<String, String> planktonHeaders(Image i) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("x-image-meta-id", i.id);
        h.put("x-image-meta-name", Util.quote(i.name));
        h.put("x-image-meta-disk-format", i.diskFormat);
        h.put("x-image-meta-container-format", i.containerFormat);
        h.put("x-image-meta-size", Long.toString(i.size));
        h.put("x-image-meta-checksum", i.checksum);
        h.put("x-image-meta-location", i.location);
        h.put("x-image-meta-created-at", Util.plankton(i.created));
        h.put("x-image-meta-updated-at", Util.plankton(i.updated));
        h.put("x-image-meta-deleted-at", Util.plankton(i.deletedAt));
        h.put("x-image-meta-status", i.deletedAt != null ? "DELETED" : i.status);
        h.put("x-image-meta-is-public", i.isPublic ? "True" : "False");
        h.put("x-image-meta-owner", i.owner);
        h.put("x-image-meta-description", Util.quote(i.description));
        h.put("x-image-meta-is-snapshot", i.isSnapshot ? "True" : "False");
        i.properties.forEach((k, v) -> h.put("x-image-meta-property-" + k.replace('_', '-'), Util.quote(v)));
        return h;
    }

    ObjectNode planktonImage(Image i, boolean detail) {
        ObjectNode o = Json.object();
        o.put("id", i.id);
        o.put("name", i.name);
        o.put("status", i.deletedAt != null ? "DELETED" : i.status);
        o.put("disk_format", i.diskFormat);
        o.put("container_format", i.containerFormat);
        o.put("size", i.size);
        if (!detail) {
            return o;
        }
        o.put("checksum", i.checksum);
        o.put("location", i.location);
        o.put("created_at", Util.plankton(i.created));
        o.put("updated_at", Util.plankton(i.updated));
        o.put("deleted_at", Util.plankton(i.deletedAt));
        o.put("is_public", i.isPublic);
        o.put("owner", i.owner);
        ObjectNode props = o.putObject("properties");
        i.properties.forEach(props::put);
        o.put("is_snapshot", i.isSnapshot);
        o.put("description", i.description);
        return o;
    }
}
