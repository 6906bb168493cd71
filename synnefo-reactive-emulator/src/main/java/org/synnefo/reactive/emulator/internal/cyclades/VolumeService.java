package org.synnefo.reactive.emulator.internal.cyclades;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.Map;
import org.synnefo.reactive.emulator.internal.EmulatorFault;
import org.synnefo.reactive.emulator.internal.Endpoints;
import org.synnefo.reactive.emulator.internal.Ids;
import org.synnefo.reactive.emulator.internal.Json;
import org.synnefo.reactive.emulator.internal.cyclades.CycladesBackend.VolumeSpec;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Image;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Volume;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.VolumeType;

/** {@code /volume/v2.0}: volumes, snapshots and volume types (Cinder-like). */
final class VolumeService extends CycladesHandler {

    VolumeService(CycladesBackend backend) {
        super(backend);
    }

    @Override
    public String prefix() {
        return Endpoints.VOLUME;
    }

    @Override
    Reply route(Req r) {
        if (r.size() == 0) {
            throw noEndpoint();
        }
        return switch (r.seg(0)) {
            case "volumes" -> volumes(r);
            case "snapshots" -> snapshots(r);
            case "types" -> types(r);
            default -> throw noEndpoint();
        };
    }

    // ---- volumes ----

    private Reply volumes(Req r) {
        String m = r.method();
        if (r.size() == 1 || (r.size() == 2 && "detail".equals(r.seg(1)))) {
            if ("POST".equals(m) && r.size() == 1) {
                return createVolume(r);
            }
            if (!"GET".equals(m)) {
                throw r.size() == 1 ? plainNotAllowed("GET", "POST") : plainNotAllowed("GET");
            }
            boolean detail = r.size() == 2;
            Instant since = r.ex().query("changes-since").map(s -> Util.since(s, b.now())).orElse(null);
            ArrayNode out = Json.array();
            for (Volume vol : b.volumes.values()) {
                if (!vol.userId.equals(r.uid()) || (since == null ? vol.deleted : vol.updated.isBefore(since))) {
                    continue;
                }
                out.add(detail ? v.volume(vol) : v.volumeRef(vol));
            }
            if (since != null && out.isEmpty()) {
                return Reply.empty(304);
            }
            return Reply.json(200, wrap("volumes", out));
        }
        Volume vol = b.volume(r.uid(), Util.pathId(r.seg(1), "Volume"));
        if (r.size() == 2) {
            return switch (m) {
                case "GET" -> Reply.json(200, wrap("volume", v.volume(vol)));
                case "PUT" -> updateVolume(r, vol);
                case "DELETE" -> deleteVolume(vol);
                default -> throw plainNotAllowed("GET", "PUT", "DELETE");
            };
        }
        if ("action".equals(r.seg(2)) && r.size() == 3) {
            if (!"POST".equals(m)) {
                throw plainNotAllowed("POST");
            }
            JsonNode args = Util.member(r.json(), "reassign");
            String project = Util.string(args, "project", null);
            if (project == null) {
                throw EmulatorFault.badRequest("Missing 'project' attribute.");
            }
            if (vol.deleted) {
                throw EmulatorFault.badRequest("Volume has been deleted.");
            }
            b.move(vol.project, project, vol.userId, CycladesBackend.disk(vol.sizeGiB));
            vol.project = project;
            vol.shared = Util.bool(args, "shared_to_project", false);
            vol.updated = b.now();
            return Reply.empty(200);
        }
        if ("metadata".equals(r.seg(2))) {
            return metadata(r, vol.metadata, () -> vol.updated = b.now());
        }
        throw noEndpoint();
    }

    private Reply createVolume(Req r) {
        JsonNode vol = Util.member(r.json(), "volume");
        String name = Util.string(vol, "display_name", null);
        if (name == null) {
            throw EmulatorFault.badRequest("Volume 'display_name' is required.");
        }
        JsonNode sizeNode = vol.get("size");
        Integer size;
        try {
            size = Util.integer(sizeNode, "size");
        } catch (EmulatorFault e) {
            throw EmulatorFault.badRequest("Volume 'size' must be a positive integer.");
        }
        if (size == null || size <= 0) {
            throw EmulatorFault.badRequest("Volume 'size' must be a positive integer.");
        }
        if (vol.hasNonNull("source_volid")) {
            throw EmulatorFault.badRequest("Cloning a volume is not supported.");
        }
        Integer server = vol.hasNonNull("server_id") ? parse(vol.get("server_id"), "server_id") : null;
        Integer type = vol.hasNonNull("volume_type") ? parse(vol.get("volume_type"), "volume_type") : null;
        Map<String, String> metadata = Util.stringMap(vol.get("metadata"), "metadata");
        Volume created = b.createVolume(new VolumeSpec(r.uid(), name, Util.string(vol, "display_description", ""),
                size, server, type, Util.string(vol, "snapshot_id", null), Util.string(vol, "imageRef", null),
                Util.string(vol, "project", null), Util.bool(vol, "shared_to_project", false), metadata,
                Util.bool(vol, "delete_on_termination", true)));
        return Reply.json(202, wrap("volume", v.volumeRef(created)));
    }

