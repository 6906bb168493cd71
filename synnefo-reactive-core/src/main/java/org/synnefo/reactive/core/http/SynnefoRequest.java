package org.synnefo.reactive.core.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.reactivestreams.Publisher;

/**
 * One HTTP request, described rather than performed: method, path below the service root, query,
 * headers, body, the statuses that count as success, and the operation name used in observations.
 * Immutable: every method returns a modified copy, so descriptions can be shared and reused.
 *
 * <pre>{@code
 * SynnefoRequest.get("servers", id).operation("getServer")
 * SynnefoRequest.put().account(uuid).path(container).objectPath("dir//a b/").query("hashmap").query("format", "json")
 * }</pre>
 *
 * <p>Path segments are percent-encoded one by one, so that any name round-trips: spaces, unicode,
 * {@code ? # % +}. {@link #objectPath(String)} keeps {@code /} literal inside an object name and never
 * collapses {@code //} or drops a trailing {@code /}.
 */
public final class SynnefoRequest {

    /** HTTP methods, including Pithos' COPY and MOVE. */
    public enum Method {
        /** GET: idempotent. */
        GET(true),
        /** HEAD: idempotent. */
        HEAD(true),
        /** PUT: idempotent. */
        PUT(true),
        /** POST: never retried unless the request is marked idempotent. */
        POST(false),
        /** DELETE: idempotent. */
        DELETE(true),
        /** Pithos COPY: not retried unless marked. */
        COPY(false),
        /** Pithos MOVE: not retried unless marked. */
        MOVE(false);

        private final boolean idempotent;

        Method(boolean idempotent) {
            this.idempotent = idempotent;
        }

        /** @return whether requests with this method are idempotent by HTTP's definition */
        public boolean idempotent() {
            return idempotent;
        }
    }

    /** A request body. */
    public sealed interface Body permits JsonBody, BytesBody, StreamBody, FileBody {
        /** @return the Content-Type, or {@code null} */
        String contentType();
    }

    /** A value to serialise as JSON with {@code Content-Type: application/json}. */
    public record JsonBody(Object value) implements Body {
        @Override
        public String contentType() {
            return "application/json";
        }
    }

    /** Bytes held in memory (small bodies). */
    public record BytesBody(byte[] bytes, String contentType) implements Body {
    }

    /**
     * A streamed body. {@code contentLength} -1 means unknown (chunked). If the request is retried, the
     * publisher is subscribed again, so it must be able to replay (e.g. re-read a file).
     */
    public record StreamBody(Publisher<ByteBuffer> data, long contentLength, String contentType) implements Body {
    }

    /**
     * A byte range of a file, sent with {@code Content-Length: count} straight from the file by the kernel
     * ({@code sendfile}) on a plain connection, or read in chunks under TLS. No byte passes through the
     * heap, so it costs almost no CPU and no memory whatever its size. Replayable: a retry sends the range
     * again. If the file is shorter than {@code position + count} when it is sent, the request fails.
     *
     * @param file the file, opened when the request is sent and closed after
     * @param position the first byte
     * @param count the number of bytes
     * @param contentType the Content-Type, or {@code null}
     */
    public record FileBody(Path file, long position, long count, String contentType) implements Body {
        /** Checks the range. */
        public FileBody {
            Objects.requireNonNull(file, "file");
            if (position < 0 || count < 0) {
                throw new IllegalArgumentException("negative range: position " + position + ", count " + count);
            }
        }
    }

    /** One query parameter; {@code value} {@code null} means a value-less flag such as {@code ?hashmap}. */
    public record QueryParam(String name, String value) {
    }

    private static final Set<Integer> ANY_2XX = Collections.emptySet();

    private final Method method;
    private final List<String> encodedPath;
    private final List<QueryParam> query;
    private final List<Map.Entry<String, String>> headers;
    private final Body body;
    private final Set<Integer> expected;
    private final String operation;
    private final Boolean idempotent;
    private final Duration responseTimeout;

