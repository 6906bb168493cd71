package org.synnefo.reactive.pithos;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.synnefo.reactive.core.http.ResponseHeaders;
import org.synnefo.reactive.pithos.internal.Parse;

/**
 * What {@code HEAD <container>} tells (synnefo-api.md §6.4). Another user's container shows only the
 * block size and hash, the object metadata keys and the modification date; the rest is then null.
 *
 * @param objectCount {@code X-Container-Object-Count}, or null
 * @param bytesUsed {@code X-Container-Bytes-Used}, or null
 * @param blockSize {@code X-Container-Block-Size}, or null
 * @param blockHash {@code X-Container-Block-Hash} (a hashlib name such as {@code sha256}), or null
 * @param objectMetaKeys {@code X-Container-Object-Meta}: metadata keys used by objects
 * @param quota {@code X-Container-Policy-Quota} in bytes (0 = unlimited), or null
 * @param versioning {@code X-Container-Policy-Versioning}, or null
 * @param project {@code X-Container-Policy-Project}: the project charged, or null
 * @param metadata user metadata ({@code X-Container-Meta-*}), keys lower-cased
 * @param lastModified {@code Last-Modified}, or null
 * @param untilTimestamp {@code X-Container-Until-Timestamp}, or null
 * @param headers every response header
 */
public record ContainerInfo(Long objectCount, Long bytesUsed, Integer blockSize, String blockHash,
        List<String> objectMetaKeys, Long quota, VersioningPolicy versioning, String project,
        Map<String, String> metadata, Instant lastModified, Instant untilTimestamp, ResponseHeaders headers) {

    /**
     * @param h the headers of a container HEAD or GET
     * @return the info
     */
    public static ContainerInfo from(ResponseHeaders h) {
        Long bs = Parse.longOrNull(h.firstOrNull("X-Container-Block-Size"));
        return new ContainerInfo(Parse.longOrNull(h.firstOrNull("X-Container-Object-Count")),
                Parse.longOrNull(h.firstOrNull("X-Container-Bytes-Used")), bs == null ? null : bs.intValue(),
                h.firstOrNull("X-Container-Block-Hash"),
                Parse.commaList(h.unquoted("X-Container-Object-Meta").orElse(null)),
                Parse.longOrNull(h.firstOrNull("X-Container-Policy-Quota")),
                VersioningPolicy.of(h.firstOrNull("X-Container-Policy-Versioning")),
                h.unquoted("X-Container-Policy-Project").orElse(null),
                java.util.Collections.unmodifiableMap(h.metadata("X-Container-Meta-")),
                Parse.httpDate(h.firstOrNull("Last-Modified")),
                Parse.httpDate(h.firstOrNull("X-Container-Until-Timestamp")), h);
    }
}
