package org.synnefo.reactive.pithos.transfer;

/**
 * A snapshot of a transfer's progress. Bytes are counted once, when a block is done: a block sent or
 * fetched again after a failure is never counted twice.
 *
 * @param totalBytes the object's size, or -1 while unknown (a stream upload)
 * @param bytesHashed bytes hashed so far (local data on upload, received data on download)
 * @param bytesTransferred block bytes sent (upload) or received and verified (download)
 * @param bytesSkipped bytes not transferred because the server already had them (upload dedup) or the
 *        local file already had them (download resume, repeated blocks)
 * @param blocksDone blocks finished (transferred or skipped)
 * @param blocksTotal the object's blocks, or -1 while unknown
 */
public record TransferProgress(long totalBytes, long bytesHashed, long bytesTransferred, long bytesSkipped,
        long blocksDone, long blocksTotal) {

    /** @return the fraction done in [0, 1], or -1 when the total is unknown */
    public double fractionDone() {
        if (blocksTotal < 0) {
            return -1;
        }
        return blocksTotal == 0 ? 1.0 : Math.min(1.0, (double) blocksDone / blocksTotal);
    }
}
