package org.synnefo.reactive.emulator.internal.cyclades;

/**
 * Where the Cyclades and Plankton handlers are mounted. Kept here until the shared
 * {@code internal.Endpoints} constants are merged; the values are the same.
 */
public final class CycladesPaths {

    /** Cyclades compute API root. */
    public static final String COMPUTE = "/compute/v2.0";
    /** Cyclades network API root. */
    public static final String NETWORK = "/network/v2.0";
    /** Cyclades block storage API root. */
    public static final String VOLUME = "/volume/v2.0";
    /** Plankton image API root. */
    public static final String IMAGE = "/image/v1.0";

    private CycladesPaths() {
    }
}
