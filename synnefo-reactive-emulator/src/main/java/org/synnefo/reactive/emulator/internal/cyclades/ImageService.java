package org.synnefo.reactive.emulator.internal.cyclades;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.synnefo.reactive.emulator.internal.EmulatorFault;
import org.synnefo.reactive.emulator.internal.Endpoints;
import org.synnefo.reactive.emulator.internal.Exchange;
import org.synnefo.reactive.emulator.internal.Json;
import org.synnefo.reactive.emulator.internal.ObjectLookup.StoredObject;
import org.synnefo.reactive.emulator.internal.ObjectLookup;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Image;

/**
 * {@code /image/v1.0}: Plankton, Glance v1-like. Images are described by {@code X-Image-Meta-*}
 * headers; registering needs the Pithos object to exist (through {@link ObjectLookup}) with the
 * given size and Merkle hash.
 */
final class ImageService extends CycladesHandler {

    private static final String PREFIX = "x-image-meta-";
    private static final String PROPERTY = "property_";
    private static final List<String> REGISTER_KEYS = List.of("name", "location", "store", "disk_format",
            "container_format", "size", "checksum", "is_public", "owner");
    private static final List<String> UPDATE_KEYS = List.of("name", "disk_format", "container_format", "is_public",
            "owner", "status");
    private static final List<String> DISK_FORMATS = List.of("diskdump", "extdump", "ntfsdump");
    private static final List<String> CONTAINER_FORMATS = List.of("aki", "ari", "ami", "bare", "ovf");
    private static final List<String> SORT_KEYS = List.of("id", "name", "status", "size", "disk_format",
            "container_format", "created_at", "updated_at");

    ImageService(CycladesBackend backend) {
        super(backend);
    }

    @Override
    public String prefix() {
        return Endpoints.IMAGE;
    }

    @Override
    Reply route(Req r) {
        if (r.size() == 0) {
            throw noEndpoint();
        }
        String m = r.method();
        if ("shared-images".equals(r.seg(0)) && r.size() == 2) {
            if (!"GET".equals(m)) {
                throw plainNotAllowed("GET");
            }
            ArrayNode out = Json.array();
            for (Image i : b.images.values()) {
                if (r.seg(1).equals(i.owner) && !i.isPublic && b.visible(i, r.uid())) {
                    out.addObject().put("image_id", i.id).put("can_share", false);
                }
            }
            return Reply.json(200, wrap("shared_images", out));
        }
        if (!"images".equals(r.seg(0))) {
            throw noEndpoint();
        }
        if (r.size() == 1) {
            return switch (m) {
                case "GET" -> list(r, false);
                case "POST" -> register(r);
                default -> throw plainNotAllowed("GET", "POST");
            };
        }
        if (r.size() == 2 && "detail".equals(r.seg(1))) {
            if (!"GET".equals(m)) {
                throw plainNotAllowed("GET");
            }
            return list(r, true);
        }
        Image img = b.image(r.uid(), r.seg(1));
        if (r.size() == 2) {
            return switch (m) {
                case "HEAD" -> headers(Reply.empty(200), img);
                case "GET" -> throw EmulatorFault.notImplemented("Downloading an image is not supported: "
                        + "download it from Pithos.");
                case "PUT" -> update(r, img);
                case "DELETE" -> {
                    own(r, img);
                    img.deletedAt = b.now();
                    img.updated = img.deletedAt;
                    img.properties.clear();
                    img.members.clear();
                    yield Reply.empty(204);
                }
                default -> throw plainNotAllowed("GET", "HEAD", "PUT", "DELETE");
            };
        }
        if (!"members".equals(r.seg(2)) || r.size() > 4) {
            throw noEndpoint();
        }
        if (r.size() == 3) {
            return switch (m) {
                case "GET" -> {
                    ArrayNode out = Json.array();
                    img.members.forEach(u -> out.addObject().put("member_id", u).put("can_share", false));
                    yield Reply.json(200, wrap("members", out));
                }
                case "PUT" -> {
                    JsonNode body = r.json();
                    JsonNode list = body.get("memberships");
                    if (list == null || !list.isArray()) {
                        throw EmulatorFault.badRequest("Malformed request: 'memberships' is required.");
                    }
                    List<String> members = new ArrayList<>();
                    for (JsonNode mm : list) {
                        if (!mm.path("member_id").isTextual()) {
                            throw EmulatorFault.badRequest("Malformed request: each membership needs 'member_id'.");
                        }
                        members.add(mm.get("member_id").asText());
                    }
                    own(r, img);
                    img.members.clear();
                    img.members.addAll(members);
                    img.updated = b.now();
                    yield Reply.empty(204);
                }
                default -> throw plainNotAllowed("GET", "PUT");
            };
        }
        String member = r.seg(3);
        own(r, img);
        return switch (m) {
            case "PUT" -> {
                img.members.add(member);
                img.updated = b.now();
                yield Reply.empty(204);
            }
            case "DELETE" -> {
                if (!img.members.remove(member)) {
                    throw EmulatorFault.notFound("Member " + member + " not found.");
                }
                img.updated = b.now();
                yield Reply.empty(204);
            }
            default -> throw plainNotAllowed("PUT", "DELETE");
        };
    }

