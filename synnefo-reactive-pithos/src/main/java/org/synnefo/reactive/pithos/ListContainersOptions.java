package org.synnefo.reactive.pithos;

import java.time.Instant;

/**
 * Filters of a container listing.
 *
 * @param shared only containers with shared objects
 * @param publicOnly only containers with public objects (owner only)
 * @param until the state as of this time (owner only), or null
 * @param pageSize entries fetched per request (1..10000)
 */
public record ListContainersOptions(boolean shared, boolean publicOnly, Instant until, int pageSize) {

    /** Default page size: 10000, the server's maximum, so most accounts list in one request. */
    public static final int DEFAULT_PAGE_SIZE = 10000;

    /** Validates. */
    public ListContainersOptions {
        if (pageSize <= 0 || pageSize > 10000) {
            throw new IllegalArgumentException("pageSize must be in 1..10000");
        }
    }

    /** @return no filters */
    public static ListContainersOptions defaults() {
        return new ListContainersOptions(false, false, null, DEFAULT_PAGE_SIZE);
    }

    /** @return a copy listing only containers with shared objects */
    public ListContainersOptions withShared() {
        return new ListContainersOptions(true, publicOnly, until, pageSize);
    }

    /** @return a copy listing only containers with public objects */
    public ListContainersOptions withPublicOnly() {
        return new ListContainersOptions(shared, true, until, pageSize);
    }

    /** @param t the time @return a copy listing the state as of {@code t} */
    public ListContainersOptions withUntil(Instant t) {
        return new ListContainersOptions(shared, publicOnly, t, pageSize);
    }

    /** @param n entries per request @return a copy */
    public ListContainersOptions withPageSize(int n) {
        return new ListContainersOptions(shared, publicOnly, until, n);
    }
}