    private SynnefoRequest(Method method, List<String> encodedPath, List<QueryParam> query,
            List<Map.Entry<String, String>> headers, Body body, Set<Integer> expected, String operation,
            Boolean idempotent, Duration responseTimeout) {
        this.method = method;
        this.encodedPath = encodedPath;
        this.query = query;
        this.headers = headers;
        this.body = body;
        this.expected = expected;
        this.operation = operation;
        this.idempotent = idempotent;
        this.responseTimeout = responseTimeout;
    }

    /**
     * A request with the given method and path segments (each percent-encoded, {@code /} included).
     *
     * @param method the method
     * @param segments path segments below the service root
     * @return the request
     */
    public static SynnefoRequest of(Method method, String... segments) {
        return new SynnefoRequest(Objects.requireNonNull(method), List.of(), List.of(), List.of(), null, ANY_2XX,
                null, null, null).path(segments);
    }

    /** @param segments path segments @return a GET */
    public static SynnefoRequest get(String... segments) {
        return of(Method.GET, segments);
    }

    /** @param segments path segments @return a HEAD */
    public static SynnefoRequest head(String... segments) {
        return of(Method.HEAD, segments);
    }

    /** @param segments path segments @return a PUT */
    public static SynnefoRequest put(String... segments) {
        return of(Method.PUT, segments);
    }

    /** @param segments path segments @return a POST */
    public static SynnefoRequest post(String... segments) {
        return of(Method.POST, segments);
    }

    /** @param segments path segments @return a DELETE */
    public static SynnefoRequest delete(String... segments) {
        return of(Method.DELETE, segments);
    }

    /** @param segments path segments @return a COPY */
    public static SynnefoRequest copy(String... segments) {
        return of(Method.COPY, segments);
    }

    /** @param segments path segments @return a MOVE */
    public static SynnefoRequest move(String... segments) {
        return of(Method.MOVE, segments);
    }

    /**
     * Appends path segments, each percent-encoded as a whole ({@code /} becomes {@code %2F}).
     *
     * @param segments the segments; {@code null} entries are rejected
     * @return a copy
     */
    public SynnefoRequest path(String... segments) {
        if (segments.length == 0) {
            return this;
        }
        List<String> p = new ArrayList<>(encodedPath);
        for (String s : segments) {
            p.add(encodeSegment(Objects.requireNonNull(s, "path segment")));
        }
        return withPath(List.copyOf(p));
    }

    /**
     * Appends an object name whose {@code /} characters are path separators: each part between slashes is
     * percent-encoded, empty parts (from {@code //}) and a trailing slash are kept exactly.
     *
     * @param objectName the object name
     * @return a copy
     */
    public SynnefoRequest objectPath(String objectName) {
        Objects.requireNonNull(objectName, "objectName");
        String[] parts = objectName.split("/", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(encodeSegment(parts[i]));
        }
        List<String> p = new ArrayList<>(encodedPath);
        p.add(sb.toString());
        return withPath(List.copyOf(p));
    }

    /**
     * Adds a value-less query flag, such as {@code ?hashmap} or {@code ?update}.
     *
     * @param name the flag
     * @return a copy
     */
    public SynnefoRequest query(String name) {
        List<QueryParam> q = new ArrayList<>(query);
        q.add(new QueryParam(Objects.requireNonNull(name), null));
        return new SynnefoRequest(method, encodedPath, List.copyOf(q), headers, body, expected, operation, idempotent,
                responseTimeout);
    }

    /**
     * Adds a query parameter; a {@code null} value adds nothing (so optional filters read naturally).
     *
     * @param name the name
     * @param value the value ({@link Object#toString()}), or {@code null}
     * @return a copy, or this when the value is null
     */
    public SynnefoRequest query(String name, Object value) {
        if (value == null) {
            return this;
        }
        List<QueryParam> q = new ArrayList<>(query);
        q.add(new QueryParam(Objects.requireNonNull(name), value.toString()));
        return new SynnefoRequest(method, encodedPath, List.copyOf(q), headers, body, expected, operation, idempotent,
                responseTimeout);
    }

