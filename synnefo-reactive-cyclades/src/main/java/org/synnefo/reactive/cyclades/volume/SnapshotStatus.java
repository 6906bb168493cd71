package org.synnefo.reactive.cyclades.volume;

import java.util.Locale;
import java.util.Objects;

/**
 * The status of a snapshot; Synnefo sends these in upper case.
 * An open type: any value the server sends is kept as is, so a state this library does not know yet
 * never breaks parsing. Compare with {@link #is(String)} (case-insensitive) or {@code equals}.
 *
 * @param value the value exactly as the server sent it
 */
public record SnapshotStatus(String value) {

    /** {@code AVAILABLE}. */
    public static final SnapshotStatus AVAILABLE = new SnapshotStatus("AVAILABLE");
    /** {@code CREATING}. */
    public static final SnapshotStatus CREATING = new SnapshotStatus("CREATING");
    /** {@code ERROR}. */
    public static final SnapshotStatus ERROR = new SnapshotStatus("ERROR");
    /** {@code DELETED}. */
    public static final SnapshotStatus DELETED = new SnapshotStatus("DELETED");
    /** {@code UNKNOWN}. */
    public static final SnapshotStatus UNKNOWN = new SnapshotStatus("UNKNOWN");

    /** Rejects null. */
    public SnapshotStatus {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value a value as text
     * @return the value, or {@code null} for a null text
     */
    public static SnapshotStatus of(String value) {
        return value == null ? null : new SnapshotStatus(value);
    }

    /**
     * @param other a value as text
     * @return whether this is {@code other}, ignoring case
     */
    public boolean is(String other) {
        return other != null && value.toUpperCase(Locale.ROOT).equals(other.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}
