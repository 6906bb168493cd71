package org.synnefo.reactive.cyclades.volume;

import java.util.Locale;
import java.util.Objects;

/**
 * The status of a volume; Synnefo sends these in lower case.
 * An open type: any value the server sends is kept as is, so a state this library does not know yet
 * never breaks parsing. Compare with {@link #is(String)} (case-insensitive) or {@code equals}.
 *
 * @param value the value exactly as the server sent it
 */
public record VolumeStatus(String value) {

    /** {@code creating}. */
    public static final VolumeStatus CREATING = new VolumeStatus("creating");
    /** {@code available}. */
    public static final VolumeStatus AVAILABLE = new VolumeStatus("available");
    /** {@code attaching}. */
    public static final VolumeStatus ATTACHING = new VolumeStatus("attaching");
    /** {@code detaching}. */
    public static final VolumeStatus DETACHING = new VolumeStatus("detaching");
    /** {@code in_use}. */
    public static final VolumeStatus IN_USE = new VolumeStatus("in_use");
    /** {@code deleting}. */
    public static final VolumeStatus DELETING = new VolumeStatus("deleting");
    /** {@code deleted}. */
    public static final VolumeStatus DELETED = new VolumeStatus("deleted");
    /** {@code error}. */
    public static final VolumeStatus ERROR = new VolumeStatus("error");
    /** {@code error_deleting}. */
    public static final VolumeStatus ERROR_DELETING = new VolumeStatus("error_deleting");
    /** {@code backing_up}. */
    public static final VolumeStatus BACKING_UP = new VolumeStatus("backing_up");
    /** {@code restoring_backup}. */
    public static final VolumeStatus RESTORING_BACKUP = new VolumeStatus("restoring_backup");
    /** {@code error_restoring}. */
    public static final VolumeStatus ERROR_RESTORING = new VolumeStatus("error_restoring");

    /** Rejects null. */
    public VolumeStatus {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value a value as text
     * @return the value, or {@code null} for a null text
     */
    public static VolumeStatus of(String value) {
        return value == null ? null : new VolumeStatus(value);
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
