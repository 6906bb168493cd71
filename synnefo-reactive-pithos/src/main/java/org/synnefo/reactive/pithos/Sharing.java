package org.synnefo.reactive.pithos;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sharing of an object ({@code X-Object-Sharing: read=a,b; write=c}). Entries are user UUIDs,
 * {@code <account>:<group>} or {@code *} (everyone). Write implies read.
 *
 * @param read who may read
 * @param write who may read and write
 */
public record Sharing(List<String> read, List<String> write) {

    private static final Sharing NONE = new Sharing(List.of(), List.of());

    /** Copies the lists. */
    public Sharing {
        read = read == null ? List.of() : List.copyOf(read);
        write = write == null ? List.of() : List.copyOf(write);
    }

    /** @return no sharing (sending it removes all sharing) */
    public static Sharing none() {
        return NONE;
    }

    /** @param who readers @return read sharing */
    public static Sharing read(String... who) {
        return new Sharing(List.of(who), List.of());
    }

    /** @param who writers @return write sharing */
    public static Sharing write(String... who) {
        return new Sharing(List.of(), List.of(who));
    }

    /** @return whether nobody is listed */
    public boolean isEmpty() {
        return read.isEmpty() && write.isEmpty();
    }

    /** @return the header value; empty string for no sharing */
    public String toHeader() {
        List<String> parts = new ArrayList<>();
        if (!read.isEmpty()) {
            parts.add("read=" + String.join(",", read));
        }
        if (!write.isEmpty()) {
            parts.add("write=" + String.join(",", write));
        }
        return String.join(";", parts);
    }

    /**
     * Parses an {@code X-Object-Sharing} value.
     *
     * @param header the value, or {@code null}
     * @return the sharing; {@link #none()} for null or empty
     */
    public static Sharing parse(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        List<String> r = new ArrayList<>();
        List<String> w = new ArrayList<>();
        for (String part : header.split(";")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String kind = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            List<String> target = kind.equals("read") ? r : kind.equals("write") ? w : null;
            if (target == null) {
                continue;
            }
            for (String item : p.substring(eq + 1).split(",")) {
                if (!item.isBlank()) {
                    target.add(item.trim());
                }
            }
        }
        return new Sharing(r, w);
    }
}