    private static int parse(JsonNode n, String what) {
        try {
            return Integer.parseInt(n.asText());
        } catch (NumberFormatException e) {
            throw EmulatorFault.badRequest("Invalid '" + what + "': " + n.asText());
        }
    }

    private Reply updateVolume(Req r, Volume vol) {
        JsonNode body = Util.member(r.json(), "volume");
        String name = Util.string(body, "display_name", null);
        String description = Util.string(body, "display_description", null);
        Boolean dot = Util.bool(body, "delete_on_termination", null);
        if (name == null && description == null && dot == null) {
            throw EmulatorFault.badRequest("Nothing to update.");
        }
        if (vol.deleted) {
            throw EmulatorFault.badRequest("Volume has been deleted.");
        }
        if (name != null) {
            vol.name = name;
        }
        if (description != null) {
            vol.description = description;
        }
        if (dot != null) {
            vol.deleteOnTermination = dot;
        }
        vol.updated = b.now();
        return Reply.json(200, wrap("volume", v.volume(vol)));
    }

    private Reply deleteVolume(Volume vol) {
        if (vol.deleted || "deleting".equals(vol.status)) {
            throw EmulatorFault.badRequest("Volume has been deleted.");
        }
        if (vol.serverId != null) {
            if (vol.index == 0) {
                throw EmulatorFault.badRequest("Cannot delete the root volume of server " + vol.serverId + ".");
            }
            if (vol.pending != null || !("in_use".equals(vol.status) || "error".equals(vol.status))) {
                throw EmulatorFault.badRequest("Cannot delete volume while volume is in '" + vol.status
                        + "' status.");
            }
        } else if (vol.pending != null || !("available".equals(vol.status) || "error".equals(vol.status))) {
            throw EmulatorFault.badRequest("Cannot delete volume while volume is in '" + vol.status + "' status.");
        }
        b.release(vol.project, vol.userId, CycladesBackend.disk(vol.sizeGiB));
        vol.status = "deleting";
        vol.pending = "deleted";
        vol.pendingStart = b.now();
        vol.updated = vol.pendingStart;
        return Reply.empty(202);
    }

    /** Metadata of a volume or snapshot: GET, POST (merge), PUT (replace), DELETE of one key (200). */
    private Reply metadata(Req r, Map<String, String> meta, Runnable touch) {
        String m = r.method();
        if (r.size() == 3) {
            return switch (m) {
                case "GET" -> Reply.json(200, wrap("metadata", meta));
                case "POST", "PUT" -> {
                    Map<String, String> given = Util.stringMap(Util.member(r.json(), "metadata"), "metadata");
                    Map<String, String> result = new java.util.LinkedHashMap<>("POST".equals(m) ? meta : Map.of());
                    result.putAll(given);
                    if (result.size() > CycladesBackend.MAX_METADATA) {
                        throw EmulatorFault.badRequest("Cannot have more than " + CycladesBackend.MAX_METADATA
                                + " metadata items.");
                    }
                    meta.clear();
                    meta.putAll(result);
                    touch.run();
                    yield Reply.json(200, wrap("metadata", meta));
                }
                default -> throw plainNotAllowed("GET", "POST", "PUT");
            };
        }
        if (r.size() != 4) {
            throw noEndpoint();
        }
        if (!"DELETE".equals(m)) {
            throw plainNotAllowed("DELETE");
        }
        if (meta.remove(r.seg(3)) == null) {
            throw EmulatorFault.badRequest("Metadata key '" + r.seg(3) + "' not found.");
        }
        touch.run();
        return Reply.empty(200);
    }

    // ---- snapshots ----