    private void own(Req r, Image img) {
        if (!r.uid().equals(img.owner)) {
            throw EmulatorFault.forbidden("Only the owner may modify image " + img.id + ".");
        }
    }

    private Reply headers(Reply reply, Image img) {
        Reply out = reply;
        for (Map.Entry<String, String> e : v.planktonHeaders(img).entrySet()) {
            out = out.header(e.getKey(), e.getValue());
        }
        return out;
    }

    private Reply list(Req r, boolean detail) {
        Exchange ex = r.ex();
        for (String k : List.of("size_min", "size_max")) {
            Optional<String> val = ex.query(k);
            if (val.isPresent()) {
                try {
                    Long.parseLong(val.get());
                } catch (NumberFormatException e) {
                    throw EmulatorFault.badRequest("Malformed request: '" + k + "' must be an integer.");
                }
            }
        }
        String sortKey = ex.query("sort_key").orElse("created_at");
        String sortDir = ex.query("sort_dir").orElse("desc");
        if (!SORT_KEYS.contains(sortKey)) {
            throw EmulatorFault.badRequest("Malformed request: invalid sort_key '" + sortKey + "'.");
        }
        if (!"asc".equals(sortDir) && !"desc".equals(sortDir)) {
            throw EmulatorFault.badRequest("Malformed request: invalid sort_dir '" + sortDir + "'.");
        }
        // Like Plankton's backend, the name/format/status/size filters are validated but not applied.
        List<Image> found = new ArrayList<>();
        for (Image i : b.images.values()) {
            if (b.visible(i, r.uid())) {
                found.add(i);
            }
        }
        Comparator<Image> c = switch (sortKey) {
            case "id" -> Comparator.comparing(i -> i.id);
            case "name" -> Comparator.comparing(i -> i.name);
            case "status" -> Comparator.comparing(i -> i.status);
            case "size" -> Comparator.comparingLong(i -> i.size);
            case "disk_format" -> Comparator.comparing(i -> i.diskFormat);
            case "container_format" -> Comparator.comparing(i -> i.containerFormat);
            case "updated_at" -> Comparator.comparing(i -> i.updated);
            default -> Comparator.comparing(i -> i.created);
        };
        found.sort("desc".equals(sortDir) ? c.reversed() : c);
        ArrayNode out = Json.array();
        found.forEach(i -> out.add(v.planktonImage(i, detail)));
        return Reply.json(200, wrap("images", out));
    }

