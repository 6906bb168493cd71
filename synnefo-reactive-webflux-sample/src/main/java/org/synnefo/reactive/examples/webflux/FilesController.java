package org.synnefo.reactive.examples.webflux;

import java.nio.ByteBuffer;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.synnefo.reactive.core.NotFoundException;
import org.synnefo.reactive.pithos.Conditions;
import org.synnefo.reactive.pithos.ObjectInfo;
import org.synnefo.reactive.pithos.PithosClient;
import org.synnefo.reactive.pithos.ReadOptions;
import org.synnefo.reactive.pithos.WriteOptions;
import org.synnefo.reactive.pithos.transfer.DownloadOptions;
import org.synnefo.reactive.pithos.transfer.UploadOptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Files streamed through the service into Pithos and back, never held whole in memory.
 *
 * <ul>
 * <li>{@code POST /files/{name}}: the request body, as it arrives, goes through the client's streaming
 * upload (cut into blocks, hashed and sent as they fill, backpressure reaching the HTTP connection).</li>
 * <li>{@code GET /files/{name}}: the object as a stream of verified blocks; with a {@code Range} header,
 * 206 and the range, read as block-sized ranged requests pinned to the object's ETag so that a concurrent
 * overwrite cannot mix two versions.</li>
 * </ul>
 */
@RestController
public class FilesController {

    private final FileStore store;

    /** @param store the files container */
    public FilesController(FileStore store) {
        this.store = store;
    }

    /**
     * @param name the file name
     * @param request the request, whose body is streamed
     * @return 201 with the stored size and hash
     */
    @PostMapping("/files/{name}")
    public Mono<ResponseEntity<Map<String, Object>>> upload(@PathVariable String name, ServerHttpRequest request) {
        MediaType type = request.getHeaders().getContentType();
        WriteOptions write = type == null ? WriteOptions.defaults() : WriteOptions.defaults().withContentType(type.toString());
        Flux<ByteBuffer> body = request.getBody().map(FilesController::copyAndRelease);
        return store.container()
                .flatMap(files -> files.uploadObject(name, body, UploadOptions.defaults().withWrite(write)))
                .map(r -> ResponseEntity.status(HttpStatus.CREATED).<Map<String, Object>>body(Map.of(
                        "name", r.name(), "bytes", r.bytes(), "hash", r.objectHash())));
    }

    /** Netty's buffer goes back to its pool at once; the client keeps a heap copy of one chunk. */
    private static ByteBuffer copyAndRelease(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return ByteBuffer.wrap(bytes);
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    /**
     * @param name the file name
     * @param range the {@code Range} header, or null
     * @return 200 with the whole file, 206 with a range, 416 for a range past the end, 404 when absent
     */
    @GetMapping("/files/{name}")
    public Mono<ResponseEntity<Flux<DataBuffer>>> download(@PathVariable String name,
            @RequestHeader(name = HttpHeaders.RANGE, required = false) String range) {
        return store.container().flatMap(files -> files.getObjectInfo(name).map(info -> {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
            headers.setETag("\"" + info.etag() + "\"");
            headers.setContentType(info.contentType() == null ? MediaType.APPLICATION_OCTET_STREAM
                    : MediaType.parseMediaType(info.contentType()));
            ByteRange r;
            try {
                r = ByteRange.parse(range, info.contentLength()).orElse(null);
            } catch (IllegalArgumentException e) {
                return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                        .header(HttpHeaders.CONTENT_RANGE, "bytes */" + info.contentLength())
                        .body(Flux.<DataBuffer>empty());
            }
            if (r == null) {
                return ResponseEntity.ok().headers(headers).contentLength(info.contentLength()).body(files.downloadObject(name,
                        DownloadOptions.defaults()).map(FilesController::wrap));
            }
            return ResponseEntity.status(HttpStatus.PARTIAL_CONTENT).headers(headers)
                    .header(HttpHeaders.CONTENT_RANGE, "bytes " + r.first() + "-" + r.last() + "/" + info.contentLength())
                    .contentLength(r.length())
                    .body(ranged(files, name, info, r));
        }));
    }

    /** The range as consecutive requests of at most one block each, all pinned to the same ETag. */
    private static Flux<DataBuffer> ranged(PithosClient files, String name, ObjectInfo info, ByteRange r) {
        long step = 4L * 1024 * 1024;
        return Flux.<long[], Long>generate(() -> r.first(), (next, sink) -> {
                    long end = Math.min(next + step - 1, r.last());
                    sink.next(new long[] {next, end});
                    if (end == r.last()) {
                        sink.complete();
                    }
                    return end + 1;
                })
                .concatMap(part -> files.getObject(name, ReadOptions.defaults().withRange(part[0], part[1])
                        .withConditions(Conditions.ifMatch(info.etag()))), 1)
                .map(content -> wrap(ByteBuffer.wrap(content.data())));
    }

    private static DataBuffer wrap(ByteBuffer b) {
        return DefaultDataBufferFactory.sharedInstance.wrap(b);
    }

    /**
     * @param e the cloud's 404
     * @return a 404 problem
     */
    @ExceptionHandler(NotFoundException.class)
    public ProblemDetail notFound(NotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.faultMessage());
    }
}
