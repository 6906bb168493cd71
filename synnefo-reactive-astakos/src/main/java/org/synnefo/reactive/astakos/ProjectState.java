package org.synnefo.reactive.astakos;

import java.util.Objects;

/**
 * The state of a project. An open type: a value the server adds later is kept as is
 * instead of failing, and compares equal to the constant of the same text.
 *
 * @param value the wire value, e.g. {@code "uninitialized"}
 */
public record ProjectState(String value) {

    /** {@code uninitialized}. */
    public static final ProjectState UNINITIALIZED = new ProjectState("uninitialized");
    /** {@code active}. */
    public static final ProjectState ACTIVE = new ProjectState("active");
    /** {@code suspended}. */
    public static final ProjectState SUSPENDED = new ProjectState("suspended");
    /** {@code terminated}. */
    public static final ProjectState TERMINATED = new ProjectState("terminated");
    /** {@code deleted}. */
    public static final ProjectState DELETED = new ProjectState("deleted");

    /** Validates. */
    public ProjectState {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the wire value
     * @return the value as a ProjectState, or {@code null} when {@code value} is null
     */
    public static ProjectState of(String value) {
        return value == null ? null : new ProjectState(value);
    }

    /** @return the wire value */
    @Override
    public String toString() {
        return value;
    }
}
