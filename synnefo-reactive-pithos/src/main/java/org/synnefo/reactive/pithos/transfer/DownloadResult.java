package org.synnefo.reactive.pithos.transfer;

import java.nio.file.Path;

/**
 * The outcome of a download to a file. Every block was checked against its hash and the hashmap against
 * the object's Merkle hash, so the file holds exactly the object's bytes.
 *
 * @param name the object name
 * @param file the target file
 * @param bytes the object's size
 * @param objectHash the object's Merkle hash
 * @param version the version downloaded, or null
 * @param blocks the object's blocks
 * @param blocksFetched unique blocks fetched from the server
 * @param blocksReused blocks already right in the existing file (resume)
 * @param bytesFetched bytes received and verified
 * @param notModified true when {@code If-None-Match} / {@code If-Modified-Since} matched (304): nothing
 *        was written
 */
public record DownloadResult(String name, Path file, long bytes, String objectHash, Long version, int blocks,
        int blocksFetched, int blocksReused, long bytesFetched, boolean notModified) {
}
