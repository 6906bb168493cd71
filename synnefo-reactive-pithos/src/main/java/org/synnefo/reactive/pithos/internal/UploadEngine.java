package org.synnefo.reactive.pithos.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.synnefo.reactive.pithos.IntegrityException;
import org.synnefo.reactive.pithos.MissingBlocksException;
import org.synnefo.reactive.pithos.ObjectWriteResult;
import org.synnefo.reactive.pithos.transfer.UploadOptions;
import org.synnefo.reactive.pithos.transfer.UploadResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuples;

/**
 * The upload pipelines (synnefo-api.md §6.7), dedup first.
 *
 * <p>File: blocks are read with positional reads on {@code boundedElastic} and hashed on
 * {@code parallel}, {@code concurrency} at a time, keeping only the hashes; the hashmap is PUT; on 409
 * only the missing unique blocks are POSTed to the container straight from their file ranges (the
 * kernel copies them to the socket: no buffer, no second read into the heap; {@code concurrency} at a
 * time, idempotent so the core retries them), each reply checked; the hashmap is PUT again until 201 (at
 * most {@code maxRounds} PUTs); the object hash the server returns is checked against the local Merkle
 * root. A file the server already has costs one PUT. At most {@code concurrency + 1} blocks are buffered,
 * and only while hashing.
 *
 * <p>Stream (unknown length): the server's missing list needs the whole hashmap, which needs the whole
 * stream, and a stream cannot be read twice; buffering it would make memory unbounded. So each block is
 * hashed and POSTed as soon as it is complete (each distinct block once), with backpressure on the
 * source, and the hashmap is PUT at the end. At most {@code concurrency + 1} blocks are buffered (the
 * ones in flight and the one being filled). The price is that blocks the server already has are sent
 * anyway (the server stores them once).
 */
public final class UploadEngine {

    private final Target target;
    private final BlockParams params;
    private final TransferMetrics metrics;

    /**
     * @param target the account and container
     * @param params the container's block size and hash
     * @param metrics the meters
     */
    public UploadEngine(Target target, BlockParams params, TransferMetrics metrics) {
        this.target = target;
        this.params = params;
        this.metrics = metrics;
    }

    private record Hashed(int index, String hash) {
    }

    /**
     * Uploads a file.
     *
     * @param name the object name
     * @param file the file
     * @param options the options
     * @param progress the progress tracker
     * @return the result
     */
    public Mono<UploadResult> uploadFile(String name, Path file, UploadOptions options, ProgressTracker progress) {
        return Mono.usingWhen(
                Mono.fromCallable(() -> FileChannel.open(file, StandardOpenOption.READ))
                        .subscribeOn(Schedulers.boundedElastic()),
                ch -> Mono.fromCallable(ch::size).subscribeOn(Schedulers.boundedElastic())
                        .flatMap(size -> uploadChannel(name, file, ch, size, options, progress)),
                ch -> Mono.fromRunnable(() -> close(ch)).subscribeOn(Schedulers.boundedElastic()));
    }

    private Mono<UploadResult> uploadChannel(String name, Path file, FileChannel ch, long size, UploadOptions options,
            ProgressTracker progress) {
        int bs = params.blockSize();
        int n = BlockHasher.blockCount(size, bs);
        int conc = options.concurrency();
        BufferPool pool = new BufferPool(bs, conc + 1, true);
        long start = System.nanoTime();
        progress.total(size, n);
        Mono<List<String>> hashes = Flux.range(0, n)
                .flatMapSequential(i -> readBlock(ch, i, size, pool)
                        .publishOn(Schedulers.parallel())
                        .map(buf -> {
                            try {
                                String h = hash(buf);
                                progress.hashed(buf.remaining());
                                return h;
                            } finally {
                                pool.release(buf);
                            }
                        }), conc, 1)
                .collectList();
        return hashes.flatMap(list -> {
            String root = params.hasher().merkleRoot(list);
            Map<String, List<Integer>> positions = positions(list);
            State st = new State(name, size, list, root, positions, options, progress);
            return round(st, file, 1);
        }).doOnNext(r -> metrics.finished(true, size, System.nanoTime() - start));
    }

