package org.synnefo.reactive.cyclades.compute;

import java.util.Locale;
import java.util.Objects;

/**
 * The firewall profile of a NIC on a public network.
 * An open type: any value the server sends is kept as is, so a state this library does not know yet
 * never breaks parsing. Compare with {@link #is(String)} (case-insensitive) or {@code equals}.
 *
 * @param value the value exactly as the server sent it
 */
public record FirewallProfile(String value) {

    /** {@code ENABLED}. */
    public static final FirewallProfile ENABLED = new FirewallProfile("ENABLED");
    /** {@code DISABLED}. */
    public static final FirewallProfile DISABLED = new FirewallProfile("DISABLED");
    /** {@code PROTECTED}. */
    public static final FirewallProfile PROTECTED = new FirewallProfile("PROTECTED");

    /** Rejects null. */
    public FirewallProfile {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value a value as text
     * @return the value, or {@code null} for a null text
     */
    public static FirewallProfile of(String value) {
        return value == null ? null : new FirewallProfile(value);
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
