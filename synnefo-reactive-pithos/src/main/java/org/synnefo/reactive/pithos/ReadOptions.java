package org.synnefo.reactive.pithos;

/**
 * Options of an object read (HEAD, GET, hashmap GET).
 *
 * @param version a version id to read instead of the latest, or null
 * @param range a {@code Range} header value such as {@code bytes=0-499}, {@code bytes=-500} or
 *        {@code bytes=10-}, or null (GET only)
 * @param conditions the preconditions
 */
public record ReadOptions(Long version, String range, Conditions conditions) {

    private static final ReadOptions DEFAULTS = new ReadOptions(null, null, Conditions.none());

    /** Copies. */
    public ReadOptions {
        conditions = conditions == null ? Conditions.none() : conditions;
    }

    /** @return the latest version, whole, unconditionally */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    /** @param v the version id @return a copy */
    public ReadOptions withVersion(Long v) {
        return new ReadOptions(v, range, conditions);
    }

    /** @param r a {@code Range} value @return a copy */
    public ReadOptions withRange(String r) {
        return new ReadOptions(version, r, conditions);
    }

    /**
     * @param first the first byte
     * @param last the last byte, inclusive
     * @return a copy reading bytes {@code first..last}
     */
    public ReadOptions withRange(long first, long last) {
        return withRange("bytes=" + first + "-" + last);
    }

    /** @param c the conditions @return a copy */
    public ReadOptions withConditions(Conditions c) {
        return new ReadOptions(version, range, c);
    }
}
