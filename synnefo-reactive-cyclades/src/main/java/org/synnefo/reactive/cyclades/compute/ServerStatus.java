package org.synnefo.reactive.cyclades.compute;

import java.util.Locale;
import java.util.Objects;

/**
 * The status of a Cyclades server ({@code status} of the server object).
 * An open type: any value the server sends is kept as is, so a state this library does not know yet
 * never breaks parsing. Compare with {@link #is(String)} (case-insensitive) or {@code equals}.
 *
 * @param value the value exactly as the server sent it
 */
public record ServerStatus(String value) {

    /** {@code BUILD}. */
    public static final ServerStatus BUILD = new ServerStatus("BUILD");
    /** {@code ACTIVE}. */
    public static final ServerStatus ACTIVE = new ServerStatus("ACTIVE");
    /** {@code STOPPED}. */
    public static final ServerStatus STOPPED = new ServerStatus("STOPPED");
    /** {@code REBOOT}. */
    public static final ServerStatus REBOOT = new ServerStatus("REBOOT");
    /** {@code RESIZE}. */
    public static final ServerStatus RESIZE = new ServerStatus("RESIZE");
    /** {@code ERROR}. */
    public static final ServerStatus ERROR = new ServerStatus("ERROR");
    /** {@code DELETED}. */
    public static final ServerStatus DELETED = new ServerStatus("DELETED");
    /** {@code UNKNOWN}. */
    public static final ServerStatus UNKNOWN = new ServerStatus("UNKNOWN");

    /** Rejects null. */
    public ServerStatus {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value a value as text
     * @return the value, or {@code null} for a null text
     */
    public static ServerStatus of(String value) {
        return value == null ? null : new ServerStatus(value);
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
