package org.synnefo.reactive.emulator;

import java.util.Objects;
import org.synnefo.reactive.emulator.internal.cyclades.CycladesBackend;

/**
 * Creates Cyclades resources for a user programmatically, as the HTTP API would (same checks, same
 * quota charges, same asynchronous state changes), so that a tour or a test can start from a
 * populated cloud. Obtain one with {@link #of(SynnefoEmulator)}; its siblings {@link EmulatorProjects}
 * and {@link PithosSeed} seed projects and object storage.
 */
public final class CycladesSeed {

    /** The seeded public "Debian Base" image. */
    public static final String DEBIAN_IMAGE = "c4c3f9a8-2e1b-4d8e-9a2c-5b7e0f1d3a01";
    /** The seeded public "Ubuntu Server" image. */
    public static final String UBUNTU_IMAGE = "5a9f4c1e-7d3b-4f2a-8c6e-0b1d2e3f4a02";
    /** The seeded public "CentOS" image. */
    public static final String CENTOS_IMAGE = "9e2d7b3c-1a4f-4e6d-b8c0-3f5a6b7c8d03";
    /** Flavor {@code C1R1024D20drbd}. */
    public static final int SMALL_FLAVOR = 1;
    /** Flavor {@code C1R1024D20ext_archipelago} (its servers accept detachable volumes). */
    public static final int SMALL_ARCHIPELAGO_FLAVOR = 8;

    private final CycladesBackend backend;

    private CycladesSeed(CycladesBackend backend) {
        this.backend = backend;
    }

    /** The seeding API of a running emulator. */
    public static CycladesSeed of(SynnefoEmulator emulator) {
        CycladesBackend b = emulator.context().lookup(CycladesBackend.class)
                .orElseThrow(() -> new IllegalStateException("Cyclades is not mounted in this emulator"));
        return new CycladesSeed(b);
    }

    /**
     * Creates a server with the cloud's default networking in the user's default project (their system
     * project unless they chose another).
     *
     * @return the new server's id
     */
    public int createServer(EmulatorUser user, String name, int flavorId, String imageId) {
        return backend.seedServer(Objects.requireNonNull(user).uuid(), name, flavorId, imageId, null);
    }

    /**
     * Creates a server in the given project (charged to it; the user must be an active member).
     *
     * @return the new server's id
     */
    public int createServer(EmulatorUser user, String name, int flavorId, String imageId, String project) {
        return backend.seedServer(Objects.requireNonNull(user).uuid(), name, flavorId, imageId, project);
    }

    /**
     * Creates a private network, with an IPv4 subnet when {@code cidr} is not null (e.g. {@code 10.0.0.0/24}).
     *
     * @return the network id
     */
    public String createNetwork(EmulatorUser user, String name, String cidr) {
        return backend.seedNetwork(Objects.requireNonNull(user).uuid(), name, cidr, null);
    }

    /**
     * Creates a standalone detachable volume of {@code sizeGiB}.
     *
     * @return the volume id
     */
    public String createVolume(EmulatorUser user, String name, int sizeGiB) {
        return backend.seedVolume(Objects.requireNonNull(user).uuid(), name, sizeGiB, null, null);
    }

    /**
     * Reserves a floating IP from the public pool.
     *
     * @return the address
     */
    public String reserveFloatingIp(EmulatorUser user) {
        return backend.seedFloatingIp(Objects.requireNonNull(user).uuid(), null);
    }

    /** The API status of a server now ({@code BUILD}, {@code ACTIVE}, ...), or null when unknown. */
    public String serverStatus(int serverId) {
        return backend.serverStatus(serverId);
    }
}
