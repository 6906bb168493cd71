package org.synnefo.reactive.examples;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.synnefo.reactive.astakos.AstakosClient;
import org.synnefo.reactive.astakos.ProjectApplication;
import org.synnefo.reactive.astakos.ProjectCreated;
import org.synnefo.reactive.core.ClientOptions;
import org.synnefo.reactive.core.SynnefoTransport;
import org.synnefo.reactive.emulator.CycladesSeed;
import org.synnefo.reactive.emulator.EmulatorUser;
import org.synnefo.reactive.emulator.ResourceCapacity;
import org.synnefo.reactive.emulator.SynnefoEmulator;

/**
 * The embedded cloud of the tour: an in-process emulator on a free port, seeded with what kamaki's clients
 * reference shows. One user, {@code user@example.com}, with the uuid of the reference's examples; its
 * system project with small limits (no room left for RAM, storage full); the course project
 * {@value TourNames#COURSE_PROJECT} with room for the lab; an IP already reserved; and the Pithos
 * containers and objects of the reference's listing.
 *
 * <p>Seeding runs on the calling thread and blocks it: call {@link #start(Duration)} from a main thread or a
 * test, never from an event loop.
 */
public final class TourCloud implements AutoCloseable {

    private static final long GIB = 1024L * 1024 * 1024;

    /** The tour's user (the uuid of the reference's examples). */
    public static final EmulatorUser USER = new EmulatorUser("a1234567-a890-1234-56ae-78f90bb1c2db",
            "user@example.com", "Example User", "user@example.com", "tour-user-token-0001");

    /**
     * The limits of the user's system project: the reference's printed limits, except RAM (1 GiB instead of
     * 2), so that compute-reassign-resize finds no room for a bigger flavor there.
     */
    public static final Map<String, Long> SYSTEM_LIMITS = limits(2, 2, 1 * GIB, 40 * GIB, 2, 1, 20_522_192_022L);

    /**
     * The limits of the course project: the reference's printed limits, with room for the lab: 8 VMs
     * (printed: 4) and 200 GiB of disk (printed: 120), since the tour creates 6 servers and a volume.
     */
    public static final Map<String, Long> COURSE_LIMITS = limits(8, 8, 50 * GIB, 200 * GIB, 5, 4, 53_687_091_200L);

    /** The course project's description, as the reference prints it. */
    public static final String COURSE_DESCRIPTION = "Virtual clusters for CS333 assignments";
    /** The course project's homepage, as the reference prints it. */
    public static final String COURSE_HOMEPAGE = "https://university.example.com/courses/cs333";

    private final SynnefoEmulator emulator;
    private final String courseProject;

    private TourCloud(SynnefoEmulator emulator, String courseProject) {
        this.emulator = emulator;
        this.courseProject = courseProject;
    }

    private static Map<String, Long> limits(long vms, long cpus, long ram, long disk, long networks, long ips,
            long diskspace) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("cyclades.vm", vms);
        m.put("cyclades.cpu", cpus);
        m.put("cyclades.total_cpu", cpus);
        m.put("cyclades.ram", ram);
        m.put("cyclades.total_ram", ram);
        m.put("cyclades.disk", disk);
        m.put("cyclades.network.private", networks);
        m.put("cyclades.floating_ip", ips);
        m.put("pithos.diskspace", diskspace);
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Starts and seeds the embedded cloud.
     *
     * @param stateDelay how long servers, ports and volumes take to change state
     * @return the cloud; close it when done
     */
    public static TourCloud start(Duration stateDelay) {
        SynnefoEmulator.Builder b = SynnefoEmulator.builder().user(USER).stateDelay(stateDelay);
        SYSTEM_LIMITS.forEach(b::systemProjectCapacity);
        SynnefoEmulator emulator = b.start();
        try {
            String course = seedCourse(emulator);
            // kamaki's network-ip looks for an IP reserved but unused: there is one, in the system project
            CycladesSeed.of(emulator).reserveFloatingIp(USER);
            seedPithos(emulator, course);
            return new TourCloud(emulator, course);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    /**
     * Creates the course project with its limits, then gives it a description and a homepage the way a
     * project owner does: an application to modify it, approved by the cloud's administrator.
     */
    private static String seedCourse(SynnefoEmulator emulator) {
        Map<String, ResourceCapacity> caps = new LinkedHashMap<>();
        COURSE_LIMITS.forEach((r, v) -> caps.put(r, ResourceCapacity.of(v)));
        String id = emulator.projects().create(TourNames.COURSE_PROJECT, USER.uuid(), caps, USER.uuid());
        SynnefoTransport transport = SynnefoTransport.builder().name("tour-seed").build();
        try {
            AstakosClient owner = AstakosClient.builder().authUrl(emulator.authUrl()).token(USER.token())
                    .options(ClientOptions.builder().transport(transport).build()).build();
            ProjectCreated app = owner.modifyProject(id, ProjectApplication.builder().description(COURSE_DESCRIPTION)
                    .homepage(COURSE_HOMEPAGE).build()).block(Duration.ofSeconds(30));
            owner.withToken(emulator.adminUser().token()).approveApplication(id, app.applicationId(), "seeded by the tour")
                    .block(Duration.ofSeconds(30));
        } finally {
            transport.dispose();
        }
        return id;
    }

    /**
     * The reference's containers and objects; {@code course_container} holds what is left of the system
     * project's storage quota, so that the system project is full, as astakos-project-reassign expects.
     */
    private static void seedPithos(SynnefoEmulator emulator, String course) {
        long listed = PithosData.LISTING.stream().filter(e -> e.container().equals("pithos")
                || e.container().equals("trash")).mapToLong(PithosData.Entry::bytes).sum();
        try (ExampleContext ctx = ExampleContext.builder().authUrl(emulator.authUrl()).token(USER.token())
                .out(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).build()) {
            ctx.pithos().flatMap(p -> PithosData.seed(p, USER.uuid(), course,
                    SYSTEM_LIMITS.get("pithos.diskspace") - listed)).block(Duration.ofSeconds(60));
        }
    }

    /** @return the emulator */
    public SynnefoEmulator emulator() {
        return emulator;
    }

    /** @return the identity URL to authenticate against */
    public String authUrl() {
        return emulator.authUrl();
    }

    /** @return the tour user's token */
    public String token() {
        return USER.token();
    }

    /** @return the id of the course project */
    public String courseProject() {
        return courseProject;
    }

    /** Stops the emulator. */
    @Override
    public void close() {
        emulator.close();
    }
}
