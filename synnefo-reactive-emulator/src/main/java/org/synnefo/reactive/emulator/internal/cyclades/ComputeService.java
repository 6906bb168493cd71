package org.synnefo.reactive.emulator.internal.cyclades;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.synnefo.reactive.emulator.internal.EmulatorFault;
import org.synnefo.reactive.emulator.internal.Endpoints;
import org.synnefo.reactive.emulator.internal.Json;
import org.synnefo.reactive.emulator.internal.cyclades.CycladesBackend.NetworkRequest;
import org.synnefo.reactive.emulator.internal.cyclades.CycladesBackend.ServerSpec;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Flavor;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.FloatingIp;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Image;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Keypair;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Network;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Port;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Server;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Volume;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.VolumeType;

/** {@code /compute/v2.0}: servers and their actions, flavors, images, keypairs, compute floating IPs. */
final class ComputeService extends CycladesHandler {

    private static final int MAX_PERSONALITY = 5;
    private static final int MAX_PERSONALITY_SIZE = 10240;
    private static final int MAX_TAGS = 50;

    ComputeService(CycladesBackend backend) {
        super(backend);
    }

    @Override
    public String prefix() {
        return Endpoints.COMPUTE;
    }

    @Override
    Reply route(Req r) {
        if (r.size() == 0) {
            throw noEndpoint();
        }
        return switch (r.seg(0)) {
            case "servers" -> servers(r);
            case "flavors" -> flavors(r);
            case "images" -> images(r);
            case "os-keypairs" -> keypairs(r);
            case "os-floating-ips" -> floatingIps(r);
            case "extensions" -> {
                if (r.size() != 1) {
                    throw noEndpoint();
                }
                yield Reply.json(200, wrap("extensions", Json.array()));
            }
            default -> throw noEndpoint();
        };
    }

    // ---- servers ----

    private Reply servers(Req r) {
        String m = r.method();
        if (r.size() == 1) {
            return switch (m) {
                case "GET" -> listServers(r, false);
                case "POST" -> createServer(r);
                default -> throw notAllowed("GET", "POST");
            };
        }
        if (r.size() == 2 && "detail".equals(r.seg(1))) {
            if (!"GET".equals(m)) {
                throw notAllowed("GET");
            }
            return listServers(r, true);
        }
        int id = serverId(r.seg(1));
        if (r.size() == 2) {
            return switch (m) {
                case "GET" -> Reply.json(200, wrap("server", v.server(b.server(r.uid(), id))));
                case "PUT" -> rename(r, id);
                case "DELETE" -> {
                    b.deleteServer(b.liveServer(r.uid(), id));
                    yield Reply.empty(204);
                }
                default -> throw notAllowed("GET", "PUT", "DELETE");
            };
        }
        String sub = r.seg(2);
        return switch (sub) {
            case "action" -> {
                if (r.size() != 3) {
                    throw noEndpoint();
                }
                if (!"POST".equals(m)) {
                    throw notAllowed("POST");
                }
                yield action(r, id);
            }
            case "ips" -> ips(r, id);
            case "metadata" -> metadata(r, id);
            case "tags" -> tags(r, id);
            case "password" -> password(r, id);
            case "stats" -> stats(r, id);
            case "diagnostics" -> diagnostics(r, id);
            case "os-volume_attachments" -> volumeAttachments(r, id);
            default -> throw noEndpoint();
        };
    }

