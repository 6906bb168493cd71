package org.synnefo.reactive.pithos.internal;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.synnefo.reactive.core.http.SynnefoHttpClient;
import org.synnefo.reactive.core.http.SynnefoRequest;
import org.synnefo.reactive.core.http.SynnefoResponse;
import org.synnefo.reactive.core.json.SynnefoJson;
import org.synnefo.reactive.pithos.Conditions;
import org.synnefo.reactive.pithos.IntegrityException;
import org.synnefo.reactive.pithos.MissingBlocksException;
import org.synnefo.reactive.pithos.ObjectWriteResult;
import org.synnefo.reactive.pithos.WriteOptions;
import com.fasterxml.jackson.databind.JsonNode;
import reactor.core.publisher.Mono;

/**
 * One account and container on one HTTP client, and the request descriptions the client and the
 * transfer engine share. Every path is built from segments by the core (never by concatenation).
 *
 * @param http the HTTP client of the object-store endpoint
 * @param account the account (user uuid)
 * @param container the container, or null at account level
 */
public record Target(SynnefoHttpClient http, String account, String container) {

    /** @param m the method @return a request on the account */
    public SynnefoRequest account(SynnefoRequest.Method m) {
        return SynnefoRequest.of(m, account);
    }

    /** @param m the method @param c a container @return a request on that container */
    public SynnefoRequest container(SynnefoRequest.Method m, String c) {
        return SynnefoRequest.of(m, account, c);
    }

    /** @param m the method @return a request on this container */
    public SynnefoRequest container(SynnefoRequest.Method m) {
        return container(m, container);
    }

    /** @param m the method @param name the object name (slashes kept) @return a request on the object */
    public SynnefoRequest object(SynnefoRequest.Method m, String name) {
        return SynnefoRequest.of(m, account, container).objectPath(name);
    }

    /** @param r a request @param c conditions @return the request with the condition headers */
    public static SynnefoRequest conditions(SynnefoRequest r, Conditions c) {
        if (c == null) {
            return r;
        }
        return r.header("If-Match", c.ifMatch())
                .header("If-None-Match", c.ifNoneMatch())
                .header("If-Modified-Since", c.ifModifiedSince() == null ? null : Parse.httpDate(c.ifModifiedSince()))
                .header("If-Unmodified-Since",
                        c.ifUnmodifiedSince() == null ? null : Parse.httpDate(c.ifUnmodifiedSince()));
    }

    /**
     * Adds the write headers except the content type (which travels with the body).
     *
     * @param r a request
     * @param w the options
     * @return the request with the headers
     */
    public static SynnefoRequest write(SynnefoRequest r, WriteOptions w) {
        SynnefoRequest out = r.header("Content-Encoding", w.contentEncoding())
                .header("Content-Disposition", w.contentDisposition())
                .header("X-Object-Sharing", w.sharing() == null ? null : w.sharing().toHeader())
                .header("X-Object-Public", w.publicAccess() == null ? null : w.publicAccess().toString());
        out = metadata(out, "X-Object-Meta-", w.metadata());
        return conditions(out, w.conditions());
    }

    /** @param r a request @param prefix the header prefix @param meta the metadata @return the request */
    public static SynnefoRequest metadata(SynnefoRequest r, String prefix, Map<String, String> meta) {
        SynnefoRequest out = r;
        for (Map.Entry<String, String> e : meta.entrySet()) {
            out = out.quotedHeader(prefix, e.getKey(), e.getValue() == null ? "" : e.getValue());
        }
        return out;
    }

    /**
     * {@code PUT <object>?hashmap&format=json} with the object's content type (not application/json).
     *
     * @param name the object
     * @param bytes the size
     * @param hashes the block hashes
     * @param w the write options
     * @return the request; 201 and 409 are both expected (409 lists the missing blocks)
     */
    public SynnefoRequest putHashmap(String name, long bytes, List<String> hashes, WriteOptions w) {
        byte[] body = SynnefoJson.write(Map.of("bytes", bytes, "hashes", hashes));
        return write(object(SynnefoRequest.Method.PUT, name).query("hashmap").query("format", "json"), w)
                .body(body, w.effectiveContentType())
                .expect(201, 409)
                .operation("putHashmap");
    }

    /**
     * Sends a hashmap PUT: the result, or a {@link MissingBlocksException} listing what the server lacks.
     *
     * @param name the object
     * @param bytes the size
     * @param hashes the hashes
     * @param w the write options
     * @return the write result
     */
    public Mono<ObjectWriteResult> sendHashmap(String name, long bytes, List<String> hashes, WriteOptions w) {
        return http.exchange(putHashmap(name, bytes, hashes, w)).flatMap(resp -> {
            if (resp.status() == 409) {
                return Mono.error(new MissingBlocksException(missing(resp), "PUT", resp.url()));
            }
            return Mono.just(ObjectWriteResult.from(resp.status(), resp.headers()));
        });
    }

    /** @param resp a 409 reply to a hashmap PUT @return the missing hashes (a bare JSON list) */
    static List<String> missing(SynnefoResponse resp) {
        JsonNode n = resp.json();
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(x -> out.add(x.asText().toLowerCase(java.util.Locale.ROOT)));
        } else {
            throw new IntegrityException("409 to a hashmap PUT without a list of missing blocks: "
                    + resp.bodyAsString(), false);
        }
        return out;
    }

    /**
     * {@code POST <container>?update&format=json} with one block: idempotent (the same block stored twice
     * is stored once), so the core retries it on transient failures. The body is replayable: each
     * subscription sends a fresh view of the same bytes.
     *
     * @param block the block, from its position to its limit (not consumed)
     * @return the request
     */
    public SynnefoRequest postBlock(ByteBuffer block) {
        ByteBuffer view = block.duplicate();
        int len = view.remaining();
        return blockPost().body(Mono.fromSupplier(view::duplicate), len, "application/octet-stream");
    }

    /** The block POST ({@code ?update}, JSON reply), idempotent (a block is named by its hash), without a body. */
    private SynnefoRequest blockPost() {
        return container(SynnefoRequest.Method.POST).query("update").query("format", "json")
                .idempotent(true)
                .operation("uploadBlock");
    }

    /**
     * Sends one block and checks that the server stored it under the expected hash.
     *
     * @param block the block, from its position to its limit (not consumed)
     * @param expectedHash the hex hash computed locally
     * @return completion
     */
    public Mono<Void> sendBlock(ByteBuffer block, String expectedHash) {
        return checkBlock(postBlock(block), expectedHash);
    }

    /**
     * Sends one block straight from a file range (the kernel copies it to the socket: no buffer, no heap
     * copy) and checks that the server stored it under the expected hash, which also catches a file that
     * changed since it was hashed.
     *
     * @param file the file
     * @param position the block's first byte
     * @param length the block's length
     * @param expectedHash the hex hash computed locally
     * @return completion
     */
    public Mono<Void> sendBlock(Path file, long position, int length, String expectedHash) {
        return checkBlock(blockPost().body(file, position, length, "application/octet-stream"), expectedHash);
    }

    private Mono<Void> checkBlock(SynnefoRequest post, String expectedHash) {
        return http.exchange(post).flatMap(resp -> {
            JsonNode n = resp.json();
            String got = n.isArray() && n.size() > 0 ? n.get(0).asText() : null;
            if (got == null || !got.equalsIgnoreCase(expectedHash)) {
                return Mono.error(new IntegrityException("block stored as " + got + ", expected " + expectedHash
                        + " (did the source change during the upload?)", false));
            }
            return Mono.<Void>empty();
        });
    }
}
