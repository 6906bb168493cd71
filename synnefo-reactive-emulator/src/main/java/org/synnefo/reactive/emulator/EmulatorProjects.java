package org.synnefo.reactive.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.synnefo.reactive.emulator.internal.QuotaLedger;
import org.synnefo.reactive.emulator.internal.astakos.ProjectRegistry;

/**
 * Seeds and adjusts the emulator's projects from Java, without going through the projects API: create
 * an active project with capacities and members, change a capacity, add a member. Every user already
 * has a system project whose id is the user's uuid, with {@link #DEFAULT_SYSTEM_CAPACITIES}. Obtain one
 * with {@link #of(SynnefoEmulator)}; its siblings {@link CycladesSeed} and {@link PithosSeed} seed the
 * other services.
 */
public final class EmulatorProjects {

    private static final long GIB = 1024L * 1024 * 1024;

    /** Default system-project limit of {@code cyclades.vm}: 5 virtual machines. */
    public static final long DEFAULT_VMS = 5;
    /** Default system-project limit of {@code cyclades.cpu} and {@code cyclades.total_cpu}: 20 CPUs. */
    public static final long DEFAULT_CPUS = 20;
    /** Default system-project limit of {@code cyclades.ram} and {@code cyclades.total_ram}: 40 GiB. */
    public static final long DEFAULT_RAM = 40 * GIB;
    /** Default system-project limit of {@code cyclades.disk}: 400 GiB. */
    public static final long DEFAULT_DISK = 400 * GIB;
    /** Default system-project limit of {@code cyclades.floating_ip}: 5 addresses. */
    public static final long DEFAULT_FLOATING_IPS = 5;
    /** Default system-project limit of {@code cyclades.network.private}: 5 networks. */
    public static final long DEFAULT_PRIVATE_NETWORKS = 5;
    /** Default system-project limit of {@code pithos.diskspace}: 50 GiB. */
    public static final long DEFAULT_DISKSPACE = 50 * GIB;
    /** Default limit of pending project applications per user ({@code astakos.pending_app}, hidden): 3. */
    public static final long DEFAULT_PENDING_APPLICATIONS = 3;

    /** The capacities every system project gets unless the builder overrides them. */
    public static final Map<String, ResourceCapacity> DEFAULT_SYSTEM_CAPACITIES = defaults();

    private static Map<String, ResourceCapacity> defaults() {
        Map<String, ResourceCapacity> m = new LinkedHashMap<>();
        m.put("astakos.pending_app", ResourceCapacity.of(DEFAULT_PENDING_APPLICATIONS));
        m.put("cyclades.vm", ResourceCapacity.of(DEFAULT_VMS));
        m.put("cyclades.total_cpu", ResourceCapacity.of(DEFAULT_CPUS));
        m.put("cyclades.cpu", ResourceCapacity.of(DEFAULT_CPUS));
        m.put("cyclades.total_ram", ResourceCapacity.of(DEFAULT_RAM));
        m.put("cyclades.ram", ResourceCapacity.of(DEFAULT_RAM));
        m.put("cyclades.disk", ResourceCapacity.of(DEFAULT_DISK));
        m.put("cyclades.network.private", ResourceCapacity.of(DEFAULT_PRIVATE_NETWORKS));
        m.put("cyclades.floating_ip", ResourceCapacity.of(DEFAULT_FLOATING_IPS));
        m.put("pithos.diskspace", ResourceCapacity.of(DEFAULT_DISKSPACE));
        return java.util.Collections.unmodifiableMap(m);
    }

    private final ProjectRegistry registry;

    EmulatorProjects(ProjectRegistry registry) {
        this.registry = registry;
    }

    /** The project seeding API of a running emulator. */
    public static EmulatorProjects of(SynnefoEmulator emulator) {
        return emulator.projects();
    }

    /**
     * Creates an active, public project with a {@code moderated} join policy, owned by {@code ownerUuid},
     * with the given capacities (other resources get none) and the given users as accepted members.
     * Unlike the projects API, any name is accepted (not only domain-like ones).
     *
     * @return the new project's id
     * @throws IllegalArgumentException for an unknown owner, member or resource
     */
    public String create(String name, String ownerUuid, Map<String, ResourceCapacity> capacities, String... memberUuids) {
        Objects.requireNonNull(name, "name");
        Map<String, QuotaLedger.Capacity> caps = new LinkedHashMap<>();
        capacities.forEach((r, c) -> caps.put(r, new QuotaLedger.Capacity(c.projectCapacity(), c.memberCapacity())));
        return registry.seedProject(name, ownerUuid, caps, List.of(memberUuids));
    }

    /** Sets a project's capacity for one resource (a system project's id is its user's uuid). */
    public void setCapacity(String projectId, String resource, ResourceCapacity capacity) {
        registry.setCapacity(projectId, resource,
                new QuotaLedger.Capacity(capacity.projectCapacity(), capacity.memberCapacity()));
    }

    /** Makes a user an accepted member of a project; returns the membership id. */
    public long addMember(String projectId, String userUuid) {
        return registry.addMember(projectId, userUuid);
    }
}
