package org.synnefo.reactive.pithos;

import java.time.Instant;
import java.util.List;

/**
 * Filters of an object listing (synnefo-api.md §6.4). Null fields are not sent.
 *
 * @param prefix only names starting with this
 * @param delimiter group names at this character into virtual directories ({@link ObjectEntry#isSubdir()})
 * @param path the objects directly under this path (prefix {@code path/} and delimiter {@code /}, no
 *        virtual directories); when set, {@code prefix} and {@code delimiter} are not sent
 * @param marker start after this name (exclusive)
 * @param meta metadata filters: {@code key}, {@code !key} or {@code key<op>value} with op one of
 *        {@code = != <= >= < >}; AND-ed
 * @param shared only shared objects
 * @param publicOnly only public objects (owner only)
 * @param until the state as of this time, or null
 * @param pageSize entries fetched per request (1..10000); the Flux pages lazily
 */
public record ListObjectsOptions(String prefix, String delimiter, String path, String marker, List<String> meta,
        boolean shared, boolean publicOnly, Instant until, int pageSize) {

    /** Default page size: 10000, the server's maximum. */
    public static final int DEFAULT_PAGE_SIZE = 10000;

    /** Validates and copies. */
    public ListObjectsOptions {
        meta = meta == null ? List.of() : List.copyOf(meta);
        if (pageSize <= 0 || pageSize > 10000) {
            throw new IllegalArgumentException("pageSize must be in 1..10000");
        }
    }

    /** @return no filters */
    public static ListObjectsOptions defaults() {
        return new ListObjectsOptions(null, null, null, null, List.of(), false, false, null, DEFAULT_PAGE_SIZE);
    }

    /** @param p the prefix @return a copy */
    public ListObjectsOptions withPrefix(String p) {
        return new ListObjectsOptions(p, delimiter, path, marker, meta, shared, publicOnly, until, pageSize);
    }

    /** @param d the delimiter, e.g. {@code /} @return a copy */
    public ListObjectsOptions withDelimiter(String d) {
        return new ListObjectsOptions(prefix, d, path, marker, meta, shared, publicOnly, until, pageSize);
    }

    /** @param p the path @return a copy */
    public ListObjectsOptions withPath(String p) {
        return new ListObjectsOptions(prefix, delimiter, p, marker, meta, shared, publicOnly, until, pageSize);
    }

    /** @param m the name to start after @return a copy */
    public ListObjectsOptions withMarker(String m) {
        return new ListObjectsOptions(prefix, delimiter, path, m, meta, shared, publicOnly, until, pageSize);
    }

    /** @param filters metadata filters @return a copy */
    public ListObjectsOptions withMeta(String... filters) {
        return new ListObjectsOptions(prefix, delimiter, path, marker, List.of(filters), shared, publicOnly, until,
                pageSize);
    }

    /** @return a copy listing only shared objects */
    public ListObjectsOptions withShared() {
        return new ListObjectsOptions(prefix, delimiter, path, marker, meta, true, publicOnly, until, pageSize);
    }

    /** @return a copy listing only public objects */
    public ListObjectsOptions withPublicOnly() {
        return new ListObjectsOptions(prefix, delimiter, path, marker, meta, shared, true, until, pageSize);
    }

    /** @param t the time @return a copy */
    public ListObjectsOptions withUntil(Instant t) {
        return new ListObjectsOptions(prefix, delimiter, path, marker, meta, shared, publicOnly, t, pageSize);
    }

    /** @param n entries per request @return a copy */
    public ListObjectsOptions withPageSize(int n) {
        return new ListObjectsOptions(prefix, delimiter, path, marker, meta, shared, publicOnly, until, n);
    }
}
