package org.synnefo.reactive.astakos;

import java.util.Objects;

/**
 * How members join or leave a project. An open type: a value the server adds later is kept as is
 * instead of failing, and compares equal to the constant of the same text.
 *
 * @param value the wire value, e.g. {@code "auto"}
 */
public record MembershipPolicy(String value) {

    /** {@code auto}. */
    public static final MembershipPolicy AUTO = new MembershipPolicy("auto");
    /** {@code moderated}. */
    public static final MembershipPolicy MODERATED = new MembershipPolicy("moderated");
    /** {@code closed}. */
    public static final MembershipPolicy CLOSED = new MembershipPolicy("closed");

    /** Validates. */
    public MembershipPolicy {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the wire value
     * @return the value as a MembershipPolicy, or {@code null} when {@code value} is null
     */
    public static MembershipPolicy of(String value) {
        return value == null ? null : new MembershipPolicy(value);
    }

    /** @return the wire value */
    @Override
    public String toString() {
        return value;
    }
}