    /** Mutable bookkeeping of one upload; touched from one round at a time. */
    private final class State {
        final String name;
        final long size;
        final List<String> hashes;
        final String root;
        final Map<String, List<Integer>> positions;
        final UploadOptions options;
        final ProgressTracker progress;
        final Set<String> accounted = ConcurrentHashMap.newKeySet();
        final AtomicInteger blocksSent = new AtomicInteger();
        final AtomicLong bytesSent = new AtomicLong();
        int puts;

        State(String name, long size, List<String> hashes, String root, Map<String, List<Integer>> positions,
                UploadOptions options, ProgressTracker progress) {
            this.name = name;
            this.size = size;
            this.hashes = hashes;
            this.root = root;
            this.positions = positions;
            this.options = options;
            this.progress = progress;
        }

        long bytesOf(String hash) {
            long b = 0;
            for (int i : positions.get(hash)) {
                b += blockLength(i, size);
            }
            return b;
        }

        /** Counts a unique block as done once: its positions are done, one transfer or none. */
        void account(String hash, long transferredBytes) {
            if (accounted.add(hash)) {
                long all = bytesOf(hash);
                int count = positions.get(hash).size();
                progress.done(transferredBytes, all - transferredBytes, count);
                if (transferredBytes == 0) {
                    metrics.deduplicated(count);
                } else {
                    metrics.deduplicated(count - 1);
                }
            }
        }
    }

    private Mono<UploadResult> round(State st, Path file, int attempt) {
        st.puts++;
        return target.sendHashmap(st.name, st.size, st.hashes, st.options.write())
                .flatMap(res -> finish(st, res))
                .onErrorResume(MissingBlocksException.class, e -> {
                    List<String> missing = e.missingHashes();
                    Set<String> missingSet = new HashSet<>(missing);
                    for (String h : st.positions.keySet()) {
                        if (!missingSet.contains(h)) {
                            st.account(h, 0);
                        }
                    }
                    if (attempt >= st.options.maxRounds()) {
                        return Mono.error(e);
                    }
                    for (String h : missing) {
                        if (!st.positions.containsKey(h)) {
                            return Mono.error(new IntegrityException("the server asked for block " + h
                                    + " which is not in the hashmap sent", false));
                        }
                    }
                    return Flux.fromIterable(missing)
                            .flatMap(h -> sendFromFile(st, file, h), st.options.concurrency(), 1)
                            .then(Mono.defer(() -> round(st, file, attempt + 1)));
                });
    }

    private Mono<Void> sendFromFile(State st, Path file, String hash) {
        int index = st.positions.get(hash).get(0);
        int len = blockLength(index, st.size);
        return target.sendBlock(file, (long) index * params.blockSize(), len, hash)
                .doOnSuccess(v -> {
                    metrics.sent(len);
                    st.blocksSent.incrementAndGet();
                    st.bytesSent.addAndGet(len);
                    st.account(hash, len);
                });
    }

    private Mono<UploadResult> finish(State st, ObjectWriteResult res) {
        String got = res.headers().firstOrNull("X-Object-Hash");
        if (got == null) {
            got = res.etag();
        }
        if (got == null || !got.equalsIgnoreCase(st.root)) {
            return Mono.error(new IntegrityException("object " + st.name + " has hash " + got
                    + " on the server but " + st.root + " locally", false));
        }
        for (String h : st.positions.keySet()) {
            st.account(h, 0);
        }
        return Mono.just(new UploadResult(st.name, st.size, st.root, st.hashes.size(), st.blocksSent.get(),
                st.bytesSent.get(), st.puts, res));
    }

