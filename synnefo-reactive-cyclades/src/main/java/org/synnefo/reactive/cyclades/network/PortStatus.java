package org.synnefo.reactive.cyclades.network;

import java.util.Locale;
import java.util.Objects;

/**
 * The status of a port: {@code DOWN} unattached, {@code BUILD} while attaching, then {@code ACTIVE}.
 * An open type: any value the server sends is kept as is, so a state this library does not know yet
 * never breaks parsing. Compare with {@link #is(String)} (case-insensitive) or {@code equals}.
 *
 * @param value the value exactly as the server sent it
 */
public record PortStatus(String value) {

    /** {@code DOWN}. */
    public static final PortStatus DOWN = new PortStatus("DOWN");
    /** {@code BUILD}. */
    public static final PortStatus BUILD = new PortStatus("BUILD");
    /** {@code ACTIVE}. */
    public static final PortStatus ACTIVE = new PortStatus("ACTIVE");
    /** {@code ERROR}. */
    public static final PortStatus ERROR = new PortStatus("ERROR");

    /** Rejects null. */
    public PortStatus {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value a value as text
     * @return the value, or {@code null} for a null text
     */
    public static PortStatus of(String value) {
        return value == null ? null : new PortStatus(value);
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
