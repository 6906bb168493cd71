package org.synnefo.reactive.astakos;

import java.util.Objects;

/**
 * The state of a project membership. An open type: a value the server adds later is kept as is
 * instead of failing, and compares equal to the constant of the same text.
 *
 * @param value the wire value, e.g. {@code "requested"}
 */
public record MembershipState(String value) {

    /** {@code requested}. */
    public static final MembershipState REQUESTED = new MembershipState("requested");
    /** {@code accepted}. */
    public static final MembershipState ACCEPTED = new MembershipState("accepted");
    /** {@code leave_requested}. */
    public static final MembershipState LEAVE_REQUESTED = new MembershipState("leave_requested");
    /** {@code suspended}. */
    public static final MembershipState SUSPENDED = new MembershipState("suspended");
    /** {@code rejected}. */
    public static final MembershipState REJECTED = new MembershipState("rejected");
    /** {@code cancelled}. */
    public static final MembershipState CANCELLED = new MembershipState("cancelled");
    /** {@code removed}. */
    public static final MembershipState REMOVED = new MembershipState("removed");

    /** Validates. */
    public MembershipState {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the wire value
     * @return the value as a MembershipState, or {@code null} when {@code value} is null
     */
    public static MembershipState of(String value) {
        return value == null ? null : new MembershipState(value);
    }

    /** @return the wire value */
    @Override
    public String toString() {
        return value;
    }
}
