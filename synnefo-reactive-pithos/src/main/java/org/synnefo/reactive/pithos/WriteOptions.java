package org.synnefo.reactive.pithos;

import java.util.Map;

/**
 * Headers of an object write (plain PUT, hashmap PUT, upload, manifest, copy, move). Null fields are
 * not sent.
 *
 * @param contentType the object's {@code Content-Type}; {@code application/octet-stream} when null
 *        (Pithos requires one)
 * @param contentEncoding {@code Content-Encoding}
 * @param contentDisposition {@code Content-Disposition}
 * @param sharing {@code X-Object-Sharing}; {@link Sharing#none()} removes sharing, null leaves it alone
 * @param publicAccess {@code X-Object-Public}: true publishes, false unpublishes, null leaves it alone
 * @param metadata user metadata ({@code X-Object-Meta-*})
 * @param conditions {@code If-Match} / {@code If-None-Match}
 */
public record WriteOptions(String contentType, String contentEncoding, String contentDisposition, Sharing sharing,
        Boolean publicAccess, Map<String, String> metadata, Conditions conditions) {

    /** The content type sent when none is given. */
    public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private static final WriteOptions DEFAULTS = new WriteOptions(null, null, null, null, null, Map.of(),
            Conditions.none());

    /** Copies. */
    public WriteOptions {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        conditions = conditions == null ? Conditions.none() : conditions;
    }

    /** @return nothing set */
    public static WriteOptions defaults() {
        return DEFAULTS;
    }

    /** @return the content type to send */
    public String effectiveContentType() {
        return contentType != null ? contentType : DEFAULT_CONTENT_TYPE;
    }

    /** @param ct the content type @return a copy */
    public WriteOptions withContentType(String ct) {
        return new WriteOptions(ct, contentEncoding, contentDisposition, sharing, publicAccess, metadata, conditions);
    }

    /** @param enc the content encoding @return a copy */
    public WriteOptions withContentEncoding(String enc) {
        return new WriteOptions(contentType, enc, contentDisposition, sharing, publicAccess, metadata, conditions);
    }

    /** @param disp the content disposition @return a copy */
    public WriteOptions withContentDisposition(String disp) {
        return new WriteOptions(contentType, contentEncoding, disp, sharing, publicAccess, metadata, conditions);
    }

    /** @param s the sharing @return a copy */
    public WriteOptions withSharing(Sharing s) {
        return new WriteOptions(contentType, contentEncoding, contentDisposition, s, publicAccess, metadata, conditions);
    }

    /** @param p publish (true) or unpublish (false) @return a copy */
    public WriteOptions withPublic(boolean p) {
        return new WriteOptions(contentType, contentEncoding, contentDisposition, sharing, p, metadata, conditions);
    }

    /** @param meta the metadata @return a copy */
    public WriteOptions withMetadata(Map<String, String> meta) {
        return new WriteOptions(contentType, contentEncoding, contentDisposition, sharing, publicAccess, meta,
                conditions);
    }

    /** @param c the conditions @return a copy */
    public WriteOptions withConditions(Conditions c) {
        return new WriteOptions(contentType, contentEncoding, contentDisposition, sharing, publicAccess, metadata, c);
    }
}
