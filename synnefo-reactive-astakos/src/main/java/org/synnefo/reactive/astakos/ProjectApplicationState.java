package org.synnefo.reactive.astakos;

import java.util.Objects;

/**
 * The state of a project application (a request to create or modify a project). An open type: a value the server adds later is kept as is
 * instead of failing, and compares equal to the constant of the same text.
 *
 * @param value the wire value, e.g. {@code "pending"}
 */
public record ProjectApplicationState(String value) {

    /** {@code pending}. */
    public static final ProjectApplicationState PENDING = new ProjectApplicationState("pending");
    /** {@code approved}. */
    public static final ProjectApplicationState APPROVED = new ProjectApplicationState("approved");
    /** {@code replaced}. */
    public static final ProjectApplicationState REPLACED = new ProjectApplicationState("replaced");
    /** {@code denied}. */
    public static final ProjectApplicationState DENIED = new ProjectApplicationState("denied");
    /** {@code dismissed}. */
    public static final ProjectApplicationState DISMISSED = new ProjectApplicationState("dismissed");
    /** {@code cancelled}. */
    public static final ProjectApplicationState CANCELLED = new ProjectApplicationState("cancelled");

    /** Validates. */
    public ProjectApplicationState {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the wire value
     * @return the value as a ProjectApplicationState, or {@code null} when {@code value} is null
     */
    public static ProjectApplicationState of(String value) {
        return value == null ? null : new ProjectApplicationState(value);
    }

    /** @return the wire value */
    @Override
    public String toString() {
        return value;
    }
}
