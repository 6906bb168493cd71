package org.synnefo.reactive.pithos.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.core.SynnefoHttpException;
import org.synnefo.reactive.core.http.SynnefoRequest;
import org.synnefo.reactive.core.http.SynnefoRequest.Method;
import org.synnefo.reactive.core.json.SynnefoJson;
import org.synnefo.reactive.pithos.IntegrityException;
import org.synnefo.reactive.pithos.ObjectWriteResult;
import org.synnefo.reactive.pithos.SwiftOptions;
import org.synnefo.reactive.pithos.UnsupportedFeatureException;
import org.synnefo.reactive.pithos.WriteOptions;
import org.synnefo.reactive.pithos.transfer.UploadOptions;
import org.synnefo.reactive.pithos.transfer.UploadResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Uploads to a plain OpenStack Swift (see {@link SwiftOptions} for the protocol). Every byte is verified
 * by MD5, and no file byte is copied through the heap on its way to the socket:
 *
 * <ul>
 *   <li>a file up to {@value #SMALL} bytes is read once into memory, hashed and sent with
 *       {@code ETag: <md5>}, so Swift itself refuses (422) data that does not match before storing it;</li>
 *   <li>a larger file up to the segment size is hashed first (positional reads on {@code boundedElastic}),
 *       then sent by the kernel straight from the file (a file-range body: {@code sendfile}) with the
 *       same {@code ETag} check;</li>
 *   <li>a file larger than the segment size becomes a static large object: each segment is sent by the
 *       kernel from the file while its MD5 is computed from the page cache at the same time, and the
 *       ETag Swift returns must equal it; a mismatch fails the upload before the manifest is written, so
 *       no object made of bad segments ever becomes visible. Sending and hashing in parallel keeps the
 *       socket busy from the first millisecond: a slow sender makes Swift's proxy read smaller pieces and
 *       spend more CPU per byte (measured: twice as much at a fifth of the rate).</li>
 * </ul>
 *
 * <p>Memory per request in flight: one {@value #CHUNK}-byte hashing buffer (or the small file itself).
 * Streams of unknown length cannot be hashed before sending; they go in one chunked {@code PUT}
 * (Swift's single-object limit applies, 5 GiB by default) whose ETag is compared with the MD5 computed
 * while streaming. Such a request cannot be retried (the source is read once).
 */
public final class SwiftUploadEngine {

    static final int CHUNK = 1 << 20;
    /** Direct hashing buffers are smaller: they are freed only when the GC finds them. */
    static final int DIRECT_CHUNK = 256 << 10;
    /** Files up to this size are read into memory once instead of being read twice (hash, then send). */
    static final int SMALL = 256 << 10;

    private final Target target;
    private final SwiftOptions swift;
    private final TransferMetrics metrics;

    /**
     * @param target the account and container
     * @param swift segment sizes and naming
     * @param metrics the meters
     */
    public SwiftUploadEngine(Target target, SwiftOptions swift, TransferMetrics metrics) {
        this.target = target;
        this.swift = swift;
        this.metrics = metrics;
    }

    /** One uploaded segment. */
    private record Segment(int index, String path, String md5, long bytes) {
    }

    /**
     * Refuses write options Swift would silently ignore.
     *
     * @param w the write options
     * @param what the operation, for the message
     */
    public static void checkWrite(WriteOptions w, String what) {
        if (w.sharing() != null) {
            throw new UnsupportedFeatureException("sharing", what + " with X-Object-Sharing");
        }
        if (w.publicAccess() != null) {
            throw new UnsupportedFeatureException("public", what + " with X-Object-Public");
        }
    }

    /**
     * Uploads a file: one verified PUT, or a static large object when larger than the segment size.
     *
     * @param name the object
     * @param file the file
     * @param options write headers, concurrency
     * @param progress the tracker
     * @return the result
     */
    public Mono<UploadResult> uploadFile(String name, Path file, UploadOptions options, ProgressTracker progress) {
        return Mono.defer(() -> {
            checkWrite(options.write(), "upload of " + name);
            return Mono.usingWhen(
                    Mono.fromCallable(() -> FileChannel.open(file, StandardOpenOption.READ))
                            .subscribeOn(Schedulers.boundedElastic()),
                    ch -> Mono.fromCallable(ch::size).subscribeOn(Schedulers.boundedElastic()).flatMap(size -> {
                        long start = System.nanoTime();
                        Mono<UploadResult> r = size <= swift.segmentSize()
                                ? single(name, file, ch, size, options, progress)
                                : largeObject(name, file, ch, size, options, progress);
                        return r.doOnNext(x -> metrics.finished(true, size, System.nanoTime() - start));
                    }),
                    ch -> Mono.fromRunnable(() -> close(ch)).subscribeOn(Schedulers.boundedElastic()));
        });
    }

    private Mono<UploadResult> single(String name, Path file, FileChannel ch, long size, UploadOptions options,
            ProgressTracker progress) {
        progress.total(size, 1);
        WriteOptions w = options.write();
        SynnefoRequest put = Target.write(target.object(Method.PUT, name), w);
        Mono<ObjectWriteResult> sent;
        if (size <= SMALL) {
            sent = Mono.fromCallable(() -> {
                ByteBuffer b = ByteBuffer.allocate((int) size);
                FileRanges.readFully(ch, b, (int) size, 0);
                return b.array();
            }).subscribeOn(Schedulers.boundedElastic()).flatMap(bytes -> {
                String md5 = Md5Verifier.md5Hex(bytes);
                progress.hashed(size);
                return checked(put.header("ETag", md5).body(bytes, w.effectiveContentType()), size, md5,
                        "putObject");
            });
        } else {
            sent = md5(ch, 0, size, size, progress).flatMap(md5 -> checked(put.header("ETag", md5)
                    .body(file, 0, size, w.effectiveContentType()), size, md5, "putObject"));
        }
        return sent.map(res -> {
            progress.done(size, 0, 1);
            return new UploadResult(name, size, res.etag(), 1, 1, size, 0, res);
        });
    }

    private Mono<UploadResult> largeObject(String name, Path file, FileChannel ch, long size, UploadOptions options,
            ProgressTracker progress) {
        long seg = swift.segmentSize();
        int n = (int) ((size + seg - 1) / seg);
        progress.total(size, n);
        String segContainer = target.container() + swift.segmentContainerSuffix();
        Target segTarget = new Target(target.http(), target.account(), segContainer);
        // swift CLI's layout: <name>/slo/<time>/<size>/<segment size>/<index>; the time keeps uploads apart
        String prefix = name + "/slo/" + System.currentTimeMillis() + "/" + size + "/" + seg + "/";
        WriteOptions w = options.write();
        Mono<Void> createSegContainer = target.http().send(target.container(Method.PUT, segContainer)
                .expect(201, 202, 204).operation("createContainer"));
        // flatMap, not flatMapSequential: the latter asks for the next segment only once the oldest one in
        // flight is done, so one slow segment (a retried one, a busy disk on the server) left the other
        // slots idle until it finished; the manifest order is restored by index afterwards
        Mono<List<Segment>> segments = Flux.range(0, n)
                .flatMap(i -> {
                    long off = (long) i * seg;
                    long len = Math.min(seg, size - off);
                    String segName = prefix + String.format("%08d", i);
                    SynnefoRequest put = segTarget.object(Method.PUT, segName)
                            .body(file, off, len, "application/octet-stream");
                    // hash while the kernel sends: the ETag check comes after, but before the manifest (whose
                    // entries carry our MD5s, which Swift checks against the stored segments once more)
                    return Mono.zip(md5(ch, off, len, size, progress), exchangeWrite(put, len, "putSegment"))
                            .flatMap(t -> {
                                String md5 = t.getT1();
                                ObjectWriteResult r = t.getT2();
                                if (Md5Verifier.contradicts(r.etag(), md5)) {
                                    return Mono.error(new IntegrityException("segment " + segName + " has ETag "
                                            + r.etag() + " on the server but MD5 " + md5 + " locally (did the file "
                                            + "change during the upload?); the manifest was not written", false));
                                }
                                progress.done(len, 0, 1);
                                return Mono.just(new Segment(i, "/" + segContainer + "/" + segName, md5, len));
                            });
                }, options.concurrency(), 1)
                .collectSortedList(Comparator.comparingInt(Segment::index));
        return oldSegments(name).flatMap(old -> createSegContainer.then(segments).flatMap(list -> {
            List<Map<String, Object>> manifest = new ArrayList<>();
            for (Segment s : list) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("path", s.path());
                e.put("etag", s.md5());
                e.put("size_bytes", s.bytes());
                manifest.add(e);
            }
            String expected = Md5Verifier.staticLargeObjectEtag(list.stream().map(Segment::md5).toList());
            byte[] body = SynnefoJson.write(manifest);
            SynnefoRequest put = Target.write(target.object(Method.PUT, name), w)
                    .query("multipart-manifest", "put")
                    .header("ETag", expected)
                    .body(body, w.effectiveContentType())
                    .expect(201)
                    .operation("putManifest");
            return target.http().exchange(put)
                    .onErrorMap(SwiftUploadEngine::is422, e -> new IntegrityException("the manifest of " + name
                            + " was refused: its ETag does not match the segments' (" + e.getMessage() + ")", false))
                    .map(r -> ObjectWriteResult.from(r.status(), r.headers()))
                    .flatMap(res -> {
                        if (res.etag() != null && !res.etag().equalsIgnoreCase(expected)) {
                            return Mono.error(new IntegrityException("static large object " + name + " has ETag "
                                    + res.etag() + ", expected " + expected, false));
                        }
                        return deleteQuietly(old, list).thenReturn(new UploadResult(name, size, expected, n, n,
                                size, 0, res));
                    });
        }));
    }

    /** The segment paths of the static large object being replaced, or none. */
    private Mono<List<String>> oldSegments(String name) {
        return target.http().exchange(target.object(Method.HEAD, name).operation("getObjectInfo"))
                .flatMap(head -> {
                    if (!"true".equalsIgnoreCase(head.headers().firstOrNull("X-Static-Large-Object"))) {
                        return Mono.just(List.<String>of());
                    }
                    return target.http().exchange(target.object(Method.GET, name).query("multipart-manifest", "get")
                            .query("format", "json").operation("getManifest")).map(r -> {
                                List<String> out = new ArrayList<>();
                                for (JsonNode e : r.json()) {
                                    out.add(e.path("name").asText());
                                }
                                return out;
                            });
                })
                .onErrorResume(NotFoundException.class, e -> Mono.just(List.of()));
    }

    /** Deletes the old segments the new manifest does not use; a failure only leaves garbage behind. */
    private Mono<Void> deleteQuietly(List<String> old, List<Segment> kept) {
        List<String> keep = kept.stream().map(Segment::path).toList();
        return Flux.fromIterable(old).filter(p -> !keep.contains(p) && p.indexOf('/', 1) > 0)
                .flatMap(p -> {
                    int slash = p.indexOf('/', 1);
                    Target t = new Target(target.http(), target.account(), p.substring(1, slash));
                    return target.http().send(t.object(Method.DELETE, p.substring(slash + 1)).expect(204, 404)
                            .operation("deleteSegment")).onErrorResume(e -> Mono.empty());
                }, 4)
                .then();
    }

    /**
     * Uploads a stream in one chunked PUT, hashing it on the way and comparing with the ETag Swift returns.
     *
     * @param name the object
     * @param source the bytes, subscribed once
     * @param options write headers
     * @param progress the tracker
     * @return the result
     */
    public Mono<UploadResult> uploadStream(String name, Publisher<ByteBuffer> source, UploadOptions options,
            ProgressTracker progress) {
        return Mono.defer(() -> {
            WriteOptions w = options.write();
            checkWrite(w, "upload of " + name);
            MessageDigest md = Md5Verifier.md5();
            AtomicLong size = new AtomicLong();
            long start = System.nanoTime();
            Flux<ByteBuffer> body = Flux.from(source)
                    .publishOn(Schedulers.parallel(), 2)
                    .doOnNext(bb -> {
                        md.update(bb.duplicate());
                        size.addAndGet(bb.remaining());
                        progress.hashed(bb.remaining());
                        metrics.sent(bb.remaining());
                    });
            SynnefoRequest put = Target.write(target.object(Method.PUT, name), w)
                    .body(body, -1, w.effectiveContentType())
                    .idempotent(false)
                    .expect(201)
                    .operation("putObject");
            return target.http().exchange(put).flatMap(r -> {
                ObjectWriteResult res = ObjectWriteResult.from(r.status(), r.headers());
                String local = Md5Verifier.hex(md.digest());
                if (Md5Verifier.contradicts(res.etag(), local)) {
                    return Mono.error(new IntegrityException("object " + name + " has ETag " + res.etag()
                            + " on the server but MD5 " + local + " locally", false));
                }
                long total = size.get();
                progress.total(total, 1);
                progress.done(total, 0, 1);
                metrics.finished(true, total, System.nanoTime() - start);
                return Mono.just(new UploadResult(name, total, res.etag() != null ? res.etag() : local, 1, 1, total,
                        0, res));
            });
        });
    }

    /**
     * MD5 of {@code len} bytes at {@code off}, read and hashed off the event loop; with the native MD5
     * ({@link FastMd5}, for files of {@link FastMd5#WORTH_IT} bytes and more) read into a direct buffer,
     * which it hashes in place.
     */
    private Mono<String> md5(FileChannel ch, long off, long len, long fileSize, ProgressTracker progress) {
        return FastMd5.forBytes(fileSize).flatMap(provider -> Mono.fromCallable(() -> {
            MessageDigest md = FastMd5.digest(provider.orElse(null));
            int cap = (int) Math.min(provider.isPresent() ? DIRECT_CHUNK : CHUNK, Math.max(len, 1));
            ByteBuffer buf = provider.isPresent() ? ByteBuffer.allocateDirect(cap) : ByteBuffer.allocate(cap);
            long done = 0;
            while (done < len) {
                FileRanges.readFully(ch, buf, (int) Math.min(buf.capacity(), len - done), off + done);
                md.update(buf);
                done += buf.limit();
                progress.hashed(buf.limit());
            }
            return Md5Verifier.hex(md.digest());
        }).subscribeOn(Schedulers.boundedElastic()));
    }

    /** A PUT whose body is sent as is; the result carries the ETag the server computed. */
    private Mono<ObjectWriteResult> exchangeWrite(SynnefoRequest req, long len, String operation) {
        return target.http().exchange(req.idempotent(true).expect(201).operation(operation))
                .map(r -> {
                    metrics.sent(len);
                    return ObjectWriteResult.from(r.status(), r.headers());
                });
    }

    /**
     * A PUT carrying {@code ETag: md5}; 422 (Swift's "ETag does not match") becomes an
     * {@link IntegrityException}, and so does a different ETag in the answer. Replayable, so the core may retry.
     */
    private Mono<ObjectWriteResult> checked(SynnefoRequest req, long len, String md5, String operation) {
        return exchangeWrite(req, len, operation)
                .onErrorMap(SwiftUploadEngine::is422, e -> new IntegrityException("the server refused "
                        + req.encodedPath() + ": its MD5 is not " + md5 + " (did the file change during the upload?)",
                        false))
                .flatMap(res -> Md5Verifier.contradicts(res.etag(), md5)
                        ? Mono.error(new IntegrityException(req.encodedPath() + " has ETag " + res.etag()
                                + " on the server but MD5 " + md5 + " locally", false))
                        : Mono.just(res));
    }

    static boolean is422(Throwable e) {
        return e instanceof SynnefoHttpException h && h.status() == 422;
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