    /**
     * Adds a header; a {@code null} value adds nothing. Values that are not printable ASCII are URL-quoted,
     * as Synnefo expects for metadata.
     *
     * @param name the header name
     * @param value the value, or {@code null}
     * @return a copy, or this when the value is null
     */
    public SynnefoRequest header(String name, Object value) {
        if (value == null) {
            return this;
        }
        List<Map.Entry<String, String>> h = new ArrayList<>(headers);
        h.add(Map.entry(quoteIfNeeded(Objects.requireNonNull(name)), quoteIfNeeded(value.toString())));
        return new SynnefoRequest(method, encodedPath, query, List.copyOf(h), body, expected, operation, idempotent,
                responseTimeout);
    }

    /**
     * Adds a header whose value (and, for metadata, name) Synnefo expects URL-quoted: {@code X-*-Meta-*},
     * {@code X-Account-Group-*}, {@code X-Copy-From}, {@code X-Move-From}, {@code Destination},
     * {@code X-Image-Meta-Name}, {@code X-Image-Meta-Property-*}. Quotes like Python's {@code quote()}:
     * UTF-8, everything but letters, digits, {@code _.-~} and {@code /} percent-encoded. The part of the
     * name after {@code prefix} is quoted too. A {@code null} value adds nothing.
     *
     * @param prefix the fixed header prefix sent as is (e.g. {@code X-Object-Meta-}), or empty
     * @param name the rest of the name (e.g. the metadata key), quoted
     * @param value the value, quoted, or {@code null}
     * @return a copy, or this when the value is null
     */
    public SynnefoRequest quotedHeader(String prefix, String name, Object value) {
        if (value == null) {
            return this;
        }
        List<Map.Entry<String, String>> h = new ArrayList<>(headers);
        h.add(Map.entry(prefix + pythonQuote(name), pythonQuote(value.toString())));
        return new SynnefoRequest(method, encodedPath, query, List.copyOf(h), body, expected, operation, idempotent,
                responseTimeout);
    }

    /**
     * Python's {@code urllib.quote(s)} with the default safe {@code /}: the quoting Synnefo and kamaki
     * apply to metadata and path-like header values.
     *
     * @param s the text
     * @return the quoted text
     */
    public static String pythonQuote(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~' || c == '/') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return sb.toString();
    }

    /**
     * Sets a JSON body ({@code Content-Type: application/json}).
     *
     * @param value the value to serialise with the library's ObjectMapper
     * @return a copy
     */
    public SynnefoRequest jsonBody(Object value) {
        return withBody(new JsonBody(Objects.requireNonNull(value)));
    }

    /**
     * Sets an in-memory body.
     *
     * @param bytes the bytes
     * @param contentType the Content-Type, or {@code null}
     * @return a copy
     */
    public SynnefoRequest body(byte[] bytes, String contentType) {
        return withBody(new BytesBody(bytes.clone(), contentType));
    }

    /**
     * Sets a streamed body.
     *
     * @param data the bytes; re-subscribed on a retry
     * @param contentLength the length, or -1 for chunked transfer
     * @param contentType the Content-Type, or {@code null}
     * @return a copy
     */
    public SynnefoRequest body(Publisher<ByteBuffer> data, long contentLength, String contentType) {
        return withBody(new StreamBody(Objects.requireNonNull(data), contentLength, contentType));
    }

    /**
     * Sets a body read from a byte range of a file by the kernel (see {@link FileBody}).
     *
     * @param file the file
     * @param position the first byte
     * @param count the number of bytes
     * @param contentType the Content-Type, or {@code null}
     * @return a copy
     */
    public SynnefoRequest body(Path file, long position, long count, String contentType) {
        return withBody(new FileBody(file, position, count, contentType));
    }

    /**
     * The statuses that count as success; any other status becomes a {@code SynnefoHttpException}.
     * By default every 2xx status is accepted.
     *
     * @param statuses the accepted statuses (e.g. {@code 200, 304})
     * @return a copy
     */
    public SynnefoRequest expect(int... statuses) {
        Set<Integer> s = new TreeSet<>();
        Arrays.stream(statuses).forEach(s::add);
        return new SynnefoRequest(method, encodedPath, query, headers, body, Collections.unmodifiableSet(s), operation,
                idempotent, responseTimeout);
    }

