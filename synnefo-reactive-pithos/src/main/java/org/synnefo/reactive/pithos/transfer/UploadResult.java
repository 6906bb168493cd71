package org.synnefo.reactive.pithos.transfer;

import org.synnefo.reactive.pithos.ObjectWriteResult;

/**
 * The outcome of an upload. The object's hash was checked against the Merkle root computed locally.
 *
 * @param name the object name
 * @param bytes the object's size
 * @param objectHash the Merkle root (= {@code X-Object-Hash}, and {@code ETag} by default)
 * @param blocks the object's blocks
 * @param blocksSent blocks sent (each missing unique block once)
 * @param bytesSent block bytes sent
 * @param hashmapPuts hashmap PUTs made (1 when the server already had every block)
 * @param write the final PUT's response
 */
public record UploadResult(String name, long bytes, String objectHash, int blocks, int blocksSent, long bytesSent,
        int hashmapPuts, ObjectWriteResult write) {

    /** @return the version id of the new object, or null */
    public Long version() {
        return write.version();
    }
}
