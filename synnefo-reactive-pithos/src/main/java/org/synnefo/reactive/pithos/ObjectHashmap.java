package org.synnefo.reactive.pithos;

import java.util.List;
import java.util.Objects;
import org.synnefo.reactive.core.http.ResponseHeaders;

/**
 * An object's hashmap ({@code GET <object>?hashmap}): the list of its block hashes. Putting a hashmap
 * creates an object made of those blocks without sending data (synnefo-api.md §6.7).
 *
 * @param blockHash the hash algorithm (hashlib name)
 * @param blockSize the block size in bytes
 * @param bytes the object size
 * @param hashes the hex block hashes in order
 * @param headers the response headers when read from the server ({@link ResponseHeaders#empty()} otherwise)
 */
public record ObjectHashmap(String blockHash, int blockSize, long bytes, List<String> hashes,
        ResponseHeaders headers) {

    /** Copies the list. */
    public ObjectHashmap {
        Objects.requireNonNull(blockHash, "blockHash");
        hashes = List.copyOf(hashes);
        headers = headers == null ? ResponseHeaders.empty() : headers;
    }

    /** @return the {@code ETag} of the hashmap response, or null */
    public String etag() {
        return org.synnefo.reactive.pithos.internal.Parse.bareEtag(headers.firstOrNull("ETag"));
    }

    /** @return the {@code X-Object-Hash} of the hashmap response, or null */
    public String objectHash() {
        return headers.firstOrNull("X-Object-Hash");
    }

    /** @return the {@code X-Object-Version} of the hashmap response, or null */
    public Long version() {
        return org.synnefo.reactive.pithos.internal.Parse.longOrNull(headers.firstOrNull("X-Object-Version"));
    }
}