    private Reply snapshots(Req r) {
        String m = r.method();
        if (r.size() == 1 || (r.size() == 2 && "detail".equals(r.seg(1)))) {
            if ("POST".equals(m) && r.size() == 1) {
                return createSnapshot(r);
            }
            if (!"GET".equals(m)) {
                throw r.size() == 1 ? plainNotAllowed("GET", "POST") : plainNotAllowed("GET");
            }
            ArrayNode out = Json.array();
            for (Image i : b.images.values()) {
                if (i.isSnapshot && i.deletedAt == null && r.uid().equals(i.owner)) {
                    out.add(v.snapshot(i, r.size() == 2));
                }
            }
            return Reply.json(200, wrap("snapshots", out));
        }
        Image snap = b.images.get(r.seg(1));
        if (snap == null || !snap.isSnapshot || !b.visible(snap, r.uid())) {
            throw EmulatorFault.notFound("Snapshot " + r.seg(1) + " not found.");
        }
        if (r.size() == 2) {
            return switch (m) {
                case "GET" -> Reply.json(200, wrap("snapshot", v.snapshot(snap, true)));
                case "PUT" -> {
                    JsonNode body = Util.member(r.json(), "snapshot");
                    String name = Util.string(body, "display_name", null);
                    String description = Util.string(body, "display_description", null);
                    if (name == null && description == null) {
                        throw EmulatorFault.badRequest("Nothing to update.");
                    }
                    ownSnapshot(r, snap);
                    if (name != null) {
                        snap.name = name;
                    }
                    if (description != null) {
                        snap.description = description;
                    }
                    snap.updated = b.now();
                    yield Reply.json(200, wrap("snapshot", v.snapshot(snap, true)));
                }
                case "DELETE" -> {
                    ownSnapshot(r, snap);
                    snap.deletedAt = b.now();
                    snap.updated = snap.deletedAt;
                    yield Reply.empty(202);
                }
                default -> throw plainNotAllowed("GET", "PUT", "DELETE");
            };
        }
        if ("metadata".equals(r.seg(2))) {
            if (!"GET".equals(m)) {
                ownSnapshot(r, snap);
            }
            return metadata(r, snap.snapshotMeta, () -> snap.updated = b.now());
        }
        throw noEndpoint();
    }

    private void ownSnapshot(Req r, Image snap) {
        if (!r.uid().equals(snap.owner)) {
            throw EmulatorFault.forbidden("Only the owner may modify snapshot " + snap.id + ".");
        }
    }

    private Reply createSnapshot(Req r) {
        JsonNode body = Util.member(r.json(), "snapshot");
        JsonNode volNode = body.get("volume_id");
        if (volNode == null || volNode.isNull()) {
            throw EmulatorFault.badRequest("Snapshot 'volume_id' is required.");
        }
        int volId = parse(volNode, "volume_id");
        Volume vol = b.volumes.get(volId);
        if (vol == null || vol.deleted || !vol.userId.equals(r.uid())) {
            throw EmulatorFault.badRequest("Volume " + volId + " not found.");
        }
        Map<String, String> meta = Util.stringMap(body.get("metadata"), "metadata");
        Instant now = b.now();
        String name = Util.string(body, "display_name", "snapshot_" + vol.id + "_" + Util.plankton(now));
        String id = Ids.uuid();
        Image snap = new Image(id, "pithos://" + r.uid() + "/snapshots/" + Util.quote(name), now);
        snap.owner = r.uid();
        snap.name = name;
        snap.size = ((long) vol.sizeGiB) << 30;
        snap.checksum = "";
        snap.isSnapshot = true;
        snap.description = Util.string(body, "display_description", "");
        snap.volumeId = vol.id;
        snap.status = "CREATING";
        snap.pending = "AVAILABLE";
        snap.pendingStart = now;
        snap.snapshotMeta.putAll(meta);
        b.images.put(id, snap);
        return Reply.json(202, wrap("snapshot", v.snapshot(snap, true)));
    }

    // ---- types ----

    private Reply types(Req r) {
        if (!"GET".equals(r.method())) {
            throw plainNotAllowed("GET");
        }
        if (r.size() == 1) {
            ArrayNode out = Json.array();
            b.volumeTypes.values().forEach(t -> out.add(v.volumeType(t)));
            return Reply.json(200, wrap("volume_types", out));
        }
        if (r.size() != 2) {
            throw noEndpoint();
        }
        VolumeType t = b.volumeTypes.get(Util.pathId(r.seg(1), "Volume type"));
        if (t == null) {
            throw EmulatorFault.notFound("Volume type " + r.seg(1) + " not found.");
        }
        return Reply.json(200, wrap("volume_type", v.volumeType(t)));
    }
}