    /**
     * Names the logical operation (a low-cardinality observation tag such as {@code getServer}).
     *
     * @param name the operation name
     * @return a copy
     */
    public SynnefoRequest operation(String name) {
        return new SynnefoRequest(method, encodedPath, query, headers, body, expected, Objects.requireNonNull(name),
                idempotent, responseTimeout);
    }

    /**
     * Overrides whether the request may be retried on a transient failure. By default only GET, HEAD, PUT
     * and DELETE are; mark a POST idempotent when sending it twice is harmless (a Pithos block upload).
     * Marking a request non-idempotent disables its retries (creates never retry).
     *
     * @param value whether the request is idempotent
     * @return a copy
     */
    public SynnefoRequest idempotent(boolean value) {
        return new SynnefoRequest(method, encodedPath, query, headers, body, expected, operation, value,
                responseTimeout);
    }

    /**
     * Overrides the transport's response timeout for this request.
     *
     * @param timeout the timeout
     * @return a copy
     */
    public SynnefoRequest responseTimeout(Duration timeout) {
        return new SynnefoRequest(method, encodedPath, query, headers, body, expected, operation, idempotent,
                Objects.requireNonNull(timeout));
    }

    /** @return the method */
    public Method method() {
        return method;
    }

    /** @return the encoded path below the service root, starting with {@code /} (or empty) */
    public String encodedPath() {
        if (encodedPath.isEmpty()) {
            return "";
        }
        return "/" + String.join("/", encodedPath);
    }

    /** @return the encoded query string without {@code ?} (or empty) */
    public String encodedQuery() {
        StringBuilder sb = new StringBuilder();
        for (QueryParam p : query) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(encodeQueryComponent(p.name()));
            if (p.value() != null) {
                sb.append('=').append(encodeQueryComponent(p.value()));
            }
        }
        return sb.toString();
    }

    /** @return the query parameters in order */
    public List<QueryParam> queryParams() {
        return query;
    }

    /** @return the headers in order (already quoted where needed) */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** @return the body, or {@code null} */
    public Body body() {
        return body;
    }

    /** @return the accepted statuses; empty means any 2xx */
    public Set<Integer> expectedStatuses() {
        return expected;
    }

    /**
     * @param status a response status
     * @return whether it counts as success
     */
    public boolean isExpected(int status) {
        return expected.isEmpty() ? status >= 200 && status < 300 : expected.contains(status);
    }

    /** @return the operation name, defaulting to the method name */
    public String operation() {
        return operation != null ? operation : method.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @return whether the request may be retried */
    public boolean isIdempotent() {
        return idempotent != null ? idempotent : method.idempotent();
    }

    /** @return the per-request response timeout, or {@code null} for the transport's */
    public Duration responseTimeout() {
        return responseTimeout;
    }

    /** The method, path and query; the value of an {@code X-Auth-Token} query parameter is redacted. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (QueryParam p : query) {
            sb.append(sb.length() == 0 ? '?' : '&').append(encodeQueryComponent(p.name()));
            if (p.value() != null) {
                sb.append('=').append(p.name().equalsIgnoreCase("X-Auth-Token") ? "<redacted>"
                        : encodeQueryComponent(p.value()));
            }
        }
        return method + " " + encodedPath() + sb;
    }

    private SynnefoRequest withPath(List<String> p) {
        return new SynnefoRequest(method, p, query, headers, body, expected, operation, idempotent, responseTimeout);
    }

    private SynnefoRequest withBody(Body b) {
        return new SynnefoRequest(method, encodedPath, query, headers, b, expected, operation, idempotent,
                responseTimeout);
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** Percent-encodes everything except RFC 3986 unreserved characters. */
    static String encodeSegment(String s) {
        return percentEncode(s);
    }

    static String encodeQueryComponent(String s) {
        return percentEncode(s);
    }

    private static String percentEncode(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return sb.toString();
    }

    /**
     * URL-quotes a header name or value that is not printable ASCII (Synnefo's convention for non-ASCII
     * metadata); printable ASCII passes unchanged so ordinary headers are untouched.
     */
    static String quoteIfNeeded(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return percentEncodeKeeping(s);
            }
        }
        return s;
    }

    private static String percentEncodeKeeping(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != '%') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return sb.toString();
    }
}
