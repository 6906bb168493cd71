package org.synnefo.reactive.cyclades.network;

import java.util.Locale;
import java.util.Objects;

/**
 * A network type (flavor); only the types the deployment enables may be created.
 * An open type: any value the server sends is kept as is, so a state this library does not know yet
 * never breaks parsing. Compare with {@link #is(String)} (case-insensitive) or {@code equals}.
 *
 * @param value the value exactly as the server sent it
 */
public record NetworkType(String value) {

    /** {@code MAC_FILTERED}. */
    public static final NetworkType MAC_FILTERED = new NetworkType("MAC_FILTERED");
    /** {@code IP_LESS_ROUTED}. */
    public static final NetworkType IP_LESS_ROUTED = new NetworkType("IP_LESS_ROUTED");
    /** {@code PHYSICAL_VLAN}. */
    public static final NetworkType PHYSICAL_VLAN = new NetworkType("PHYSICAL_VLAN");
    /** {@code CUSTOM}. */
    public static final NetworkType CUSTOM = new NetworkType("CUSTOM");

    /** Rejects null. */
    public NetworkType {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value a value as text
     * @return the value, or {@code null} for a null text
     */
    public static NetworkType of(String value) {
        return value == null ? null : new NetworkType(value);
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
