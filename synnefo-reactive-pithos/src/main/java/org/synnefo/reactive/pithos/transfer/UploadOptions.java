package org.synnefo.reactive.pithos.transfer;

import org.synnefo.reactive.pithos.WriteOptions;

/**
 * How an upload runs.
 *
 * <p>Memory: a transfer holds at most {@code concurrency + 1} blocks (4 MiB each by default) at once,
 * whatever the object's size.
 *
 * @param write the object's headers: content type, sharing, public, metadata, If-Match / If-None-Match
 *        (sent on every hashmap PUT)
 * @param concurrency blocks hashed and sent at once (default {@value #DEFAULT_CONCURRENCY}); 1 gives the
 *        sequential one-block-at-a-time behaviour of kamaki's library
 * @param maxRounds hashmap PUTs at most (default {@value #DEFAULT_MAX_ROUNDS}): the first, then one per
 *        round of missing blocks (more than one round happens only if blocks vanish meanwhile)
 * @param fileConcurrency files transferred at once by directory uploads (default
 *        {@value #DEFAULT_FILE_CONCURRENCY})
 */
public record UploadOptions(WriteOptions write, int concurrency, int maxRounds, int fileConcurrency) {

    /** Default concurrent blocks: 8, enough to keep a 2-core machine's hashing and network busy. */
    public static final int DEFAULT_CONCURRENCY = 8;
    /** Default hashmap PUT rounds: 4. */
    public static final int DEFAULT_MAX_ROUNDS = 4;
    /** Default concurrent files of a directory upload: 4. */
    public static final int DEFAULT_FILE_CONCURRENCY = 4;

    /** Validates. */
    public UploadOptions {
        write = write == null ? WriteOptions.defaults() : write;
        if (concurrency < 1 || maxRounds < 2 || fileConcurrency < 1) {
            throw new IllegalArgumentException("concurrency and fileConcurrency must be >= 1, maxRounds >= 2");
        }
    }

    /** @return the defaults */
    public static UploadOptions defaults() {
        return new UploadOptions(WriteOptions.defaults(), DEFAULT_CONCURRENCY, DEFAULT_MAX_ROUNDS,
                DEFAULT_FILE_CONCURRENCY);
    }

    /** @param w the object's headers @return a copy */
    public UploadOptions withWrite(WriteOptions w) {
        return new UploadOptions(w, concurrency, maxRounds, fileConcurrency);
    }

    /** @param n concurrent blocks @return a copy */
    public UploadOptions withConcurrency(int n) {
        return new UploadOptions(write, n, maxRounds, fileConcurrency);
    }

    /** @return a copy that hashes and sends one block at a time (the kamaki baseline) */
    public UploadOptions sequential() {
        return withConcurrency(1);
    }

    /** @param n hashmap PUT rounds @return a copy */
    public UploadOptions withMaxRounds(int n) {
        return new UploadOptions(write, concurrency, n, fileConcurrency);
    }

    /** @param n concurrent files @return a copy */
    public UploadOptions withFileConcurrency(int n) {
        return new UploadOptions(write, concurrency, maxRounds, n);
    }
}