    private static int serverId(String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw noEndpoint();
        }
    }

    private Reply listServers(Req r, boolean detail) {
        Instant since = r.ex().query("changes-since").map(s -> Util.since(s, b.now())).orElse(null);
        ArrayNode out = Json.array();
        for (Server s : b.servers.values()) {
            if (!s.userId.equals(r.uid())) {
                continue;
            }
            if (since == null ? s.deleted : s.updated.isBefore(since)) {
                continue;
            }
            out.add(detail ? v.server(s) : v.serverRef(s));
        }
        if (since != null && out.isEmpty()) {
            return Reply.empty(304);
        }
        return Reply.json(200, wrap("servers", out));
    }

    private Reply rename(Req r, int id) {
        JsonNode srv = Util.member(r.json(), "server");
        String name = Util.string(srv, "name", null);
        if (name == null) {
            throw EmulatorFault.badRequest("Malformed request");
        }
        if (name.length() > 255) {
            throw EmulatorFault.badRequest("Server name is too long.");
        }
        Server s = b.liveServer(r.uid(), id);
        s.name = name;
        s.updated = b.now();
        return Reply.empty(204);
    }

    private Reply createServer(Req r) {
        JsonNode srv = Util.member(r.json(), "server");
        JsonNode nameNode = srv.get("name");
        JsonNode imageNode = srv.get("imageRef");
        JsonNode flavorNode = srv.get("flavorRef");
        if (imageNode == null || imageNode.isNull()) {
            imageNode = imageFromBlockDevices(srv);
        }
        if (nameNode == null || !nameNode.isTextual() || imageNode == null || !imageNode.isValueNode()
                || flavorNode == null || flavorNode.isNull()) {
            throw EmulatorFault.badRequest("Malformed request");
        }
        String name = nameNode.asText();
        if (name.length() > 255) {
            throw EmulatorFault.badRequest("Server name is too long.");
        }
        Integer flavorId = Util.integer(flavorNode, "flavorRef");
        Map<String, String> metadata = Util.stringMap(srv.get("metadata"), "metadata");
        if (metadata.size() > CycladesBackend.MAX_METADATA) {
            throw EmulatorFault.badRequest("Virtual machines cannot have more than " + CycladesBackend.MAX_METADATA
                    + " metadata items.");
        }
        List<String> tags = tagList(srv.get("tags"));
        checkPersonality(srv.get("personality"));
        List<NetworkRequest> networks = networks(srv.get("networks"));
        String project = Util.string(srv, "project", null);
        boolean shared = Util.bool(srv, "shared_to_project", false);
        List<String> keys = new ArrayList<>();
        JsonNode keyName = srv.get("key_name");
        JsonNode keyNames = srv.get("SNF:key_names");
        if (keyName != null && !keyName.isNull() && keyNames != null && !keyNames.isNull()) {
            throw EmulatorFault.badRequest("Only one of 'key_name' and 'SNF:key_names' can be set.");
        }
        if (keyName != null && !keyName.isNull()) {
            if (!keyName.isTextual()) {
                throw EmulatorFault.badRequest("Malformed key_name");
            }
            keys.add(keyName.asText());
        }
        if (keyNames != null && !keyNames.isNull()) {
            if (!keyNames.isArray()) {
                throw EmulatorFault.badRequest("Malformed SNF:key_names");
            }
            keyNames.forEach(k -> keys.add(k.asText()));
        }
        String adminPass = Util.string(srv, "adminPass", null);
        if (adminPass != null && !Util.strongPassword(adminPass)) {
            throw EmulatorFault.badRequest("Invalid password: it must be at least 10 characters long and contain "
                    + "upper-case and lower-case letters and digits.");
        }
        JsonNode userData = srv.get("user_data");
        if (userData != null && !userData.isNull()) {
            try {
                Base64.getDecoder().decode(userData.asText());
            } catch (IllegalArgumentException e) {
                throw EmulatorFault.badRequest("User data must be base64 encoded.");
            }
        }
        Server s = b.createServer(new ServerSpec(r.uid(), name, flavorId, imageNode.asText(), metadata, tags, keys,
                networks, project, shared, adminPass));
        ObjectNode view = v.server(s);
        view.put("status", "BUILD");
        view.put("progress", 0);
        view.put("adminPass", s.adminPass);
        return Reply.json(202, wrap("server", view))
                .header("Location", b.baseUrl() + Endpoints.COMPUTE + "/servers/" + s.id);
    }

    private static JsonNode imageFromBlockDevices(JsonNode srv) {
        JsonNode bdm = srv.get("block_device_mapping_v2");
        if (bdm == null || !bdm.isArray() || bdm.isEmpty()) {
            return null;
        }
        JsonNode first = bdm.get(0);
        String source = first.path("source_type").asText("");
        if ("blank".equals(source)) {
            throw EmulatorFault.badRequest("Root volume cannot be blank.");
        }
        return "image".equals(source) || "snapshot".equals(source) ? first.get("uuid") : null;
    }

    private static List<String> tagList(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw EmulatorFault.badRequest("Malformed tags");
        }
        for (JsonNode t : n) {
            out.add(checkTag(t.isTextual() ? t.asText() : null));
        }
        if (out.size() > MAX_TAGS) {
            throw EmulatorFault.badRequest("Too many tags: at most " + MAX_TAGS + " are allowed.");
        }
        return out;
    }

    private static String checkTag(String t) {
        if (t == null || t.isEmpty() || t.length() > 60 || t.contains("/") || t.contains(",")) {
            throw EmulatorFault.badRequest("Invalid tag '" + t + "'");
        }
        return t;
    }

    private static void checkPersonality(JsonNode p) {
        if (p == null || p.isNull()) {
            return;
        }
        if (!p.isArray()) {
            throw EmulatorFault.badRequest("Malformed personality in request");
        }
        if (p.size() > MAX_PERSONALITY) {
            throw EmulatorFault.overLimit("Maximum number of personalities exceeded");
        }
        for (JsonNode item : p) {
            if (!item.isObject() || !item.path("path").isTextual() || !item.path("contents").isTextual()) {
                throw EmulatorFault.badRequest("Malformed personality in request");
            }
            byte[] contents;
            try {
                contents = Base64.getDecoder().decode(item.get("contents").asText());
            } catch (IllegalArgumentException e) {
                throw EmulatorFault.badRequest("Malformed personality in request");
            }
            if (contents.length > MAX_PERSONALITY_SIZE) {
                throw EmulatorFault.overLimit("Maximum size of personality exceeded");
            }
        }
    }

    private static List<NetworkRequest> networks(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray()) {
            throw EmulatorFault.badRequest("Malformed request. Invalid 'networks' field.");
        }
        List<NetworkRequest> out = new ArrayList<>();
        for (JsonNode item : n) {
            if (!item.isObject()) {
                throw EmulatorFault.badRequest("Malformed request. Invalid 'networks' field.");
            }
            JsonNode uuid = item.get("uuid");
            JsonNode port = item.get("port");
            if (port != null && !port.isNull()) {
                out.add(new NetworkRequest(null, null, portOrNetworkId(port, "Port")));
            } else if (uuid != null && !uuid.isNull()) {
                String fixed = item.hasNonNull("fixed_ip") ? item.get("fixed_ip").asText() : null;
                out.add(new NetworkRequest(portOrNetworkId(uuid, "Network"), fixed, null));
            } else {
                throw EmulatorFault.badRequest("Malformed request. Invalid 'networks' field: each item needs "
                        + "'uuid' or 'port'.");
            }
        }
        return out;
    }

    private static int portOrNetworkId(JsonNode n, String what) {
        try {
            return Integer.parseInt(n.asText());
        } catch (NumberFormatException e) {
            throw EmulatorFault.notFound(what + " " + n.asText() + " not found.");
        }
    }

    // ---- actions ----

    private Reply action(Req r, int id) {
        JsonNode body = r.json();
        Server s = b.server(r.uid(), id);
        if (!body.isObject() || body.size() != 1) {
            throw EmulatorFault.badRequest("Malformed request");
        }
        String key = body.fieldNames().next();
        JsonNode args = body.get(key);
        if (!args.isNull() && !args.isObject()) {
            throw EmulatorFault.badRequest("Invalid argument for action '" + key + "': must be a dictionary.");
        }
        if (args.isNull()) {
            args = Json.object();
        }
        switch (key) {
            case "start", "os-start", "shutdown", "os-stop", "reboot", "resize", "firewallProfile", "console",
                    "os-getVNCConsole", "reassign", "addFloatingIp", "removeFloatingIp" -> {
            }
            case "os-getRDPConsole", "os-getSPICEConsole", "changePassword", "rebuild", "confirmResize",
                    "revertResize", "createImage", "rescue", "unrescue" ->
                    throw EmulatorFault.notImplemented("Action '" + key + "' is not implemented.");
            case "suspend", "resume" -> throw EmulatorFault.forbidden("User is not allowed to suspend/resume servers.");
            default -> throw EmulatorFault.badRequest("Action " + key + " not supported");
        }
        if ("reassign".equals(key)) {
            return reassign(s, args);
        }
        if (s.deleted || "DESTROYING".equals(s.task)) {
            throw EmulatorFault.badRequest("Server has been deleted.");
        }
        String op = switch (key) {
            case "start", "os-start" -> "START";
            case "shutdown", "os-stop" -> "STOP";
            case "reboot" -> "REBOOT";
            case "resize" -> "RESIZE";
            case "firewallProfile" -> "SET_FIREWALL_PROFILE";
            case "addFloatingIp", "removeFloatingIp" -> key.startsWith("add") ? "CONNECT" : "DISCONNECT";
            default -> "CONSOLE";
        };
        if ("BUILD".equals(s.operstate) || "BUILDING".equals(s.task)) {
            throw EmulatorFault.buildInProgress("Server is being built.");
        }
        if (!s.task.isEmpty()) {
            throw EmulatorFault.badRequest("Cannot perform '" + op + "' action while there is a pending '"
                    + s.task + "'.");
        }
        if ("ERROR".equals(s.operstate)) {
            throw EmulatorFault.badRequest("Cannot perform '" + op + "' action while server is in 'ERROR' state.");
        }
        Flavor flavor = b.flavors.get(s.flavorId);
        switch (key) {
            case "start", "os-start" -> {
                requireState(s, "STOPPED", op);
                b.charge(s.project, s.userId, CycladesBackend.runningResources(flavor));
                s.runningCharged = true;
                b.task(s, "STARTING");
                return Reply.empty(202);
            }
            case "shutdown", "os-stop" -> {
                requireState(s, "STARTED", op);
                b.release(s.project, s.userId, CycladesBackend.runningResources(flavor));
                s.runningCharged = false;
                b.task(s, "STOPPING");
                return Reply.empty(202);
            }
            case "reboot" -> {
                String type = args.path("type").asText("SOFT");
                if (!"SOFT".equals(type) && !"HARD".equals(type)) {
                    throw EmulatorFault.badRequest("Invalid reboot type '" + type + "'");
                }
                if ("STOPPED".equals(s.operstate)) {
                    b.charge(s.project, s.userId, CycladesBackend.runningResources(flavor));
                    s.runningCharged = true;
                }
                b.task(s, "REBOOTING");
                return Reply.empty(202);
            }
            case "resize" -> {
                return resize(s, args, flavor, op);
            }
            case "firewallProfile" -> {
                return firewall(s, args);
            }
            case "console" -> {
                return console(s, args);
            }
            case "os-getVNCConsole" -> {
                String type = args.path("type").asText("");
                if (!"novnc".equals(type) && !"xvpvnc".equals(type)) {
                    throw EmulatorFault.badRequest("Invalid console type '" + type + "'");
                }
                requireActiveForConsole(s);
                ObjectNode c = Json.object();
                c.put("type", type);
                c.put("url", b.baseUrl() + "/vnc/?token=" + Util.password());
                return Reply.json(200, wrap("console", c));
            }
            case "addFloatingIp" -> {
                return addFloatingIp(s, args);
            }
            default -> {
                return removeFloatingIp(s, args);
            }
        }
    }

    private static void requireState(Server s, String operstate, String op) {
        if (!operstate.equals(s.operstate)) {
            throw EmulatorFault.badRequest("Cannot perform '" + op + "' action while server is in '"
                    + s.operstate + "' state.");
        }
    }

    private Reply resize(Server s, JsonNode args, Flavor current, String op) {
        JsonNode ref = args.get("flavorRef");
        if (ref == null || ref.isNull()) {
            throw EmulatorFault.badRequest("Missing 'flavorRef' attribute.");
        }
        Flavor target = b.flavor(Util.integer(ref, "flavorRef"));
        if (target.id() == current.id()) {
            throw EmulatorFault.badRequest("Server already has flavor " + target.id() + ".");
        }
        if (target.diskGiB() != current.diskGiB()) {
            throw EmulatorFault.badRequest("Cannot change the disk size of a server.");
        }
        if (target.volumeTypeId() != current.volumeTypeId()) {
            throw EmulatorFault.badRequest("Cannot change the volume type of a server.");
        }
        if (!target.allowCreate()) {
            throw EmulatorFault.forbidden("Flavor " + target.id() + " is not allowed for server creation.");
        }
        requireState(s, "STOPPED", op);
        s.pendingFlavor = target.id();
        b.task(s, "RESIZING");
        return Reply.empty(202);
    }

    private Reply firewall(Server s, JsonNode args) {
        JsonNode profile = args.get("profile");
        JsonNode nic = args.get("nic");
        if (profile == null || profile.isNull() || nic == null || nic.isNull()) {
            throw EmulatorFault.badRequest("Missing 'profile' or 'nic' attribute.");
        }
        int nicId;
        try {
            nicId = Integer.parseInt(nic.asText());
        } catch (NumberFormatException e) {
            throw EmulatorFault.badRequest("Invalid NIC id '" + nic.asText() + "'");
        }
        Port p = b.ports.get(nicId);
        if (p == null || p.deleted || !Integer.valueOf(s.id).equals(p.deviceId)) {
            throw EmulatorFault.notFound("NIC " + nicId + " not found.");
        }
        String value = profile.asText();
        if (!List.of("ENABLED", "DISABLED", "PROTECTED").contains(value)) {
            throw EmulatorFault.badRequest("Unsupported firewall profile " + value);
        }
        p.firewallProfile = value;
        p.updated = b.now();
        s.updated = p.updated;
        return Reply.empty(202);
    }

    private void requireActiveForConsole(Server s) {
        if (!"STARTED".equals(s.operstate)) {
            throw EmulatorFault.badRequest("Server not in ACTIVE state.");
        }
    }

    private Reply console(Server s, JsonNode args) {
        String type = args.path("type").asText("");
        if (!List.of("vnc", "vnc-ws", "vnc-wss").contains(type)) {
            throw EmulatorFault.badRequest("Invalid console type '" + type + "'");
        }
        requireActiveForConsole(s);
        ObjectNode c = Json.object();
        c.put("type", type);
        c.put("host", "vnc.emulator.synnefo.local");
        c.put("port", 5900 + ThreadLocalRandom.current().nextInt(1000));
        c.put("password", Util.password());
        return Reply.json(200, wrap("console", c));
    }

    private Reply reassign(Server s, JsonNode args) {
        String project = Util.string(args, "project", null);
        if (project == null) {
            throw EmulatorFault.badRequest("Missing 'project' attribute.");
        }
        boolean shared = Util.bool(args, "shared_to_project", false);
        if (s.deleted) {
            throw EmulatorFault.badRequest("Server has been deleted.");
        }
        Flavor f = b.flavors.get(s.flavorId);
        Map<String, Long> moved = new LinkedHashMap<>(CycladesBackend.vmResources(f, s.runningCharged));
        b.move(s.project, project, s.userId, moved);
        s.project = project;
        s.shared = shared;
        s.updated = b.now();
        return Reply.empty(200);
    }

    private Reply addFloatingIp(Server s, JsonNode args) {
        String address = Util.string(args, "address", null);
        if (address == null) {
            throw EmulatorFault.badRequest("Missing 'address' attribute.");
        }
        FloatingIp fip = b.floatingIps.values().stream()
                .filter(f -> !f.deleted && f.address.equals(address) && f.userId.equals(s.userId)).findFirst()
                .orElseThrow(() -> EmulatorFault.notFound("Floating IP '" + address + "' not found."));
        if (fip.portId != null) {
            throw EmulatorFault.conflict("Floating IP '" + address + "' is already in use.");
        }
        Network n = b.networks.get(fip.networkId);
        Instant now = b.now();
        Port p = b.newPort(s.userId, n, now);
        b.allocateFixed(p, n, address, false);
        b.attach(p, s, now);
        s.updated = now;
        return Reply.empty(202);
    }

    private Reply removeFloatingIp(Server s, JsonNode args) {
        String address = Util.string(args, "address", null);
        if (address == null) {
            throw EmulatorFault.badRequest("Missing 'address' attribute.");
        }
        FloatingIp fip = b.floatingIps.values().stream()
                .filter(f -> !f.deleted && f.address.equals(address) && f.userId.equals(s.userId)).findFirst()
                .orElseThrow(() -> EmulatorFault.notFound("Floating IP '" + address + "' not found."));
        Port p = fip.portId == null ? null : b.ports.get(fip.portId);
        if (p == null || !Integer.valueOf(s.id).equals(p.deviceId)) {
            throw EmulatorFault.badRequest("Floating IP '" + address + "' is not attached to server " + s.id + ".");
        }
        b.deletePort(p, b.now());
        return Reply.empty(202);
    }

    // ---- server sub-resources ----

    private Reply ips(Req r, int id) {
        if (!"GET".equals(r.method())) {
            throw notAllowed("GET");
        }
        Server s = b.server(r.uid(), id);
        ObjectNode view = v.server(s);
        if (r.size() == 3) {
            ObjectNode out = Json.object();
            out.set("addresses", view.get("addresses"));
            out.set("attachments", view.get("attachments"));
            return Reply.json(200, out);
        }
        if (r.size() != 4) {
            throw noEndpoint();
        }
        JsonNode list = view.get("addresses").get(r.seg(3));
        if (list == null) {
            throw EmulatorFault.notFound("Server " + id + " is not connected to network " + r.seg(3) + ".");
        }
        ObjectNode net = Json.object();
        net.set(r.seg(3), list);
        return Reply.json(200, wrap("network", net));
    }

    private Reply metadata(Req r, int id) {
        String m = r.method();
        if (r.size() == 3) {
            return switch (m) {
                case "GET" -> Reply.json(200, wrap("metadata", b.server(r.uid(), id).metadata));
                case "POST" -> {
                    Map<String, String> add = Util.stringMap(Util.member(r.json(), "metadata"), "metadata");
                    Server s = b.liveServer(r.uid(), id);
                    Map<String, String> merged = new LinkedHashMap<>(s.metadata);
                    merged.putAll(add);
                    if (merged.size() > CycladesBackend.MAX_METADATA) {
                        throw EmulatorFault.badRequest("Virtual machines cannot have more than "
                                + CycladesBackend.MAX_METADATA + " metadata items.");
                    }
                    s.metadata.putAll(add);
                    s.updated = b.now();
                    yield Reply.json(201, wrap("metadata", s.metadata));
                }
                default -> throw notAllowed("GET", "POST");
            };
        }
        if (r.size() != 4) {
            throw noEndpoint();
        }
        return metadataKey(r, r.seg(3), () -> {
            Server s = b.server(r.uid(), id);
            return new MetaHolder(s.metadata, () -> s.updated = b.now());
        }, () -> {
            Server s = b.liveServer(r.uid(), id);
            return new MetaHolder(s.metadata, () -> s.updated = b.now());
        }, CycladesBackend.MAX_METADATA);
    }

    /** The metadata map of a server or an image, and how to stamp its {@code updated} time. */
    private record MetaHolder(Map<String, String> map, Runnable touch) {
    }

    /**
     * GET, PUT and DELETE of one metadata key ({@code .../metadata/<key>}), the same for servers and images:
     * {@code read} looks the resource up for reading, {@code write} for changing it (a live server, an owned
     * image); {@code max} bounds the number of items ({@code Integer.MAX_VALUE}: none).
     */
    private Reply metadataKey(Req r, String key, java.util.function.Supplier<MetaHolder> read,
            java.util.function.Supplier<MetaHolder> write, int max) {
        return switch (r.method()) {
            case "GET" -> {
                Map<String, String> meta = read.get().map();
                if (!meta.containsKey(key)) {
                    throw EmulatorFault.notFound("Metadata key not found.");
                }
                yield Reply.json(200, wrap("meta", Map.of(key, meta.get(key))));
            }
            case "PUT" -> {
                Map<String, String> meta = Util.stringMap(Util.member(r.json(), "meta"), "meta");
                if (meta.size() != 1 || !meta.containsKey(key)) {
                    throw EmulatorFault.badRequest("Malformed request");
                }
                MetaHolder h = write.get();
                if (!h.map().containsKey(key) && h.map().size() >= max) {
                    throw EmulatorFault.badRequest("Virtual machines cannot have more than " + max
                            + " metadata items.");
                }
                h.map().put(key, meta.get(key));
                h.touch().run();
                yield Reply.json(201, wrap("meta", meta));
            }
            case "DELETE" -> {
                MetaHolder h = write.get();
                if (h.map().remove(key) == null) {
                    throw EmulatorFault.notFound("Metadata key not found.");
                }
                h.touch().run();
                yield Reply.empty(204);
            }
            default -> throw notAllowed("GET", "PUT", "DELETE");
        };
    }

    private Reply tags(Req r, int id) {
        String m = r.method();
        if (r.size() == 3) {
            return switch (m) {
                case "GET" -> Reply.json(200, tagsView(b.server(r.uid(), id)));
                case "PUT" -> {
                    JsonNode body = r.json();
                    List<String> tags = tagList(body.get("tags") == null ? null : body.get("tags"));
                    if (body.get("tags") == null) {
                        throw EmulatorFault.badRequest("Malformed request");
                    }
                    Server s = b.liveServer(r.uid(), id);
                    s.tags.clear();
                    tags.forEach(t -> s.tags.put(t, "PENDADD"));
                    s.updated = b.now();
                    yield Reply.json(200, tagsView(s));
                }
                case "DELETE" -> {
                    Server s = b.liveServer(r.uid(), id);
                    if (s.tags.isEmpty()) {
                        throw EmulatorFault.notFound("Server has no tags.");
                    }
                    s.tags.clear();
                    s.updated = b.now();
                    yield Reply.empty(204);
                }
                default -> throw notAllowed("GET", "PUT", "DELETE");
            };
        }
        if (r.size() != 4) {
            throw noEndpoint();
        }
        String tag = r.seg(3);
        return switch (m) {
            case "GET" -> {
                Server s = b.server(r.uid(), id);
                String status = s.tags.get(tag);
                if (status == null) {
                    throw EmulatorFault.notFound("Tag '" + tag + "' not found.");
                }
                yield Reply.empty(204).header("tag-status", status);
            }
            case "PUT" -> {
                checkTag(tag);
                Server s = b.liveServer(r.uid(), id);
                if (s.tags.containsKey(tag)) {
                    yield Reply.empty(204);
                }
                if (s.tags.size() >= MAX_TAGS) {
                    throw EmulatorFault.badRequest("Too many tags: at most " + MAX_TAGS + " are allowed.");
                }
                s.tags.put(tag, "PENDADD");
                s.updated = b.now();
                yield Reply.empty(201).header("Location",
                        b.baseUrl() + Endpoints.COMPUTE + "/servers/" + id + "/tags/" + Util.quote(tag));
            }
            case "DELETE" -> {
                Server s = b.liveServer(r.uid(), id);
                if (s.tags.remove(tag) == null) {
                    throw EmulatorFault.notFound("Tag '" + tag + "' not found.");
                }
                s.updated = b.now();
                yield Reply.empty(204);
            }
            default -> throw notAllowed("GET", "PUT", "DELETE");
        };
    }

    private static ObjectNode tagsView(Server s) {
        ObjectNode o = Json.object();
        ArrayNode tags = o.putArray("tags");
        ArrayNode statuses = o.putArray("statuses");
        s.tags.forEach((t, st) -> {
            tags.add(t);
            statuses.add(st);
        });
        return o;
    }

    private Reply password(Req r, int id) {
        if (r.size() != 3) {
            throw noEndpoint();
        }
        Server s = b.server(r.uid(), id);
        return switch (r.method()) {
            case "GET" -> {
                if (s.adminPass == null || !b.now().isBefore(s.passwordExpiry)) {
                    throw EmulatorFault.notFound("Password not found.");
                }
                yield Reply.json(200, wrap("password", s.adminPass));
            }
            case "DELETE" -> {
                s.adminPass = null;
                yield Reply.empty(204);
            }
            default -> throw notAllowed("GET", "DELETE");
        };
    }

    private Reply stats(Req r, int id) {
        if (r.size() != 3) {
            throw noEndpoint();
        }
        if (!"GET".equals(r.method())) {
            throw notAllowed("GET");
        }
        Server s = b.liveServer(r.uid(), id);
        String base = b.baseUrl() + "/stats/v1.0/";
        String ref = Integer.toHexString(("server-" + s.id).hashCode());
        ObjectNode st = Json.object();
        st.put("serverRef", s.id);
        st.put("refresh", 60);
        st.put("cpuBar", base + "cpu-bar/" + ref);
        st.put("cpuTimeSeries", base + "cpu-ts/" + ref);
        st.put("netBar", base + "net-bar/" + ref);
        st.put("netTimeSeries", base + "net-ts/" + ref);
        return Reply.json(200, wrap("stats", st));
    }

    private Reply diagnostics(Req r, int id) {
        if (r.size() != 3) {
            throw noEndpoint();
        }
        if (!"GET".equals(r.method())) {
            throw notAllowed("GET");
        }
        Server s = b.server(r.uid(), id);
        ArrayNode out = Json.array();
        for (int i = s.diagnostics.size() - 1; i >= 0; i--) {
            out.add(v.diagnostic(s.diagnostics.get(i)));
        }
        return Reply.json(200, out);
    }

    private Reply volumeAttachments(Req r, int id) {
        String m = r.method();
        if (r.size() == 3) {
            return switch (m) {
                case "GET" -> {
                    ArrayNode out = Json.array();
                    b.attached(b.server(r.uid(), id)).forEach(vol -> out.add(v.volumeAttachment(vol)));
                    yield Reply.json(200, wrap("volumeAttachments", out));
                }
                case "POST" -> attachVolume(r, id);
                default -> throw notAllowed("GET", "POST");
            };
        }
        if (r.size() != 4) {
            throw noEndpoint();
        }
        int volId;
        try {
            volId = Integer.parseInt(r.seg(3));
        } catch (NumberFormatException e) {
            throw noEndpoint();
        }
        return switch (m) {
            case "GET" -> {
                Server s = b.server(r.uid(), id);
                Volume vol = b.volumes.get(volId);
                if (vol == null || vol.deleted || !Integer.valueOf(s.id).equals(vol.serverId)) {
                    throw EmulatorFault.badRequest("Volume " + volId + " is not attached to server " + id + ".");
                }
                yield Reply.json(200, wrap("volumeAttachment", v.volumeAttachment(vol)));
            }
            case "DELETE" -> {
                Server s = b.liveServer(r.uid(), id);
                Volume vol = b.volumes.get(volId);
                if (vol == null || vol.deleted || !Integer.valueOf(s.id).equals(vol.serverId)) {
                    throw EmulatorFault.badRequest("Volume " + volId + " is not attached to server " + id + ".");
                }
                if (vol.index == 0) {
                    throw EmulatorFault.badRequest("Cannot detach the root volume of server " + id + ".");
                }
                if (vol.pending != null || !("in_use".equals(vol.status) || "error".equals(vol.status))) {
                    throw EmulatorFault.badRequest("Cannot detach volume while volume is in '"
                            + (vol.pending != null ? vol.status : vol.status) + "' status.");
                }
                buildCheck(s);
                vol.status = "detaching";
                vol.pending = "available";
                vol.pendingStart = b.now();
                vol.updated = vol.pendingStart;
                s.updated = vol.pendingStart;
                yield Reply.empty(202);
            }
            default -> throw notAllowed("GET", "DELETE");
        };
    }

    private static void buildCheck(Server s) {
        if ("BUILD".equals(s.operstate)) {
            throw EmulatorFault.buildInProgress("Server is being built.");
        }
        if (!s.task.isEmpty()) {
            throw EmulatorFault.badRequest("Cannot perform this action while there is a pending '" + s.task + "'.");
        }
    }

    private Reply attachVolume(Req r, int id) {
        JsonNode att = Util.member(r.json(), "volumeAttachment");
        JsonNode volNode = att.get("volumeId");
        if (volNode == null || volNode.isNull()) {
            throw EmulatorFault.badRequest("Malformed request: missing 'volumeId'.");
        }
        Server s = b.liveServer(r.uid(), id);
        buildCheck(s);
        int volId;
        try {
            volId = Integer.parseInt(volNode.asText());
        } catch (NumberFormatException e) {
            throw EmulatorFault.badRequest("Invalid volume id '" + volNode.asText() + "'");
        }
        Volume vol = b.volumes.get(volId);
        if (vol == null || vol.deleted || !vol.userId.equals(r.uid())) {
            throw EmulatorFault.badRequest("Volume " + volId + " not found.");
        }
        if (vol.serverId != null || !("available".equals(vol.status) || "creating".equals(vol.status))
                || (vol.pending != null && !"available".equals(vol.pending))) {
            throw EmulatorFault.badRequest("Cannot attach volume while volume is in '" + vol.status + "' status.");
        }
        VolumeType type = b.volumeTypes.get(vol.volumeTypeId);
        if (!type.detachable()) {
            throw EmulatorFault.badRequest("Volume type '" + type.name() + "' is not detachable.");
        }
        b.checkAttachable(s, type);
        Instant now = b.now();
        vol.serverId = s.id;
        vol.index = b.nextIndex(s);
        vol.status = "attaching";
        vol.pending = "in_use";
        vol.pendingStart = now;
        vol.updated = now;
        s.updated = now;
        return Reply.json(202, wrap("volumeAttachment", v.volumeAttachment(vol)));
    }

    // ---- flavors ----

    private Reply flavors(Req r) {
        if (!"GET".equals(r.method())) {
            throw notAllowed("GET");
        }
        if (r.size() == 1 || (r.size() == 2 && "detail".equals(r.seg(1)))) {
            boolean detail = r.size() == 2;
            String isPublic = r.ex().query("SNF:is_public").orElse(null);
            if (isPublic != null && !"true".equalsIgnoreCase(isPublic) && !"false".equalsIgnoreCase(isPublic)) {
                throw EmulatorFault.badRequest("Invalid value for 'SNF:is_public'");
            }
            ArrayNode out = Json.array();
            for (Flavor f : b.flavors.values()) {
                if (f.deleted() || (isPublic != null && f.isPublic() != Boolean.parseBoolean(isPublic.toLowerCase()))) {
                    continue;
                }
                // Every seeded flavor is public, so SNF:flavor-access=<project> keeps them all.
                out.add(v.flavor(f, detail, r.uid()));
            }
            return Reply.json(200, wrap("flavors", out));
        }
        int id = serverId(r.seg(1));
        Flavor f = b.flavor(id);
        if (r.size() == 2) {
            return Reply.json(200, wrap("flavor", v.flavor(f, true, r.uid())));
        }
        if (r.size() == 3 && "os-extra_specs".equals(r.seg(2))) {
            return Reply.json(200, wrap("extra_specs", Json.object()));
        }
        throw noEndpoint();
    }

    // ---- images ----

    private Reply images(Req r) {
        String m = r.method();
        if (r.size() == 1 || (r.size() == 2 && "detail".equals(r.seg(1)))) {
            if ("POST".equals(m) && r.size() == 1) {
                throw EmulatorFault.notImplemented("Not supported: use the Image service to register images.");
            }
            if (!"GET".equals(m)) {
                throw r.size() == 1 ? notAllowed("GET", "POST") : notAllowed("GET");
            }
            boolean detail = r.size() == 2;
            Instant since = r.ex().query("changes-since").map(s -> Util.since(s, b.now())).orElse(null);
            ArrayNode out = Json.array();
            for (Image i : b.images.values()) {
                boolean seen = i.isPublic || r.uid().equals(i.owner) || i.members.contains(r.uid());
                if (!seen || (since == null ? i.deletedAt != null : i.updated.isBefore(since))) {
                    continue;
                }
                out.add(v.computeImage(i, detail));
            }
            if (since != null && out.isEmpty()) {
                return Reply.empty(304);
            }
            return Reply.json(200, wrap("images", out));
        }
        String id = r.seg(1);
        if (r.size() == 2) {
            return switch (m) {
                case "GET" -> Reply.json(200, wrap("image", v.computeImage(b.image(r.uid(), id), true)));
                case "DELETE" -> {
                    Image i = ownImage(r, id);
                    i.deletedAt = b.now();
                    i.updated = i.deletedAt;
                    yield Reply.empty(204);
                }
                default -> throw notAllowed("GET", "DELETE");
            };
        }
        if (!"metadata".equals(r.seg(2)) || r.size() > 4) {
            throw noEndpoint();
        }
        if (r.size() == 3) {
            return switch (m) {
                case "GET" -> Reply.json(200, wrap("metadata", b.image(r.uid(), id).properties));
                case "POST" -> {
                    Map<String, String> add = Util.stringMap(Util.member(r.json(), "metadata"), "metadata");
                    Image i = ownImage(r, id);
                    i.properties.putAll(add);
                    i.updated = b.now();
                    yield Reply.json(201, wrap("metadata", i.properties));
                }
                default -> throw notAllowed("GET", "POST");
            };
        }
        return metadataKey(r, r.seg(3), () -> {
            Image i = b.image(r.uid(), id);
            return new MetaHolder(i.properties, () -> i.updated = b.now());
        }, () -> {
            Image i = ownImage(r, id);
            return new MetaHolder(i.properties, () -> i.updated = b.now());
        }, Integer.MAX_VALUE);
    }

    private Image ownImage(Req r, String id) {
        Image i = b.image(r.uid(), id);
        if (!r.uid().equals(i.owner)) {
            throw EmulatorFault.forbidden("Only the owner may modify image " + id + ".");
        }
        return i;
    }

    // ---- keypairs ----

    private Reply keypairs(Req r) {
        String m = r.method();
        Map<String, Keypair> mine = b.keypairs.getOrDefault(r.uid(), Map.of());
        if (r.size() == 1) {
            return switch (m) {
                case "GET" -> {
                    ArrayNode out = Json.array();
                    mine.values().forEach(k -> out.addObject().set("keypair", keypair(k, false)));
                    yield Reply.json(200, wrap("keypairs", out));
                }
                case "POST" -> {
                    JsonNode kp = Util.member(r.json(), "keypair");
                    String name = Util.string(kp, "name", null);
                    if (name == null || name.isEmpty()) {
                        throw EmulatorFault.badRequest("Keypair name is missing.");
                    }
                    if (mine.containsKey(name)) {
                        throw EmulatorFault.conflict("Keypair '" + name + "' already exists.");
                    }
                    String pub = Util.string(kp, "public_key", null);
                    String priv = null;
                    if (pub == null) {
                        SshKeys.Generated g = SshKeys.generate(name);
                        pub = g.publicKey();
                        priv = g.privateKey();
                    }
                    String fp = SshKeys.fingerprint(pub);
                    Keypair k = b.addKeypair(r.uid(), name, pub, fp);
                    ObjectNode view = keypair(k, false);
                    if (priv != null) {
                        view.put("private_key", priv);
                    }
                    yield Reply.json(201, wrap("keypair", view));
                }
                default -> throw notAllowed("GET", "POST");
            };
        }
        if (r.size() != 2) {
            throw noEndpoint();
        }
        Keypair k = mine.get(r.seg(1));
        if (k == null) {
            throw EmulatorFault.notFound("Keypair not found.");
        }
        return switch (m) {
            case "GET" -> Reply.json(200, wrap("keypair", keypair(k, true)));
            case "DELETE" -> {
                b.keypairs.get(r.uid()).remove(k.name);
                yield Reply.empty(204);
            }
            default -> throw notAllowed("GET", "DELETE");
        };
    }

    private ObjectNode keypair(Keypair k, boolean detail) {
        ObjectNode o = Json.object();
        o.put("name", k.name);
        o.put("fingerprint", k.fingerprint);
        o.put("public_key", k.publicKey);
        if (detail) {
            o.put("deleted", false);
            o.put("id", k.id);
            o.put("created_at", Util.iso(k.created));
            o.putNull("deleted_at");
            o.put("updated_at", Util.iso(k.created));
        }
        return o;
    }

    // ---- compute flavour of floating IPs ----

    private Reply floatingIps(Req r) {
        String m = r.method();
        if (r.size() == 1) {
            return switch (m) {
                case "GET" -> {
                    ArrayNode out = Json.array();
                    b.floatingIps.values().stream().filter(f -> !f.deleted && f.userId.equals(r.uid()))
                            .forEach(f -> out.add(computeFip(f)));
                    yield Reply.json(200, wrap("floating_ips", out));
                }
                case "POST" -> {
                    FloatingIp f = b.reserveFloatingIp(r.uid(), null, null, null, false);
                    yield Reply.json(200, wrap("floating_ip", computeFip(f)));
                }
                default -> throw notAllowed("GET", "POST");
            };
        }
        if (r.size() != 2) {
            throw noEndpoint();
        }
        FloatingIp f = b.floatingIp(r.uid(), Util.pathId(r.seg(1), "Floating IP"));
        return switch (m) {
            case "GET" -> Reply.json(200, wrap("floatingip", v.floatingIp(f)));
            case "DELETE" -> {
                NetworkService.releaseFloatingIp(b, f);
                yield Reply.empty(204);
            }
            default -> throw notAllowed("GET", "DELETE");
        };
    }

    private ObjectNode computeFip(FloatingIp f) {
        ObjectNode o = Json.object();
        o.putNull("fixed_ip");
        o.put("id", f.id);
        Port p = f.portId == null ? null : b.ports.get(f.portId);
        if (p == null || p.deviceId == null) {
            o.putNull("instance_id");
        } else {
            o.put("instance_id", String.valueOf(p.deviceId));
        }
        o.put("ip", f.address);
        o.putNull("pool");
        return o;
    }
}
