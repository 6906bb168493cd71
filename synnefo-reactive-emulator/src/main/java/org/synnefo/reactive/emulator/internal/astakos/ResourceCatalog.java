package org.synnefo.reactive.emulator.internal.astakos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resources a stock Synnefo deployment registers (Astakos, Cyclades compute and network, Pithos),
 * with what {@code /resources} shows for each. {@code total_*} and {@code astakos.pending_app} are not
 * api-visible: they are hidden from {@code /resources}, {@code /quotas} and project applications.
 */
public final class ResourceCatalog {

    /** One registered resource. */
    public record Resource(String name, String service, String description, String unit,
            boolean uiVisible, boolean apiVisible) {
    }

    public static final String VM = "cyclades.vm";
    public static final String TOTAL_CPU = "cyclades.total_cpu";
    public static final String CPU = "cyclades.cpu";
    public static final String TOTAL_RAM = "cyclades.total_ram";
    public static final String RAM = "cyclades.ram";
    public static final String DISK = "cyclades.disk";
    public static final String PRIVATE_NETWORK = "cyclades.network.private";
    public static final String FLOATING_IP = "cyclades.floating_ip";
    public static final String DISKSPACE = "pithos.diskspace";
    public static final String PENDING_APP = "astakos.pending_app";

    private static final List<Resource> ALL = List.of(
            new Resource(PENDING_APP, "astakos_account", "Number of pending project applications", null, false, false),
            new Resource(VM, "cyclades_compute", "Number of virtual machines", null, true, true),
            new Resource(TOTAL_CPU, "cyclades_compute", "Number of virtual machine processors", null, false, false),
            new Resource(CPU, "cyclades_compute", "Number of virtual machine processors of running servers",
                    null, true, true),
            new Resource(TOTAL_RAM, "cyclades_compute", "Virtual machine memory size", "bytes", false, false),
            new Resource(RAM, "cyclades_compute", "Virtual machine memory size of running servers", "bytes",
                    true, true),
            new Resource(DISK, "cyclades_compute", "Virtual machine disk size", "bytes", true, true),
            new Resource(PRIVATE_NETWORK, "cyclades_network", "Number of private networks", null, true, true),
            new Resource(FLOATING_IP, "cyclades_network", "Number of Floating IP addresses", null, true, true),
            new Resource(DISKSPACE, "pithos_object-store", "Pithos account diskspace", "bytes", true, true));

    private static final Map<String, Resource> BY_NAME = new LinkedHashMap<>();

    static {
        ALL.forEach(r -> BY_NAME.put(r.name(), r));
    }

    private ResourceCatalog() {
    }

    /** Every resource, hidden ones included. */
    public static List<Resource> all() {
        return ALL;
    }

    /** The api-visible resources, in registration order. */
    public static List<Resource> visible() {
        return ALL.stream().filter(Resource::apiVisible).toList();
    }

    public static Optional<Resource> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static boolean isVisible(String name) {
        Resource r = BY_NAME.get(name);
        return r != null && r.apiVisible();
    }
}
