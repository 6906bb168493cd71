package org.synnefo.reactive.pithos;

import org.synnefo.reactive.core.http.ResponseHeaders;
import org.synnefo.reactive.pithos.internal.Parse;

/**
 * What a write returned.
 *
 * @param etag {@code ETag} (the new Merkle hash by default), or null when the server sent none
 * @param version {@code X-Object-Version}, or null
 * @param status the HTTP status
 * @param headers every response header
 */
public record ObjectWriteResult(String etag, Long version, int status, ResponseHeaders headers) {

    /** @param status the status @param h the headers @return the result */
    public static ObjectWriteResult from(int status, ResponseHeaders h) {
        return new ObjectWriteResult(Parse.bareEtag(h.firstOrNull("ETag")),
                Parse.longOrNull(h.firstOrNull("X-Object-Version")), status, h);
    }
}
