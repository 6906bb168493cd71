package org.synnefo.reactive.cyclades.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.synnefo.reactive.core.http.ResponseHeaders;
import org.synnefo.reactive.cyclades.internal.Json;

/**
 * An image registered in Plankton. List views without detail fill only {@code id}, {@code name},
 * {@code status}, the formats and {@code size}.
 *
 * <p>When the image comes from response headers ({@code HEAD}, register, update), property keys are
 * lower-cased with {@code -} turned into {@code _}, as kamaki does: HTTP header names carry no case and
 * Plankton turns {@code _} into {@code -} when sending them. {@code raw} is then a JSON view of those headers
 * in the shape of the detail JSON.
 *
 * @param id the image id (the Pithos object uuid)
 * @param name the name
 * @param status the status
 * @param diskFormat {@code diskdump}, {@code extdump} or {@code ntfsdump}
 * @param containerFormat {@code bare}, {@code aki}, {@code ari}, {@code ami} or {@code ovf}
 * @param size the size in bytes, or {@code null}
 * @param checksum the Pithos Merkle hash of the file (hex)
 * @param location where the file lives, or {@code null} when not sent
 * @param createdAt creation time
 * @param updatedAt last update time
 * @param deletedAt deletion time, or {@code null}
 * @param isPublic whether everyone may use it
 * @param owner the owner's uuid
 * @param description the description, or {@code null}
 * @param isSnapshot whether it is a volume snapshot
 * @param properties the image properties (e.g. {@code osfamily}, {@code users}, {@code root_partition})
 * @param raw the JSON object as received, or the JSON view of the headers
 */
public record Image(String id, String name, ImageStatus status, String diskFormat, String containerFormat, Long size,
        String checksum, PithosLocation location, Instant createdAt, Instant updatedAt, Instant deletedAt,
        boolean isPublic, String owner, String description, boolean isSnapshot, Map<String, String> properties,
        JsonNode raw) {

    private static final String META = "x-image-meta-";
    private static final String PROPERTY = "x-image-meta-property-";

    /**
     * @param n an image object (list or detail entry)
     * @return the image
     */
    public static Image fromJson(JsonNode n) {
        String loc = Json.text(n, "location");
        PithosLocation location = null;
        if (loc != null && !loc.isEmpty()) {
            try {
                location = PithosLocation.parse(loc);
            } catch (IllegalArgumentException e) {
                location = null; // an unexpected location scheme must not make the image unreadable
            }
        }
        return new Image(Json.text(n, "id"), Json.text(n, "name"), ImageStatus.of(Json.text(n, "status")),
                Json.text(n, "disk_format"), Json.text(n, "container_format"), Json.longValue(n, "size"),
                Json.text(n, "checksum"), location, Json.instant(n, "created_at"), Json.instant(n, "updated_at"),
                Json.instant(n, "deleted_at"), Json.bool(n, "is_public", false), Json.text(n, "owner"),
                Json.text(n, "description"), Json.bool(n, "is_snapshot", false), Json.stringMap(n.path("properties")),
                n);
    }

    /**
     * Builds an image from Plankton's {@code x-image-meta-*} response headers.
     *
     * @param headers the response headers
     * @return the image
     */
    public static Image fromHeaders(ResponseHeaders headers) {
        ObjectNode o = Json.object();
        ObjectNode props = Json.object();
        for (String name : headers.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            List<String> values = headers.all(name);
            if (values.isEmpty()) {
                continue;
            }
            String value = ResponseHeaders.unquote(values.get(0));
            if (lower.startsWith(PROPERTY)) {
                props.put(ResponseHeaders.unquote(lower.substring(PROPERTY.length())).replace('-', '_'), value);
            } else if (lower.startsWith(META)) {
                o.put(lower.substring(META.length()).replace('-', '_'), value);
            }
        }
        o.set("properties", props);
        return fromJson(o);
    }
}
