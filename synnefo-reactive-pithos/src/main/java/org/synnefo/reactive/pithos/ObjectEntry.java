package org.synnefo.reactive.pithos;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Locale;
import org.synnefo.reactive.pithos.internal.Parse;

/**
 * One entry of an object listing ({@code GET <container>?format=json}): an object, or, when listing
 * with a delimiter, a virtual directory ({@link #isSubdir()}, only {@link #name()} set).
 *
 * @param name the object name, or the virtual directory (ending with the delimiter)
 * @param subdir whether this is a virtual directory entry ({@code {"subdir": ...}})
 * @param bytes the size, or null
 * @param contentType the content type, or null
 * @param hash {@code x_object_hash}: the Merkle hash, or null
 * @param uuid {@code x_object_uuid}, or null
 * @param version {@code x_object_version}, or null
 * @param versionTimestamp {@code x_object_version_timestamp}, or null
 * @param lastModified {@code last_modified}, or null
 * @param modifiedBy {@code x_object_modified_by}, or null
 * @param sharing {@code x_object_sharing}; {@link Sharing#none()} when not shared
 * @param allowedTo {@code x_object_allowed_to} (other users' objects), or null
 * @param publicUrl {@code x_object_public} (owner only), or null
 * @param raw the JSON entry as received
 */
public record ObjectEntry(String name, boolean subdir, Long bytes, String contentType, String hash, String uuid,
        Long version, Instant versionTimestamp, Instant lastModified, String modifiedBy, Sharing sharing,
        String allowedTo, String publicUrl, JsonNode raw) {

    /** @return whether the object is a directory marker */
    public boolean isSubdir() {
        return subdir;
    }

    /** @return whether the object is a directory marker object ({@code application/directory} or {@code /folder}) */
    public boolean isDirectory() {
        return isDirectoryType(contentType);
    }

    static boolean isDirectoryType(String contentType) {
        if (contentType == null) {
            return false;
        }
        String ct = contentType.toLowerCase(Locale.ROOT);
        int semi = ct.indexOf(';');
        if (semi >= 0) {
            ct = ct.substring(0, semi);
        }
        ct = ct.trim();
        return ct.equals("application/directory") || ct.equals("application/folder");
    }

    /** @param n a JSON entry @return the entry */
    public static ObjectEntry from(JsonNode n) {
        if (n.has("subdir") && !n.has("name")) {
            return new ObjectEntry(n.get("subdir").asText(), true, null, null, null, null, null, null, null, null,
                    Sharing.none(), null, null, n);
        }
        return new ObjectEntry(Parse.text(n, "name"), false, Parse.longValue(n, "bytes"),
                Parse.text(n, "content_type"), Parse.text(n, "x_object_hash"), Parse.text(n, "x_object_uuid"),
                Parse.longValue(n, "x_object_version"), Parse.epochSeconds(Parse.text(n, "x_object_version_timestamp")),
                Parse.isoDate(Parse.text(n, "last_modified")), Parse.text(n, "x_object_modified_by"),
                Sharing.parse(Parse.text(n, "x_object_sharing")), Parse.text(n, "x_object_allowed_to"),
                Parse.text(n, "x_object_public"), n);
    }
}
