package org.synnefo.reactive.emulator;

/**
 * How much of one resource a project grants: in total ({@code projectCapacity}) and to each member
 * ({@code memberCapacity}). Byte-valued resources ({@code cyclades.ram}, {@code cyclades.disk},
 * {@code pithos.diskspace}) are in bytes.
 *
 * @param projectCapacity the limit for the project as a whole
 * @param memberCapacity the limit for each member
 */
public record ResourceCapacity(long projectCapacity, long memberCapacity) {

    /** Validates the capacities as Astakos does. */
    public ResourceCapacity {
        if (projectCapacity < 0 || memberCapacity < 0) {
            throw new IllegalArgumentException("Negative quota limit is not allowed");
        }
        if (projectCapacity < memberCapacity) {
            throw new IllegalArgumentException("Project quota limit is less than member limit");
        }
    }

    /** The same limit for the project and for each member (a one-member project, such as a system project). */
    public static ResourceCapacity of(long capacity) {
        return new ResourceCapacity(capacity, capacity);
    }
}
