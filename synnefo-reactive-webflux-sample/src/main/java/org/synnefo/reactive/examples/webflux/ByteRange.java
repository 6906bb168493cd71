package org.synnefo.reactive.examples.webflux;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable byte range of an object of known length, from a {@code Range} header: {@code bytes=a-b},
 * {@code bytes=a-} or {@code bytes=-n}. Several ranges are not served as ranges (a server may answer them
 * with the whole object).
 *
 * @param first the first byte
 * @param last the last byte, inclusive
 */
record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** @return the number of bytes */
    long length() {
        return last - first + 1;
    }

    /**
     * @param header the {@code Range} header, or null
     * @param size the object's length
     * @return empty when the whole object is to be sent (no header, several ranges, not bytes)
     * @throws IllegalArgumentException when the range cannot be satisfied (416)
     */
    static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        long first;
        long last;
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0) {
                throw new IllegalArgumentException("empty suffix range");
            }
            first = Math.max(0, size - suffix);
            last = size - 1;
        } else {
            first = Long.parseLong(m.group(1));
            last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (last < first) {
                throw new IllegalArgumentException("range ends before it starts");
            }
        }
        if (first >= size) {
            throw new IllegalArgumentException("range starts past the end");
        }
        return Optional.of(new ByteRange(first, last));
    }
}
