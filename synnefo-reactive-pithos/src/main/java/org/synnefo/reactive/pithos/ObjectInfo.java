package org.synnefo.reactive.pithos;

import java.time.Instant;
import java.util.Map;
import org.synnefo.reactive.core.http.ResponseHeaders;
import org.synnefo.reactive.pithos.internal.Parse;

/**
 * What {@code HEAD <object>} tells (synnefo-api.md §6.5).
 *
 * @param etag {@code ETag}: the Merkle hash under the default configuration (MD5 with {@code UPDATE_MD5})
 * @param contentLength {@code Content-Length}
 * @param contentType {@code Content-Type}, or null
 * @param contentEncoding {@code Content-Encoding}, or null
 * @param contentDisposition {@code Content-Disposition}, or null
 * @param lastModified {@code Last-Modified}, or null
 * @param hash {@code X-Object-Hash}: the Merkle root of the object's blocks
 * @param uuid {@code X-Object-UUID}: stable across versions and moves, new on copies
 * @param version {@code X-Object-Version}, or null
 * @param versionTimestamp {@code X-Object-Version-Timestamp}, or null
 * @param modifiedBy {@code X-Object-Modified-By}, or null
 * @param manifest {@code X-Object-Manifest} ({@code container/prefix}), or null
 * @param sharing {@code X-Object-Sharing}; {@link Sharing#none()} when absent
 * @param sharedBy {@code X-Object-Shared-By}: the path the permissions come from, or null
 * @param allowedTo {@code X-Object-Allowed-To} ({@code read} or {@code write}, other users only), or null
 * @param publicUrl {@code X-Object-Public}: the public URL when published (owner only), or null
 * @param metadata user metadata ({@code X-Object-Meta-*}), keys lower-cased
 * @param headers every response header
 */
public record ObjectInfo(String etag, long contentLength, String contentType, String contentEncoding,
        String contentDisposition, Instant lastModified, String hash, String uuid, Long version,
        Instant versionTimestamp, String modifiedBy, String manifest, Sharing sharing, String sharedBy,
        String allowedTo, String publicUrl, Map<String, String> metadata, ResponseHeaders headers) {

    /** @return whether this is a directory marker ({@code application/directory} or {@code application/folder}) */
    public boolean isDirectory() {
        return ObjectEntry.isDirectoryType(contentType);
    }

    /**
     * @param h the headers of an object HEAD or GET
     * @return the info
     */
    public static ObjectInfo from(ResponseHeaders h) {
        Long len = Parse.longOrNull(h.firstOrNull("Content-Length"));
        String pub = h.unquoted("X-Object-Public").orElse(null);
        return new ObjectInfo(Parse.bareEtag(h.firstOrNull("ETag")), len == null ? -1 : len,
                h.unquoted("Content-Type").orElse(null), h.unquoted("Content-Encoding").orElse(null),
                h.unquoted("Content-Disposition").orElse(null), Parse.httpDate(h.firstOrNull("Last-Modified")),
                h.firstOrNull("X-Object-Hash"), h.firstOrNull("X-Object-UUID"),
                Parse.longOrNull(h.firstOrNull("X-Object-Version")),
                Parse.httpDate(h.firstOrNull("X-Object-Version-Timestamp")),
                h.unquoted("X-Object-Modified-By").orElse(null), h.unquoted("X-Object-Manifest").orElse(null),
                Sharing.parse(h.unquoted("X-Object-Sharing").orElse(null)),
                h.unquoted("X-Object-Shared-By").orElse(null), h.firstOrNull("X-Object-Allowed-To"),
                pub == null || pub.isBlank() ? null : pub, java.util.Collections.unmodifiableMap(h.metadata("X-Object-Meta-")), h);
    }
}
