package org.synnefo.reactive.pithos.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.synnefo.reactive.core.SynnefoException;
import org.synnefo.reactive.core.http.SynnefoRequest;
import org.synnefo.reactive.pithos.IntegrityException;
import org.synnefo.reactive.pithos.ObjectHashmap;
import org.synnefo.reactive.pithos.transfer.DownloadOptions;
import org.synnefo.reactive.pithos.transfer.DownloadResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * The download pipelines: the hashmap (already fetched by the caller, with its conditions) is checked
 * against the object's Merkle hash; an existing target file's blocks are hashed and kept when they
 * match (resume); each remaining unique block is fetched once by a ranged GET pinned to the object
 * ({@code If-Match} with the hashmap's ETag, or the version) so that a concurrent overwrite fails
 * instead of mixing versions; each block is verified against its hash (a broken or wrong body is
 * fetched again) and written at every position it occurs with positional writes off the event loop;
 * the file is truncated to the object's size. Since blocks land at their true offsets and nothing else
 * is kept, a cancelled or failed download leaves a file the next call resumes.
 */
public final class DownloadEngine {

    private static final Duration BLOCK_RETRY_BACKOFF = Duration.ofMillis(100);

    private final Target target;
    private final TransferMetrics metrics;

    /**
     * @param target the account and container
     * @param metrics the meters
     */
    public DownloadEngine(Target target, TransferMetrics metrics) {
        this.target = target;
        this.metrics = metrics;
    }

    /**
     * Checks the hashmap's blocks against the object hash it came with.
     *
     * @param name the object
     * @param hm the hashmap
     * @return the hasher
     */
    public static BlockHasher verifyHashmap(String name, ObjectHashmap hm) {
        BlockHasher hasher = new BlockHasher(hm.blockHash());
        int n = BlockHasher.blockCount(hm.bytes(), hm.blockSize());
        boolean emptyOk = hm.bytes() == 0 && hm.hashes().size() <= 1;
        if (hm.hashes().size() != n && !emptyOk) {
            throw new IntegrityException("hashmap of " + name + " lists " + hm.hashes().size() + " blocks for "
                    + hm.bytes() + " bytes", false);
        }
        String expected = hm.objectHash();
        if (expected != null) {
            String root = hasher.merkleRoot(hm.hashes());
            if (!root.equalsIgnoreCase(expected)) {
                throw new IntegrityException("hashmap of " + name + " has Merkle root " + root
                        + " but the object hash is " + expected, false);
            }
        }
        return hasher;
    }

    /**
     * Downloads to a file.
     *
     * @param name the object
     * @param hm its hashmap (with the response headers)
     * @param file the target
     * @param options the options
     * @param progress the tracker
     * @return the result
     */
    public Mono<DownloadResult> downloadFile(String name, ObjectHashmap hm, Path file, DownloadOptions options,
            ProgressTracker progress) {
        return Mono.defer(() -> {
            BlockHasher hasher = verifyHashmap(name, hm);
            return Mono.usingWhen(
                    Mono.fromCallable(() -> FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE)).subscribeOn(Schedulers.boundedElastic()),
                    ch -> Mono.fromCallable(ch::size).subscribeOn(Schedulers.boundedElastic())
                            .flatMap(existing -> run(name, hm, hasher, ch, existing, file, options, progress)),
                    ch -> Mono.fromRunnable(() -> close(ch)).subscribeOn(Schedulers.boundedElastic()));
        });
    }

    private Mono<DownloadResult> run(String name, ObjectHashmap hm, BlockHasher hasher, FileChannel ch,
            long existing, Path file, DownloadOptions options, ProgressTracker progress) {
        long size = hm.bytes();
        int bs = hm.blockSize();
        int n = BlockHasher.blockCount(size, bs);
        List<String> hashes = hm.hashes().subList(0, n);
        int conc = options.concurrency();
        BufferPool pool = new BufferPool(bs, conc + 1, true);
        long start = System.nanoTime();
        progress.total(size, n);
        boolean[] present = new boolean[n];
        AtomicInteger reused = new AtomicInteger();
        AtomicInteger fetched = new AtomicInteger();
        AtomicLong bytesFetched = new AtomicLong();

        // Resume: hash the blocks the existing file fully covers and keep those that match.
        Mono<Void> resume = !options.resume() || existing == 0 ? Mono.empty()
                : Flux.range(0, n)
                        .filter(i -> (long) i * bs + len(i, size, bs) <= existing)
                        .flatMap(i -> readLocal(ch, i, size, bs, pool)
                                .publishOn(Schedulers.parallel())
                                .doOnNext(buf -> {
                                    int len = len(i, size, bs);
                                    try {
                                        long t0 = System.nanoTime();
                                        String h = BlockHasher.hex(hasher.hashBlock(buf));
                                        metrics.hashed(System.nanoTime() - t0);
                                        progress.hashed(len);
                                        if (h.equalsIgnoreCase(hashes.get(i))) {
                                            synchronized (present) {
                                                present[i] = true;
                                            }
                                        }
                                    } finally {
                                        pool.release(buf);
                                    }
                                }), conc, 1)
                        .then();

        return resume.then(Mono.defer(() -> {
            // Unique blocks still needed: fetched once, or copied from a position already right locally.
            Map<String, List<Integer>> needed = new LinkedHashMap<>();
            Map<String, Integer> localSource = new LinkedHashMap<>();
            long skippedBytes = 0;
            int skippedBlocks = 0;
            for (int i = 0; i < n; i++) {
                String h = hashes.get(i).toLowerCase(java.util.Locale.ROOT);
                if (present[i]) {
                    localSource.putIfAbsent(h, i);
                    skippedBytes += len(i, size, bs);
                    skippedBlocks++;
                } else {
                    needed.computeIfAbsent(h, k -> new ArrayList<>(1)).add(i);
                }
            }
            reused.set(skippedBlocks);
            progress.done(0, skippedBytes, skippedBlocks);
            metrics.deduplicated(skippedBlocks);
            return Flux.fromIterable(needed.entrySet())
                    .flatMap(e -> {
                        String h = e.getKey();
                        List<Integer> at = e.getValue();
                        int first = at.get(0);
                        int blen = len(first, size, bs);
                        Integer src = localSource.get(h);
                        Mono<ByteBuffer> data = src != null ? readLocal(ch, src, size, bs, pool)
                                : fetchVerified(name, hm, hasher, first, pool, options.blockAttempts(), options.version())
                                        .doOnNext(b -> {
                                            fetched.incrementAndGet();
                                            bytesFetched.addAndGet(blen);
                                            metrics.received(blen);
                                            progress.hashed(blen);
                                        });
                        boolean remote = src == null;
                        return data.flatMap(buf -> writeAll(ch, buf, at, size, bs)
                                .doOnSuccess(v -> {
                                    pool.release(buf);
                                    long all = 0;
                                    for (int i : at) {
                                        all += len(i, size, bs);
                                    }
                                    long t = remote ? blen : 0;
                                    progress.done(t, all - t, at.size());
                                    metrics.deduplicated(at.size() - (remote ? 1 : 0));
                                }));
                    }, conc, 1)
                    .then(Mono.fromCallable(() -> {
                        ch.truncate(size);
                        ch.force(false);
                        return size;
                    }).subscribeOn(Schedulers.boundedElastic()))
                    .map(s -> {
                        metrics.finished(false, size, System.nanoTime() - start);
                        return new DownloadResult(name, file, size, hm.objectHash() != null ? hm.objectHash()
                                : hasher.merkleRoot(hm.hashes()), hm.version(), n, fetched.get(), reused.get(),
                                bytesFetched.get(), false);
                    });
        }));
    }

    /**
     * Fetches block {@code index} by a ranged GET pinned to the object, into a pooled array, verified
     * against its hash; a broken or wrong body is fetched again up to {@code attempts} times.
     *
     * @param name the object
     * @param hm the hashmap (its ETag / version pin the GET)
     * @param hasher the hasher
     * @param index the block index
     * @param pool the buffer pool
     * @param attempts attempts at most
     * @param version the version the caller asked for, or null
     * @return the block data (flipped, length {@code len(index)}) in a pooled buffer
     */
    public Mono<ByteBuffer> fetchVerified(String name, ObjectHashmap hm, BlockHasher hasher, int index, BufferPool pool,
            int attempts, Long version) {
        int bs = hm.blockSize();
        long size = hm.bytes();
        int blen = len(index, size, bs);
        long off = (long) index * bs;
        String expected = hm.hashes().get(index);
        SynnefoRequest req = pinned(name, hm, version)
                .header("Range", "bytes=" + off + "-" + (off + blen - 1))
                .expect(200, 206)
                .operation("getBlock");
        return Mono.defer(() -> {
            ByteBuffer buf = pool.acquire().limit(blen);
            // transient chunks: each one is copied into the pooled block inside its onNext
            return target.http().exchangeStreamingTransient(req, (head, body) -> {
                if (head.status() == 200 && !(off == 0 && blen == size)) {
                    return Mono.error(new IntegrityException("server ignored the Range of block " + index, false));
                }
                return body.doOnNext(bb -> {
                    if (bb.remaining() > buf.remaining()) {
                        throw new IntegrityException("block " + index + " of " + name + " is longer than "
                                + blen + " bytes", true);
                    }
                    buf.put(bb);
                }).then(Mono.just(1));
            }).then(Mono.fromCallable(() -> {
                if (buf.position() != blen) {
                    throw new IntegrityException("block " + index + " of " + name + " ended after "
                            + buf.position() + " of " + blen + " bytes", true);
                }
                buf.flip();
                long t0 = System.nanoTime();
                String h = BlockHasher.hex(hasher.hashBlock(buf));
                metrics.hashed(System.nanoTime() - t0);
                if (!h.equalsIgnoreCase(expected)) {
                    throw new IntegrityException("block " + index + " of " + name + " hashes to " + h
                            + ", expected " + expected, true);
                }
                return buf;
            }).subscribeOn(Schedulers.parallel())).doOnError(e -> pool.release(buf));
        }).retryWhen(Retry.backoff(attempts - 1, BLOCK_RETRY_BACKOFF)
                .filter(DownloadEngine::isTransient)
                .onRetryExhaustedThrow((spec, sig) -> sig.failure()));
    }

    /**
     * A GET of the object pinned to what the hashmap described: the version when one was asked for,
     * else {@code If-Match} with the hashmap's ETag (the object hash by default).
     *
     * @param name the object
     * @param hm the hashmap
     * @param requested the version the caller asked for, or null
     * @return the request
     */
    public SynnefoRequest pinned(String name, ObjectHashmap hm, Long requested) {
        SynnefoRequest r = target.object(SynnefoRequest.Method.GET, name);
        if (requested != null) {
            return r.query("version", requested);
        }
        String etag = hm.etag() != null ? hm.etag() : hm.objectHash();
        if (etag != null) {
            r = r.header("If-Match", etag);
        } else if (hm.version() != null) {
            r = r.query("version", hm.version());
        }
        return r;
    }

    static boolean isTransient(Throwable t) {
        return t instanceof SynnefoException se && se.isTransient();
    }

    /**
     * The object as an ordered stream of verified blocks, {@code concurrency} fetched ahead.
     *
     * @param name the object
     * @param hm its hashmap
     * @param options the options
     * @param progress the tracker
     * @return the blocks in order, each a buffer the subscriber owns
     */
    public Flux<ByteBuffer> stream(String name, ObjectHashmap hm, DownloadOptions options, ProgressTracker progress) {
        return Flux.defer(() -> {
            BlockHasher hasher = verifyHashmap(name, hm);
            long size = hm.bytes();
            int bs = hm.blockSize();
            int n = BlockHasher.blockCount(size, bs);
            progress.total(size, n);
            // No reuse: each buffer is handed to the subscriber, who keeps it as long as it likes; heap
            // buffers, since direct memory would only be returned when the GC finds them.
            BufferPool fresh = new BufferPool(bs, 0, false);
            return Flux.range(0, n)
                    .flatMapSequential(i -> fetchVerified(name, hm, hasher, i, fresh, options.blockAttempts(),
                            options.version())
                            .map(buf -> {
                                int blen = len(i, size, bs);
                                metrics.received(blen);
                                progress.hashed(blen);
                                progress.done(blen, 0, 1);
                                return buf;
                            }), options.concurrency(), 1);
        });
    }

    private Mono<Void> writeAll(FileChannel ch, ByteBuffer buf, List<Integer> at, long size, int bs) {
        return Mono.<Void>fromRunnable(() -> {
            for (int i : at) {
                ByteBuffer bb = buf.duplicate();
                long off = (long) i * bs;
                try {
                    FileRanges.writeFully(ch, bb, off);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<ByteBuffer> readLocal(FileChannel ch, int i, long size, int bs, BufferPool pool) {
        return Mono.fromCallable(() -> {
            ByteBuffer buf = pool.acquire();
            try {
                FileRanges.readFully(ch, buf, len(i, size, bs), (long) i * bs);
            } catch (IOException | RuntimeException e) {
                pool.release(buf);
                throw e;
            }
            return buf;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static int len(int i, long size, int bs) {
        long off = (long) i * bs;
        return (int) Math.min(bs, size - off);
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
