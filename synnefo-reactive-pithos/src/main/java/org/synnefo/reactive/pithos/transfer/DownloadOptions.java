package org.synnefo.reactive.pithos.transfer;

import org.synnefo.reactive.pithos.Conditions;

/**
 * How a download runs.
 *
 * <p>Memory: a transfer holds at most {@code concurrency + 1} blocks at once, whatever the object's size.
 *
 * @param version a version id to download instead of the latest, or null
 * @param conditions preconditions checked on the hashmap GET ({@code If-None-Match} matching gives a
 *        result with {@link DownloadResult#notModified()})
 * @param concurrency blocks fetched at once (default {@value #DEFAULT_CONCURRENCY}); 1 = sequential
 * @param resume reuse the blocks of an existing target file whose hashes match (default true);
 *        false overwrites every block
 * @param blockAttempts attempts per block when a body breaks or hashes wrong (default
 *        {@value #DEFAULT_BLOCK_ATTEMPTS}); HTTP-level retries of the core come on top
 * @param fileConcurrency files transferred at once by directory downloads (default
 *        {@value #DEFAULT_FILE_CONCURRENCY})
 */
public record DownloadOptions(Long version, Conditions conditions, int concurrency, boolean resume,
        int blockAttempts, int fileConcurrency) {

    /** Default concurrent blocks: 8. */
    public static final int DEFAULT_CONCURRENCY = 8;
    /** Default attempts per block: 4. */
    public static final int DEFAULT_BLOCK_ATTEMPTS = 4;
    /** Default concurrent files of a directory download: 4. */
    public static final int DEFAULT_FILE_CONCURRENCY = 4;

    /** Validates. */
    public DownloadOptions {
        conditions = conditions == null ? Conditions.none() : conditions;
        if (concurrency < 1 || blockAttempts < 1 || fileConcurrency < 1) {
            throw new IllegalArgumentException("concurrency, blockAttempts and fileConcurrency must be >= 1");
        }
    }

    /** @return the defaults */
    public static DownloadOptions defaults() {
        return new DownloadOptions(null, Conditions.none(), DEFAULT_CONCURRENCY, true, DEFAULT_BLOCK_ATTEMPTS,
                DEFAULT_FILE_CONCURRENCY);
    }

    /** @param v the version id @return a copy */
    public DownloadOptions withVersion(Long v) {
        return new DownloadOptions(v, conditions, concurrency, resume, blockAttempts, fileConcurrency);
    }

    /** @param c the conditions @return a copy */
    public DownloadOptions withConditions(Conditions c) {
        return new DownloadOptions(version, c, concurrency, resume, blockAttempts, fileConcurrency);
    }

    /** @param n concurrent blocks @return a copy */
    public DownloadOptions withConcurrency(int n) {
        return new DownloadOptions(version, conditions, n, resume, blockAttempts, fileConcurrency);
    }

    /** @return a copy that fetches one block at a time (the kamaki baseline) */
    public DownloadOptions sequential() {
        return withConcurrency(1);
    }

    /** @param r whether to resume from an existing file @return a copy */
    public DownloadOptions withResume(boolean r) {
        return new DownloadOptions(version, conditions, concurrency, r, blockAttempts, fileConcurrency);
    }

    /** @param n attempts per block @return a copy */
    public DownloadOptions withBlockAttempts(int n) {
        return new DownloadOptions(version, conditions, concurrency, resume, n, fileConcurrency);
    }

    /** @param n concurrent files @return a copy */
    public DownloadOptions withFileConcurrency(int n) {
        return new DownloadOptions(version, conditions, concurrency, resume, blockAttempts, n);
    }
}
