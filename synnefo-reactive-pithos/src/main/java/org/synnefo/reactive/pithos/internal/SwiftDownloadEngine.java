package org.synnefo.reactive.pithos.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;
import org.synnefo.reactive.core.SynnefoException;
import org.synnefo.reactive.core.http.ResponseHeaders;
import org.synnefo.reactive.core.http.SynnefoRequest;
import org.synnefo.reactive.core.http.SynnefoRequest.Method;
import org.synnefo.reactive.pithos.Conditions;
import org.synnefo.reactive.pithos.IntegrityException;
import org.synnefo.reactive.pithos.SwiftOptions;
import org.synnefo.reactive.pithos.UnsupportedFeatureException;
import org.synnefo.reactive.pithos.transfer.DownloadOptions;
import org.synnefo.reactive.pithos.transfer.DownloadResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Downloads from a plain OpenStack Swift. A {@code HEAD} (with the caller's conditions) gives the size and
 * ETag; a static large object's manifest ({@code ?multipart-manifest=get}) gives each segment's MD5 and is
 * itself checked against the ETag (the MD5 of the segment MD5s). The object is then fetched in parts by
 * ranged {@code GET}s pinned with {@code If-Match: <etag>} (a concurrent overwrite fails with 412 instead of
 * mixing versions), {@code concurrency} at a time, each streamed to its offset with positional writes off
 * the event loop: each received network buffer is copied once, on arrival, into pooled {@value #CHUNK}-byte
 * chunks (direct for large objects), and those are written.
 *
 * <p>Verification costs more CPU than anything else in a download (MD5 is sequential and runs at a few
 * hundred MB/s), so it is arranged to cost nothing more than the hashing itself ({@link FastMd5} makes that
 * cheaper). When the MD5s are per segment (a static large object) the parts follow the segments
 * ({@link #parts}) and each network buffer is hashed as it arrives, on the event loop, before it is
 * copied: no byte is read twice. A plain object larger than a part has a single MD5 over parts that arrive
 * out of order: a hasher follows the contiguous prefix of the file already written, reading it back (from
 * the page cache), so the hashing overlaps the transfer and memory does not grow with the part size. A
 * part broken midway is fetched again ({@link DownloadOptions#blockAttempts()}); a content mismatch fails
 * the download.
 */
public final class SwiftDownloadEngine {

    static final int CHUNK = 1 << 18;
    /** Objects up to this size, whole in the first answer, are downloaded through memory in one step. */
    static final int SMALL = 256 << 10;
    /** The first range of a whole-segment part (see {@link #fetchWhole}): one disk read of Swift's. */
    static final int SEGMENT_HEAD = 64 * 1024;
    private static final Duration PART_RETRY_BACKOFF = Duration.ofMillis(100);

    private final Target target;
    private final SwiftOptions swift;
    private final TransferMetrics metrics;

    /**
     * @param target the account and container
     * @param swift the part size
     * @param metrics the meters
     */
    public SwiftDownloadEngine(Target target, SwiftOptions swift, TransferMetrics metrics) {
        this.target = target;
        this.swift = swift;
        this.metrics = metrics;
    }

    /**
     * What is downloaded and how it is checked.
     *
     * @param size the object's size
     * @param etag the bare ETag, or null
     * @param units the verification units
     */
    record Plan(long size, String etag, List<Md5Verifier.Unit> units) {
    }

    /**
     * HEAD with the conditions, then the manifest of a static large object; empty when not modified.
     *
     * @param name the object
     * @param options the options (conditions; a version is refused)
     * @return the plan
     */
    Mono<Plan> plan(String name, DownloadOptions options) {
        if (options.version() != null) {
            return Mono.error(new UnsupportedFeatureException("versions", "download of version "
                    + options.version() + " of " + name));
        }
        return target.http().exchange(Target.conditions(target.object(Method.HEAD, name), options.conditions())
                        .expect(200, 204, 304).operation("getObjectInfo"))
                .filter(r -> r.status() != 304)
                .flatMap(r -> {
                    ResponseHeaders h = r.headers();
                    Long len = Parse.longOrNull(h.firstOrNull("Content-Length"));
                    if (len == null) {
                        return Mono.error(new IntegrityException("HEAD of " + name + " gave no Content-Length", false));
                    }
                    return plan(name, len, h);
                });
    }

    private Mono<Plan> manifest(String name, long size, String etag) {
        return target.http().exchange(target.object(Method.GET, name).query("multipart-manifest", "get")
                .query("format", "json").operation("getManifest")).map(r -> {
                    // not pinned by If-Match (which compares the manifest's own ETag): the check against the
                    // object's ETag below detects a manifest replaced between the HEAD and this GET
                    List<Md5Verifier.Unit> units = new ArrayList<>();
                    List<String> hashes = new ArrayList<>();
                    boolean plain = true;
                    long total = 0;
                    for (JsonNode e : r.json()) {
                        long bytes = e.path("bytes").asLong();
                        String hash = e.path("hash").asText(null);
                        boolean whole = !e.has("range") && !e.path("sub_slo").asBoolean(false);
                        plain &= whole && hash != null;
                        if (e.has("range")) {
                            bytes = rangeLength(e.path("range").asText(), bytes);
                        }
                        units.add(new Md5Verifier.Unit(bytes, whole && Md5Verifier.isMd5(hash) ? hash : null));
                        if (hash != null) {
                            hashes.add(hash);
                        }
                        total += bytes;
                    }
                    if (total != size) {
                        throw new IntegrityException("the manifest of " + name + " adds up to " + total
                                + " bytes but the object has " + size, false);
                    }
                    String got = Md5Verifier.staticLargeObjectEtag(hashes);
                    if (plain && etag != null && !got.equalsIgnoreCase(etag)) {
                        throw new IntegrityException("the manifest of " + name + " hashes to " + got
                                + " but the object's ETag is " + etag, false);
                    }
                    return new Plan(size, etag, units);
                });
    }

    /** The length of a manifest entry's {@code range} ({@code a-b}, {@code a-}, {@code -n}). */
    private static long rangeLength(String range, long segmentBytes) {
        int dash = range.indexOf('-');
        String a = range.substring(0, dash).trim();
        String b = range.substring(dash + 1).trim();
        if (a.isEmpty()) {
            return Math.min(Long.parseLong(b), segmentBytes);
        }
        long from = Long.parseLong(a);
        long to = b.isEmpty() ? segmentBytes - 1 : Math.min(Long.parseLong(b), segmentBytes - 1);
        return to - from + 1;
    }

    /**
     * Downloads to a file. The first part's ranged {@code GET} (with the caller's conditions) also tells the
     * size, ETag and kind of the object, so a small object costs one request, not a {@code HEAD} and a
     * {@code GET}; the other parts follow, pinned to that ETag. A {@code 416} (what a server may answer for
     * a range of an empty object) falls back to a {@code HEAD} first.
     *
     * @param name the object
     * @param file the target (created or overwritten; truncated to the object's size)
     * @param options conditions, concurrency, attempts per part
     * @param progress the tracker
     * @return the result; {@link DownloadResult#notModified()} when a condition said so
     */
    public Mono<DownloadResult> downloadFile(String name, Path file, DownloadOptions options,
            ProgressTracker progress) {
        if (options.version() != null) {
            return Mono.error(new UnsupportedFeatureException("versions", "download of version "
                    + options.version() + " of " + name));
        }
        long ps = swift.partSize();
        SynnefoRequest first = Target.conditions(target.object(Method.GET, name), options.conditions())
                .header("Range", "bytes=0-" + (ps - 1)).expect(200, 206, 304, 416).operation("getPart");
        Mono<DownloadResult> viaHead = Mono.defer(() -> plan(name, options)
                .flatMap(plan -> withFile(file, ch -> run(name, plan, ch, file, options, progress, null, 0)))
                .switchIfEmpty(Mono.fromSupplier(() -> notModified(name, file))));
        return target.http().exchangeStreamingTransient(first, (head, body) -> {
            if (head.status() == 304) {
                return Mono.just(notModified(name, file));
            }
            if (head.status() == 416) {
                return Mono.<DownloadResult>empty();
            }
            ResponseHeaders h = head.headers();
            Long size = head.status() == 206 ? totalOfContentRange(h.firstOrNull("Content-Range"))
                    : Parse.longOrNull(h.firstOrNull("Content-Length"));
            if (size == null) {
                return Mono.<DownloadResult>error(new IntegrityException("GET of " + name
                        + " gave no object size", false));
            }
            if (size > 0 && size <= SMALL && size <= ps && h.firstOrNull("X-Static-Large-Object") == null
                    && h.firstOrNull("X-Object-Manifest") == null) {
                // the whole object is in this answer: one copy into memory, then one hop to open, write and
                // close the file (the general path takes four hops to the file threads per object)
                return small(name, file, size.intValue(), h, body, progress)
                        .onErrorResume(SwiftDownloadEngine::isTransient, e -> viaHead);
            }
            return plan(name, size, h).flatMap(plan -> withFile(file, ch -> run(name, plan, ch, file, options,
                    progress, body, head.status())));
        }).next().switchIfEmpty(viaHead);
    }

    /**
     * A small object whose whole body is the first answer: copied into memory as it arrives, checked against
     * its MD5 ETag, then written in one go off the event loop; a mismatch leaves the target untouched.
     */
    private Mono<DownloadResult> small(String name, Path file, int size, ResponseHeaders h, Flux<ByteBuffer> body,
            ProgressTracker progress) {
        String etag = Parse.bareEtag(h.firstOrNull("ETag"));
        long start = System.nanoTime();
        byte[] all = new byte[size];
        int[] at = {0};
        progress.total(size, 1);
        return body.doOnNext(bb -> {
            int n = bb.remaining();
            if (n > size - at[0]) {
                throw new IntegrityException("GET of " + name + " sent more than its " + size + " bytes", false);
            }
            bb.get(all, at[0], n);
            at[0] += n;
            metrics.received(n);
        }).then(Mono.fromCallable(() -> {
            if (at[0] != size) {
                throw new IntegrityException("GET of " + name + " ended after " + at[0] + " of " + size + " bytes",
                        true);
            }
            if (Md5Verifier.isMd5(etag)) {
                String md5 = Md5Verifier.md5Hex(all);
                if (Md5Verifier.contradicts(etag, md5)) {
                    throw new IntegrityException(name + " has ETag " + etag + " but its bytes have MD5 " + md5, false);
                }
            }
            progress.hashed(size);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                FileRanges.writeFully(ch, ByteBuffer.wrap(all), 0);
            }
            progress.done(size, 0, 1);
            metrics.finished(false, size, System.nanoTime() - start);
            return new DownloadResult(name, file, size, etag, null, 1, 1, 0, size, false);
        }).subscribeOn(Schedulers.boundedElastic()));
    }

    private static DownloadResult notModified(String name, Path file) {
        return new DownloadResult(name, file, -1, null, null, 0, 0, 0, 0, true);
    }

    /** The size after the slash of {@code Content-Range: bytes a-b/size}, or null. */
    static Long totalOfContentRange(String v) {
        int slash = v == null ? -1 : v.lastIndexOf('/');
        return slash < 0 ? null : Parse.longOrNull(v.substring(slash + 1).trim());
    }

    /** The plan from the headers of a HEAD or GET: the manifest's for a static large object. */
    private Mono<Plan> plan(String name, long size, ResponseHeaders h) {
        String etag = Parse.bareEtag(h.firstOrNull("ETag"));
        if ("true".equalsIgnoreCase(h.firstOrNull("X-Static-Large-Object"))) {
            return manifest(name, size, etag);
        }
        boolean checkable = Md5Verifier.isMd5(etag) && h.firstOrNull("X-Object-Manifest") == null;
        return Mono.just(new Plan(size, etag, List.of(new Md5Verifier.Unit(size, checkable ? etag : null))));
    }

    private Mono<DownloadResult> withFile(Path file, java.util.function.Function<FileChannel,
            Mono<DownloadResult>> use) {
        return Mono.usingWhen(
                Mono.fromCallable(() -> FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE)).subscribeOn(Schedulers.boundedElastic()),
                use,
                ch -> Mono.fromRunnable(() -> close(ch)).subscribeOn(Schedulers.boundedElastic()));
    }

    /**
     * One ranged GET's worth of the object: {@code [off, off + len)}. An aligned part starts and ends on
     * verification-unit boundaries and covers units {@code [unit0, unit0 + units)}: its bytes are hashed as
     * they arrive. An unaligned one (a plain object cut into ranges) is hashed by the {@link OrderedHasher}.
     *
     * @param index the part's index
     * @param off where it starts in the object
     * @param len its length
     * @param unit0 its first unit, or -1 when unaligned
     * @param units how many units it covers
     */
    record Part(int index, long off, long len, int unit0, int units) {
        boolean aligned() {
            return unit0 >= 0;
        }
    }

    /**
     * Cuts the object into ranged GETs. When the MD5s are per segment (a static large object), or the object
     * fits in one part, parts follow the units: consecutive whole units up to {@code partSize} (a longer unit
     * alone), so each unit's bytes reach its digest in order as they arrive and nothing is read back. Part 0
     * covers at least {@code firstLen} bytes, what the first GET (sent before the object was known) asks
     * for. A plain object larger than a part is cut every {@code partSize} bytes (parallel ranges of one
     * MD5, hashed by reading the file back in order).
     */
    static List<Part> parts(Plan plan, long partSize, long firstLen) {
        List<Md5Verifier.Unit> u = plan.units();
        long size = plan.size();
        List<Part> parts = new ArrayList<>();
        if (u.size() == 1 && size > partSize) {
            for (long off = 0; off < size; off += partSize) {
                parts.add(new Part(parts.size(), off, Math.min(partSize, size - off), -1, 0));
            }
            return parts;
        }
        long off = 0;
        int i = 0;
        while (i < u.size()) {
            int j = i;
            long len = 0;
            do {
                len += u.get(j++).length();
            } while (j < u.size() && len + u.get(j).length() <= partSize);
            while (off == 0 && j < u.size() && len < firstLen) {
                len += u.get(j++).length();
            }
            parts.add(new Part(parts.size(), off, len, i, j - i));
            off += len;
            i = j;
        }
        return parts;
    }

    /**
     * Fetches the parts ({@code firstBody}: the first {@code min(partSize, size)} bytes already under way,
     * or null) and verifies. No fsync: like curl, swift and rclone, durability is left to the OS (a caller
     * that needs it forces the file).
     */
    private Mono<DownloadResult> run(String name, Plan plan, FileChannel ch, Path file, DownloadOptions options,
            ProgressTracker progress, Flux<ByteBuffer> firstBody, int firstStatus) {
        long size = plan.size();
        long firstLen = Math.min(swift.partSize(), size);
        List<Part> parts = parts(plan, swift.partSize(), firstLen);
        boolean verifiable = plan.units().stream().anyMatch(u -> u.md5() != null);
        // the native MD5 (loaded once, off the event loop) only when there is enough to hash to pay for it
        return FastMd5.forBytes(verifiable ? size : 0).flatMap(provider -> {
            long start = System.nanoTime();
            int n = parts.size();
            progress.total(size, n);
            AtomicLongArray written = new AtomicLongArray(Math.max(n, 1));
            boolean aligned = n == 0 || parts.get(0).aligned();
            OrderedHasher hasher = aligned || !verifiable ? null : new OrderedHasher(ch,
                    new Md5Verifier(name, plan.units(), provider.orElse(null), 0, true), size, swift.partSize(),
                    written, progress);
            Job job = new Job(name, plan, ch, provider.orElse(null), written, hasher, progress,
                    // Small objects get small heap buffers (a direct buffer costs more to allocate and free than
                    // the JDK's temporary copy saves), large ones pooled direct chunks written without that copy
                    new BufferPool((int) Math.min(CHUNK, Math.max(size, 1)), 2 * options.concurrency(),
                            size >= CHUNK));
            AtomicInteger fetched = new AtomicInteger();
            return Flux.fromIterable(parts)
                    .flatMap(part -> {
                        Mono<Void> again = Mono.defer(() -> fetchWhole(job, part, job.verifier(part)))
                                .retryWhen(Retry.backoff(options.blockAttempts() - 1, PART_RETRY_BACKOFF)
                                        .filter(SwiftDownloadEngine::isTransient)
                                        .onRetryExhaustedThrow((spec, sig) -> sig.failure()));
                        Mono<Void> first = part.index() == 0 && firstBody != null
                                ? Mono.defer(() -> {
                                    Md5Verifier v = job.verifier(part);
                                    return writeBody(job, part, 0, firstLen, firstStatus, firstBody, v)
                                            .then(Mono.defer(() -> part.len() > firstLen
                                                    ? fetchPart(job, part, firstLen, v)
                                                    : finishPart(job, part, v)));
                                }).onErrorResume(SwiftDownloadEngine::isTransient, e -> again)
                                : again;
                        return first.doOnSuccess(v -> fetched.incrementAndGet());
                    }, options.concurrency(), 1)
                    .then(Mono.fromCallable(() -> {
                        if (hasher != null) {
                            hasher.finish();
                        }
                        ch.truncate(size);
                        return size;
                    }).subscribeOn(Schedulers.boundedElastic()))
                    .map(s -> {
                        metrics.finished(false, size, System.nanoTime() - start);
                        return new DownloadResult(name, file, size, plan.etag(), null, n, fetched.get(), 0, size,
                                false);
                    });
        });
    }

    /** What every part of one download shares. */
    private record Job(String name, Plan plan, FileChannel ch, java.security.Provider provider,
            AtomicLongArray written, OrderedHasher hasher, ProgressTracker progress, BufferPool pool) {

        /** A fresh in-stream verifier for an attempt at an aligned part, or null (unaligned or nothing known). */
        Md5Verifier verifier(Part part) {
            if (!part.aligned()) {
                return null;
            }
            List<Md5Verifier.Unit> units = plan.units().subList(part.unit0(), part.unit0() + part.units());
            if (units.stream().allMatch(u -> u.md5() == null)) {
                return null;
            }
            return new Md5Verifier(name, units, provider, part.unit0(), plan.units().size() == 1);
        }
    }

    /**
     * Fetches a part from its start. A part that is one whole segment is asked for in two ranges, its first
     * {@value #SEGMENT_HEAD} bytes and then the rest: Swift's object server hashes whatever it reads of a
     * segment file when the read starts at the file's first byte (its own check against bit rot, about as
     * costly as ours), and not otherwise. The client checks every segment's MD5 anyway, so the second range
     * spares the server that work; on a machine whose cores the server shares, that is most of a
     * CPU-second per GiB.
     */
    private Mono<Void> fetchWhole(Job job, Part part, Md5Verifier v) {
        if (part.aligned() && part.units() == 1 && part.len() >= 4 * SEGMENT_HEAD) {
            return fetchRange(job, part, part.off(), part.off() + SEGMENT_HEAD, v)
                    .then(Mono.defer(() -> fetchPart(job, part, part.off() + SEGMENT_HEAD, v)));
        }
        return fetchPart(job, part, part.off(), v);
    }

    /** GETs {@code [from, part end)} and writes it; the verifier has already seen {@code [part start, from)}. */
    private Mono<Void> fetchPart(Job job, Part part, long from, Md5Verifier v) {
        return fetchRange(job, part, from, part.off() + part.len(), v).then(Mono.defer(() -> finishPart(job, part,
                v)));
    }

    /** GETs {@code [from, to)} of a part and writes it (nothing when empty). */
    private Mono<Void> fetchRange(Job job, Part part, long from, long to, Md5Verifier v) {
        if (from == to) {
            return Mono.empty();
        }
        SynnefoRequest req = pinned(job.name(), job.plan()).header("Range", "bytes=" + from + "-" + (to - 1))
                .expect(200, 206).operation("getPart");
        return target.http().exchangeStreamingTransient(req, (head, body) -> writeBody(job, part,
                from - part.off(), to - from, head.status(), body, v)).then();
    }

    private Mono<Void> finishPart(Job job, Part part, Md5Verifier v) {
        if (v != null) {
            v.finish();
        }
        job.progress().done(0, 0, 1);
        return Mono.empty();
    }

    /**
     * Streams one response body, {@code len} bytes at offset {@code rel} of the part, to the file: on arrival
     * each network buffer is hashed (aligned parts) and copied once into the pool's chunks; full chunks are
     * written with positional writes off the event loop.
     */
    private Mono<Void> writeBody(Job job, Part part, long rel, long len, int status, Flux<ByteBuffer> body,
            Md5Verifier v) {
        String name = job.name();
        if (status == 200 && !(part.off() + rel == 0 && len == job.plan().size())) {
            return Mono.error(new IntegrityException("the server ignored the Range of part " + part.index()
                    + " of " + name, false));
        }
        long off = part.off() + rel;
        Chunker chunker = new Chunker(job.pool());
        long[] received = {0};
        long[] pos = {0};
        // The body's chunks are transient views of network buffers (valid only inside onNext): map hashes
        // and copies each one at once, and only the pool's chunks travel on.
        return body.map(bb -> {
                    received[0] += bb.remaining();
                    if (received[0] > len) {
                        throw new IntegrityException("part " + part.index() + " of " + name
                                + " is longer than " + len + " bytes", true);
                    }
                    if (v != null) {
                        v.update(bb);
                    }
                    return chunker.take(bb);
                })
                .concatMapIterable(full -> full, 1)
                .concatWith(Mono.fromSupplier(chunker::finish).filter(ByteBuffer::hasRemaining))
                .concatMap(b -> Mono.fromCallable(() -> {
                    int n = b.remaining();
                    try {
                        FileRanges.writeFully(job.ch(), b, off + pos[0]);
                    } finally {
                        job.pool().release(b);
                    }
                    pos[0] += n;
                    metrics.received(n);
                    if (v != null) {
                        // hashed on arrival; told per chunk, not per network buffer, to keep progress events few
                        job.progress().hashed(n);
                    }
                    job.progress().done(n, 0, 0);
                    if (job.hasher() != null) {
                        job.written().accumulateAndGet(part.index(), rel + pos[0], Math::max);
                        job.hasher().signal();
                    }
                    return n;
                }).subscribeOn(Schedulers.boundedElastic()), 1)
                .then(Mono.fromCallable(() -> {
                    if (pos[0] != len) {
                        throw new IntegrityException("part " + part.index() + " of " + name + " ended after "
                                + pos[0] + " of " + len + " bytes", true);
                    }
                    return part.index();
                })).then();
    }

    private SynnefoRequest pinned(String name, Plan plan) {
        SynnefoRequest r = target.object(Method.GET, name);
        return plan.etag() == null || plan.etag().isEmpty() ? r : r.header("If-Match", plan.etag());
    }

    /**
     * The object as a stream of buffers (one GET, pinned to the ETag of the HEAD), verified in order: a
     * mismatch fails the Flux at the end, after the data went to the subscriber (a stream cannot be taken
     * back; write to a file with {@link #downloadFile} when that matters).
     *
     * @param name the object
     * @param options conditions
     * @param progress the tracker
     * @return the content; empty when a condition said not modified
     */
    public Flux<ByteBuffer> stream(String name, DownloadOptions options, ProgressTracker progress) {
        return plan(name, options).flatMapMany(plan -> FastMd5.forBytes(plan.size()).flatMapMany(provider -> {
            Md5Verifier v = new Md5Verifier(name, plan.units(), provider.orElse(null), 0, plan.units().size() == 1);
            progress.total(plan.size(), 1);
            return target.http().exchangeStreaming(pinned(name, plan).expect(200).operation("getObject"),
                    (head, body) -> body.publishOn(Schedulers.parallel(), 2).doOnNext(bb -> {
                        v.update(bb);
                        metrics.received(bb.remaining());
                        progress.hashed(bb.remaining());
                        progress.done(bb.remaining(), 0, 0);
                    }).concatWith(Mono.fromRunnable(() -> {
                        v.finish();
                        progress.done(0, 0, 1);
                    })));
        }));
    }

    static boolean isTransient(Throwable t) {
        return t instanceof SynnefoException se && se.isTransient();
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Follows the contiguous written prefix of the file and hashes it in order. Whoever writes signals; one
     * thread at a time drains (the others leave a note and go on writing), so no writer waits for hashing.
     */
    static final class OrderedHasher {
        private final FileChannel ch;
        private final Md5Verifier verifier;
        private final long size;
        private final long partSize;
        private final AtomicLongArray written;
        private final ProgressTracker progress;
        private final ReentrantLock lock = new ReentrantLock();
        private final AtomicBoolean pending = new AtomicBoolean();
        private final ByteBuffer buf;
        private long hashed;

        OrderedHasher(FileChannel ch, Md5Verifier verifier, long size, long partSize, AtomicLongArray written,
                ProgressTracker progress) {
            this.ch = ch;
            this.verifier = verifier;
            this.size = size;
            this.partSize = partSize;
            this.written = written;
            this.progress = progress;
            // direct: read without the JDK's temporary copy, and hashed in place by the native MD5
            this.buf = ByteBuffer.allocateDirect((int) Math.min(CHUNK, Math.max(size, 1)));
        }

        void signal() throws IOException {
            pending.set(true);
            while (pending.get() && lock.tryLock()) {
                try {
                    pending.set(false);
                    drain();
                } finally {
                    lock.unlock();
                }
            }
        }

        void finish() throws IOException {
            lock.lock();
            try {
                drain();
                verifier.finish();
            } finally {
                lock.unlock();
            }
        }

        private void drain() throws IOException {
            while (hashed < size) {
                int part = (int) (hashed / partSize);
                long avail = (long) part * partSize + written.get(part) - hashed;
                if (avail <= 0) {
                    return;
                }
                buf.clear().limit((int) Math.min(buf.capacity(), avail));
                while (buf.hasRemaining()) {
                    if (ch.read(buf, hashed + buf.position()) < 0) {
                        throw new IOException("the target file shrank during the download");
                    }
                }
                buf.flip();
                int n = buf.remaining();
                verifier.update(buf);
                progress.hashed(n);
                hashed += n;
            }
        }
    }
}
