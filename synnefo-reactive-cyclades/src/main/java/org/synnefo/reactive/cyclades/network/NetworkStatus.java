package org.synnefo.reactive.cyclades.network;

import java.util.Locale;
import java.util.Objects;

/**
 * The status of a network.
 * An open type: any value the server sends is kept as is, so a state this library does not know yet
 * never breaks parsing. Compare with {@link #is(String)} (case-insensitive) or {@code equals}.
 *
 * @param value the value exactly as the server sent it
 */
public record NetworkStatus(String value) {

    /** {@code ACTIVE}. */
    public static final NetworkStatus ACTIVE = new NetworkStatus("ACTIVE");
    /** {@code PENDING}. */
    public static final NetworkStatus PENDING = new NetworkStatus("PENDING");
    /** {@code DELETED}. */
    public static final NetworkStatus DELETED = new NetworkStatus("DELETED");
    /** {@code ERROR}. */
    public static final NetworkStatus ERROR = new NetworkStatus("ERROR");
    /** {@code SNF:DRAINED}. */
    public static final NetworkStatus DRAINED = new NetworkStatus("SNF:DRAINED");

    /** Rejects null. */
    public NetworkStatus {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value a value as text
     * @return the value, or {@code null} for a null text
     */
    public static NetworkStatus of(String value) {
        return value == null ? null : new NetworkStatus(value);
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