    /** The {@code x-image-meta-*} headers, normalized (lower case, punctuation to '_'), values unquoted. */
    private static Map<String, String> metaHeaders(Exchange ex) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : ex.headers()) {
            String name = h.getKey().toLowerCase();
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String key = name.substring(PREFIX.length()).replaceAll("[^a-z0-9]", "_");
            String value = h.getValue();
            try {
                value = Exchange.decodePath(value);
            } catch (IllegalArgumentException e) {
                // not URL-quoted: keep it as sent
            }
            out.put(key, value.trim());
        }
        return out;
    }

    private Reply register(Req r) {
        Map<String, String> meta = metaHeaders(r.ex());
        Map<String, String> props = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : meta.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(PROPERTY)) {
                props.put(k.substring(PROPERTY.length()), e.getValue());
            } else if ("id".equals(k)) {
                throw EmulatorFault.badRequest("Setting the image id is not allowed.");
            } else if (!REGISTER_KEYS.contains(k)) {
                throw EmulatorFault.badRequest("Invalid parameters: " + k);
            }
        }
        String name = meta.get("name");
        if (name == null || name.isEmpty()) {
            throw EmulatorFault.badRequest("Invalid image name: the 'name' is required.");
        }
        String location = meta.get("location");
        if (location == null || location.isEmpty()) {
            throw EmulatorFault.badRequest("Invalid location: the 'location' is required.");
        }
        String[] parts = location.split("/", 5);
        if (!location.startsWith("pithos://") || parts.length != 5 || parts[2].isEmpty() || parts[3].isEmpty()
                || parts[4].isEmpty()) {
            throw EmulatorFault.badRequest("Invalid location '" + location + "'.");
        }
        String store = meta.getOrDefault("store", "pithos");
        if (!"pithos".equals(store)) {
            throw EmulatorFault.badRequest("Invalid store '" + store + "'.");
        }
        String diskFormat = meta.getOrDefault("disk_format", "diskdump");
        if (!DISK_FORMATS.contains(diskFormat)) {
            throw EmulatorFault.badRequest("Invalid disk format '" + diskFormat + "'.");
        }
        String containerFormat = meta.getOrDefault("container_format", "bare");
        if (!CONTAINER_FORMATS.contains(containerFormat)) {
            throw EmulatorFault.badRequest("Invalid container format '" + containerFormat + "'.");
        }
        Boolean isPublic = meta.containsKey("is_public") ? pythonBool(meta.get("is_public")) : Boolean.FALSE;
        Long size = null;
        if (meta.containsKey("size")) {
            try {
                size = Long.parseLong(meta.get("size"));
            } catch (NumberFormatException e) {
                throw EmulatorFault.badRequest("Invalid size '" + meta.get("size") + "'.");
            }
        }
        checkLengths(name, props);
        String account = Exchange.decodePath(parts[2]);
        String container = Exchange.decodePath(parts[3]);
        String path = Exchange.decodePath(parts[4]);
        Optional<ObjectLookup> lookup = b.context.lookup(ObjectLookup.class);
        StoredObject obj = lookup.flatMap(l -> l.find(account, container, path))
                .orElseThrow(() -> EmulatorFault.notFound("Object '" + location + "' not found."));
        if (!account.equals(r.uid())) {
            throw EmulatorFault.forbidden("No read access to '" + location + "'.");
        }
        if (size != null && size != obj.bytes()) {
            throw EmulatorFault.badRequest("Invalid size: the object has " + obj.bytes() + " bytes.");
        }
        String checksum = meta.get("checksum");
        if (checksum != null && !checksum.equalsIgnoreCase(obj.hash())) {
            throw EmulatorFault.badRequest("Invalid checksum: it must be the object's hash.");
        }
        String canonical = "pithos://" + account + "/" + container + "/" + path;
        String id = CycladesBackend.imageId(canonical);
        Instant now = b.now();
        Image old = b.images.get(id);
        Image img = old != null && old.deletedAt == null ? old : new Image(id, canonical, now);
        img.owner = meta.getOrDefault("owner", r.uid());
        img.name = name;
        img.size = obj.bytes();
        img.checksum = obj.hash();
        img.diskFormat = diskFormat;
        img.containerFormat = containerFormat;
        img.isPublic = isPublic;
        img.status = "AVAILABLE";
        img.properties.clear();
        img.properties.putAll(props);
        img.description = props.getOrDefault("description", "");
        img.updated = now;
        b.images.put(id, img);
        return headers(Reply.empty(200), img);
    }

    private Reply update(Req r, Image img) {
        Map<String, String> meta = metaHeaders(r.ex());
        Map<String, String> props = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : meta.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(PROPERTY)) {
                props.put(k.substring(PROPERTY.length()), e.getValue());
            } else if (!UPDATE_KEYS.contains(k)) {
                throw EmulatorFault.badRequest("Invalid parameters: " + k);
            }
        }
        String name = meta.get("name");
        if (name != null && name.isEmpty()) {
            throw EmulatorFault.badRequest("Invalid image name.");
        }
        String diskFormat = meta.get("disk_format");
        if (diskFormat != null && !DISK_FORMATS.contains(diskFormat)) {
            throw EmulatorFault.badRequest("Invalid disk format '" + diskFormat + "'.");
        }
        String containerFormat = meta.get("container_format");
        if (containerFormat != null && !CONTAINER_FORMATS.contains(containerFormat)) {
            throw EmulatorFault.badRequest("Invalid container format '" + containerFormat + "'.");
        }
        Boolean isPublic = meta.containsKey("is_public") ? pythonBool(meta.get("is_public")) : null;
        checkLengths(name == null ? img.name : name, props);
        own(r, img);
        if (name != null) {
            img.name = name;
        }
        if (diskFormat != null) {
            img.diskFormat = diskFormat;
        }
        if (containerFormat != null) {
            img.containerFormat = containerFormat;
        }
        if (isPublic != null) {
            img.isPublic = isPublic;
        }
        if (meta.containsKey("owner")) {
            img.owner = meta.get("owner");
        }
        if (meta.containsKey("status")) {
            img.status = meta.get("status").toUpperCase();
        }
        img.properties.putAll(props);
        img.updated = b.now();
        return headers(Reply.empty(200), img);
    }

    private static Boolean pythonBool(String v) {
        if ("true".equalsIgnoreCase(v)) {
            return true;
        }
        if ("false".equalsIgnoreCase(v)) {
            return false;
        }
        throw EmulatorFault.badRequest("Invalid value for 'is_public': " + v);
    }

    private static void checkLengths(String name, Map<String, String> props) {
        if (name.length() > 256) {
            throw EmulatorFault.badRequest("Image name is too long.");
        }
        for (Map.Entry<String, String> e : props.entrySet()) {
            if (("plankton:property:" + e.getKey()).length() > 111 || e.getValue().length() > 256) {
                throw EmulatorFault.badRequest("Metadata key or value of property '" + e.getKey() + "' is too long.");
            }
        }
    }
}
