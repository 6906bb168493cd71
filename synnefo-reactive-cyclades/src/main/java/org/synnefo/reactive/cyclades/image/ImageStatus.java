package org.synnefo.reactive.cyclades.image;

import java.util.Locale;
import java.util.Objects;

/**
 * The status of an image: Plankton sends {@code AVAILABLE, SAVING, ERROR, DELETED, UNKNOWN}; the compute API maps them to {@code ACTIVE, SAVING, ERROR, DELETED, UNKNOWN}.
 * An open type: any value the server sends is kept as is, so a state this library does not know yet
 * never breaks parsing. Compare with {@link #is(String)} (case-insensitive) or {@code equals}.
 *
 * @param value the value exactly as the server sent it
 */
public record ImageStatus(String value) {

    /** {@code AVAILABLE}. */
    public static final ImageStatus AVAILABLE = new ImageStatus("AVAILABLE");
    /** {@code ACTIVE}. */
    public static final ImageStatus ACTIVE = new ImageStatus("ACTIVE");
    /** {@code SAVING}. */
    public static final ImageStatus SAVING = new ImageStatus("SAVING");
    /** {@code ERROR}. */
    public static final ImageStatus ERROR = new ImageStatus("ERROR");
    /** {@code DELETED}. */
    public static final ImageStatus DELETED = new ImageStatus("DELETED");
    /** {@code UNKNOWN}. */
    public static final ImageStatus UNKNOWN = new ImageStatus("UNKNOWN");

    /** Rejects null. */
    public ImageStatus {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value a value as text
     * @return the value, or {@code null} for a null text
     */
    public static ImageStatus of(String value) {
        return value == null ? null : new ImageStatus(value);
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
