package org.synnefo.reactive.pithos;

import java.time.Instant;

/**
 * HTTP preconditions of a Pithos read or write. Any field may be {@code null} (not sent).
 *
 * @param ifMatch {@code If-Match}: an ETag (the object's Merkle hash), a comma list, or {@code *}
 * @param ifNoneMatch {@code If-None-Match}: an ETag or {@code *} ({@code *} on a write = create only)
 * @param ifModifiedSince {@code If-Modified-Since}
 * @param ifUnmodifiedSince {@code If-Unmodified-Since}
 */
public record Conditions(String ifMatch, String ifNoneMatch, Instant ifModifiedSince, Instant ifUnmodifiedSince) {

    private static final Conditions NONE = new Conditions(null, null, null, null);

    /** @return no conditions */
    public static Conditions none() {
        return NONE;
    }

    /** @param etag the expected ETag @return conditions requiring the object to have this ETag */
    public static Conditions ifMatch(String etag) {
        return new Conditions(etag, null, null, null);
    }

    /** @param etag an ETag, or {@code *} @return conditions requiring the object not to match */
    public static Conditions ifNoneMatch(String etag) {
        return new Conditions(null, etag, null, null);
    }

    /** @return {@code If-None-Match: *}: a write that succeeds only if the object does not exist yet */
    public static Conditions ifNotExists() {
        return ifNoneMatch("*");
    }

    /** @param t the date @return a copy with {@code If-Modified-Since} */
    public Conditions withIfModifiedSince(Instant t) {
        return new Conditions(ifMatch, ifNoneMatch, t, ifUnmodifiedSince);
    }

    /** @param t the date @return a copy with {@code If-Unmodified-Since} */
    public Conditions withIfUnmodifiedSince(Instant t) {
        return new Conditions(ifMatch, ifNoneMatch, ifModifiedSince, t);
    }
}