    /**
     * Uploads a stream of unknown length (see the class comment for why every distinct block is sent).
     *
     * @param name the object name
     * @param source the bytes; subscribed once
     * @param options the options
     * @param progress the progress tracker
     * @return the result
     */
    public Mono<UploadResult> uploadStream(String name, Publisher<ByteBuffer> source, UploadOptions options,
            ProgressTracker progress) {
        return Mono.defer(() -> {
            int bs = params.blockSize();
            int conc = options.concurrency();
            BufferPool pool = new BufferPool(bs, conc + 1, true);
            Chunker chunker = new Chunker(pool);
            Set<String> sent = ConcurrentHashMap.newKeySet();
            AtomicLong size = new AtomicLong();
            AtomicInteger blocksSent = new AtomicInteger();
            AtomicLong bytesSent = new AtomicLong();
            long start = System.nanoTime();
            Flux<ByteBuffer> blocks = Flux.from(source)
                    .concatMapIterable(chunker::feed, 1)
                    .concatWith(Mono.fromSupplier(chunker::finish).filter(ByteBuffer::hasRemaining));
            // flatMap, not flatMapSequential: the latter asks for the next block only once the oldest one in
            // flight is sent, so one slow POST left the other slots idle; the order is restored by index
            return blocks.index()
                    .flatMap(t -> {
                        ByteBuffer b = t.getT2();
                        int len = b.remaining();
                        size.addAndGet(len);
                        return Mono.fromCallable(() -> {
                            String h = hash(b);
                            progress.hashed(len);
                            return h;
                        }).subscribeOn(Schedulers.parallel()).flatMap(h -> {
                            if (!sent.add(h)) {
                                pool.release(b);
                                progress.done(0, len, 1);
                                metrics.deduplicated(1);
                                return Mono.just(Tuples.of(t.getT1(), h));
                            }
                            return target.sendBlock(b, h).then(Mono.fromCallable(() -> {
                                pool.release(b);
                                metrics.sent(len);
                                blocksSent.incrementAndGet();
                                bytesSent.addAndGet(len);
                                progress.done(len, 0, 1);
                                return Tuples.of(t.getT1(), h);
                            }));
                        });
                    }, conc, 1)
                    .collectSortedList(Comparator.comparingLong(Tuple2::getT1))
                    .map(indexed -> indexed.stream().map(Tuple2::getT2).toList())
                    .flatMap(list -> {
                        long total = size.get();
                        progress.total(total, list.size());
                        String root = params.hasher().merkleRoot(list);
                        Map<String, List<Integer>> positions = positions(list);
                        State st = new State(name, total, list, root, positions, options, progress);
                        st.accounted.addAll(positions.keySet());
                        st.blocksSent.set(blocksSent.get());
                        st.bytesSent.set(bytesSent.get());
                        st.puts = 1;
                        return target.sendHashmap(name, total, list, options.write())
                                .flatMap(res -> finish(st, res))
                                .doOnNext(r -> metrics.finished(true, total, System.nanoTime() - start));
                    });
        });
    }

    private static Map<String, List<Integer>> positions(List<String> hashes) {
        Map<String, List<Integer>> m = new LinkedHashMap<>();
        for (int i = 0; i < hashes.size(); i++) {
            m.computeIfAbsent(hashes.get(i), k -> new ArrayList<>(1)).add(i);
        }
        return m;
    }

    private String hash(ByteBuffer block) {
        long t0 = System.nanoTime();
        String h = BlockHasher.hex(params.hasher().hashBlock(block));
        metrics.hashed(System.nanoTime() - t0);
        return h;
    }

    private int blockLength(int index, long size) {
        long off = (long) index * params.blockSize();
        return (int) Math.min(params.blockSize(), size - off);
    }

    /** Reads block {@code index} into a pooled buffer (flipped), off the event loop. */
    private Mono<ByteBuffer> readBlock(FileChannel ch, int index, long size, BufferPool pool) {
        return Mono.fromCallable(() -> {
            int len = blockLength(index, size);
            long off = (long) index * params.blockSize();
            ByteBuffer buf = pool.acquire();
            try {
                FileRanges.readFully(ch, buf, len, off);
            } catch (IOException | RuntimeException e) {
                pool.release(buf);
                throw e;
            }
            return buf;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
