package org.synnefo.reactive.emulator.internal.cyclades;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.synnefo.reactive.emulator.internal.EmulatorContext;
import org.synnefo.reactive.emulator.internal.EmulatorFault;
import org.synnefo.reactive.emulator.internal.ProjectDirectory;
import org.synnefo.reactive.emulator.internal.QuotaLedger;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Diagnostic;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.FixedIp;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Flavor;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.FloatingIp;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Image;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Keypair;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Network;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Port;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Server;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Subnet;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Volume;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.VolumeType;

/**
 * The Cyclades and Plankton model: every server, network, port, floating IP, volume, snapshot and
 * image, with the operations that change more than one of them (a server create makes its root
 * volume and its ports; a delete releases quota and addresses).
 *
 * <p>All state changes happen under this object's monitor, for short, non-blocking critical
 * sections. Asynchronous work (a build, a shutdown, a port becoming ACTIVE, a volume becoming
 * available) is not run by any thread: each pending change remembers when it started and is applied
 * lazily by {@link #settle()} once the context's clock has passed {@code start + stateDelay}, so a
 * test with {@link Duration#ZERO} sees immediate transitions and a test with a controllable clock
 * sees every intermediate state.
 */
public final class CycladesBackend {

    /** The uuid owning the public system images and the public network. */
    public static final String SYSTEM_UUID = "00000000-0000-4000-8000-000000000001";
    /** The id of the cloud's public network (IPv4 floating IP pool plus IPv6). */
    public static final int PUBLIC_NETWORK = 1;
    /** The network types a user may create ({@code API_ENABLED_NETWORK_FLAVORS} default). */
    static final List<String> ENABLED_NETWORK_TYPES = List.of("MAC_FILTERED");
    /** Every network type Synnefo knows. */
    static final List<String> NETWORK_TYPES = List.of("MAC_FILTERED", "IP_LESS_ROUTED", "PHYSICAL_VLAN", "CUSTOM");
    /** How long {@code GET /servers/<id>/password} keeps the admin password. */
    static final Duration PASSWORD_TTL = Duration.ofMinutes(5);
    /** {@code CYCLADES_VM_MAX_METADATA}. */
    static final int MAX_METADATA = 10;
    /** Largest volume in GiB. */
    static final int MAX_VOLUME_SIZE = 200;

    final EmulatorContext context;
    final Clock clock;
    final Duration delay;
    final QuotaLedger ledger;

    final Map<Integer, Flavor> flavors = new TreeMap<>();
    final Map<Integer, VolumeType> volumeTypes = new TreeMap<>();
    final Map<Integer, Server> servers = new TreeMap<>();
    final Map<Integer, Network> networks = new TreeMap<>();
    final Map<Integer, Subnet> subnets = new TreeMap<>();
    final Map<Integer, Port> ports = new TreeMap<>();
    final Map<Integer, FloatingIp> floatingIps = new TreeMap<>();
    final Map<Integer, Volume> volumes = new TreeMap<>();
    final Map<String, Image> images = new LinkedHashMap<>();
    final Map<String, Map<String, Keypair>> keypairs = new LinkedHashMap<>();

    private int nextServer = 1;
    private int nextNetwork = 1;
    private int nextSubnet = 1;
    private int nextPort = 1;
    private int nextFloatingIp = 1;
    private int nextVolume = 1;
    private int nextKeypair = 1;

    CycladesBackend(EmulatorContext context) {
        this.context = context;
        this.clock = context.state().clock();
        this.delay = context.stateDelay();
        this.ledger = context.ledger();
        Catalogue.seed(this);
    }

    // ---- transactions and lazy transitions ----

    /** Runs {@code work} under the model's monitor after applying every transition that is due. */
    synchronized <T> T tx(Supplier<T> work) {
        settle();
        return work.get();
    }

    Instant now() {
        return clock.instant();
    }

    /** True when work started at {@code start} has finished by now. */
    boolean done(Instant start) {
        return !now().isBefore(start.plus(delay));
    }

    /** Applies the transitions whose time has come, stamping each with the moment it completed. */
    void settle() {
        for (Server s : servers.values()) {
            if (!s.task.isEmpty() && done(s.taskStart)) {
                Instant at = s.taskStart.plus(delay);
                switch (s.task) {
                    case "BUILDING" -> {
                        s.operstate = "STARTED";
                        s.diagnostics.add(new Diagnostic("INFO", at, "image-helper-task-end",
                                "Image customization finished successfully.", ""));
                    }
                    case "STARTING", "REBOOTING" -> s.operstate = "STARTED";
                    case "STOPPING" -> s.operstate = "STOPPED";
                    case "RESIZING" -> {
                        s.operstate = "STOPPED";
                        if (s.pendingFlavor != null) {
                            s.flavorId = s.pendingFlavor;
                            s.pendingFlavor = null;
                        }
                    }
                    case "DESTROYING" -> {
                        s.operstate = "DESTROYED";
                        s.deleted = true;
                    }
                    default -> {
                    }
                }
                s.task = "";
                s.updated = at;
            }
        }
        for (Port p : ports.values()) {
            if (p.buildStart != null && done(p.buildStart)) {
                p.updated = p.buildStart.plus(delay);
                p.buildStart = null;
            }
        }
        for (Volume v : volumes.values()) {
            if (v.pending != null && done(v.pendingStart)) {
                v.status = v.pending;
                v.pending = null;
                if ("available".equals(v.status)) {
                    v.serverId = null;
                    v.index = -1;
                }
                v.updated = v.pendingStart.plus(delay);
                if ("deleted".equals(v.status)) {
                    v.deleted = true;
                }
            }
        }
        for (Image i : images.values()) {
            if (i.pending != null && done(i.pendingStart)) {
                i.status = i.pending;
                i.pending = null;
                i.updated = i.pendingStart.plus(delay);
            }
        }
    }

    // ---- quota ----

    /**
     * The project a new resource goes to when the request names none: the user's default project
     * (their system project unless they chose another), as Cyclades takes it from the token.
     */
    String defaultProject(String user) {
        return context.lookup(ProjectDirectory.class).flatMap(d -> d.defaultProject(user)).orElse(user);
    }

    /**
     * Refuses a project the user holds no quota in (unknown, not active, or the user is not an
     * accepted member). Real Cyclades learns it from Astakos' 404 "no such holding" and answers
     * {@code 400 "User <uuid> not in project <project>"} (synnefo.quotas.AstakosClientExceptionHandler).
     */
    void requireMember(String project, String user) {
        Optional<ProjectDirectory> dir = context.lookup(ProjectDirectory.class);
        if (dir.isPresent() && !dir.get().isActiveMember(project, user)) {
            throw EmulatorFault.badRequest("User " + user + " not in project " + project);
        }
    }

    /**
     * Charges several resources at once: either all are charged or none (a 413 leaves usage untouched).
     * A project the user is not a member of is refused with 400 before anything is charged.
     */
    void charge(String project, String user, Map<String, Long> amounts) {
        if (amounts.values().stream().anyMatch(a -> a > 0)) {
            requireMember(project, user);
        }
        List<Map.Entry<String, Long>> done = new ArrayList<>();
        try {
            for (Map.Entry<String, Long> e : amounts.entrySet()) {
                if (e.getValue() != 0) {
                    ledger.charge(project, user, e.getKey(), e.getValue());
                    done.add(e);
                }
            }
        } catch (RuntimeException ex) {
            for (Map.Entry<String, Long> e : done) {
                ledger.release(project, user, e.getKey(), e.getValue());
            }
            throw ex;
        }
    }

    void release(String project, String user, Map<String, Long> amounts) {
        amounts.forEach((r, a) -> {
            if (a != 0) {
                ledger.release(project, user, r, a);
            }
        });
    }

    /** Moves several resources between projects, all or none. */
    void move(String from, String to, String user, Map<String, Long> amounts) {
        if (from.equals(to)) {
            return;
        }
        charge(to, user, amounts);
        release(from, user, amounts);
    }

    static Map<String, Long> vmResources(Flavor f, boolean running) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("cyclades.vm", 1L);
        if (running) {
            m.putAll(runningResources(f));
        }
        return m;
    }

    static Map<String, Long> runningResources(Flavor f) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("cyclades.cpu", (long) f.vcpus());
        m.put("cyclades.ram", ((long) f.ramMiB()) << 20);
        return m;
    }

    static Map<String, Long> disk(int sizeGiB) {
        return Map.of("cyclades.disk", ((long) sizeGiB) << 30);
    }

    // ---- lookups ----

    Flavor flavor(int id) {
        Flavor f = flavors.get(id);
        if (f == null) {
            throw EmulatorFault.notFound("Flavor " + id + " not found.");
        }
        return f;
    }

    /** The caller's server (deleted ones included); another user's is a 404 like an unknown one. */
    Server server(String user, int id) {
        Server s = servers.get(id);
        if (s == null || !s.userId.equals(user)) {
            throw EmulatorFault.notFound("Server " + id + " not found.");
        }
        return s;
    }

    /** A server an action may touch: not deleted (400). */
    Server liveServer(String user, int id) {
        Server s = server(user, id);
        if (s.deleted || "DESTROYING".equals(s.task)) {
            throw EmulatorFault.badRequest("Server has been deleted.");
        }
        return s;
    }

    boolean visible(Network n, String user) {
        return n.isPublic || user.equals(n.userId);
    }

    Network network(String user, int id) {
        Network n = networks.get(id);
        if (n == null || !visible(n, user)) {
            throw EmulatorFault.notFound("Network " + id + " not found.");
        }
        return n;
    }

    boolean visible(Image i, String user) {
        return i.deletedAt == null && (i.isPublic || user.equals(i.owner) || i.members.contains(user));
    }

    Image image(String user, String id) {
        Image i = images.get(id);
        if (i == null || !visible(i, user)) {
            throw EmulatorFault.notFound("Image " + id + " not found.");
        }
        return i;
    }

    Volume volume(String user, int id) {
        Volume v = volumes.get(id);
        if (v == null || !v.userId.equals(user)) {
            throw EmulatorFault.notFound("Volume " + id + " not found.");
        }
        return v;
    }

    Port port(String user, int id) {
        Port p = ports.get(id);
        if (p == null || p.deleted || !p.userId.equals(user)) {
            throw EmulatorFault.notFound("Port " + id + " not found.");
        }
        return p;
    }

    FloatingIp floatingIp(String user, int id) {
        FloatingIp f = floatingIps.get(id);
        if (f == null || f.deleted || !f.userId.equals(user)) {
            throw EmulatorFault.notFound("Floating IP " + id + " not found.");
        }
        return f;
    }

    /** The API status of a server, from its operstate and pending task (spec §2.4). */
    static String status(Server s) {
        if (s.deleted) {
            return "DELETED";
        }
        return switch (s.operstate) {
            case "BUILD" -> "BUILD";
            case "STARTED" -> "REBOOTING".equals(s.task) ? "REBOOT" : "ACTIVE";
            case "STOPPED" -> "RESIZING".equals(s.task) ? "RESIZE" : "STOPPED";
            case "ERROR" -> "ERROR";
            case "DESTROYED" -> "DELETED";
            default -> "UNKNOWN";
        };
    }

    /** Build progress: rises with the clock from 0 to 100 over the state delay. */
    int progress(Server s) {
        if (!"BUILD".equals(s.operstate)) {
            return 100;
        }
        if (delay.isZero()) {
            return 100;
        }
        long elapsed = Duration.between(s.taskStart, now()).toMillis();
        return (int) Math.max(0, Math.min(99, elapsed * 100 / delay.toMillis()));
    }

    /** DOWN without a device, BUILD while attaching, then ACTIVE. */
    static String status(Port p) {
        if (p.deviceId == null) {
            return "DOWN";
        }
        return p.buildStart != null ? "BUILD" : "ACTIVE";
    }

    // ---- servers ----

    /** One entry of a create request's {@code networks}. */
    record NetworkRequest(Integer networkId, String fixedIp, Integer portId) {
    }

    /** What a server create asks for (already shape-checked). */
    record ServerSpec(String userId, String name, int flavorId, String imageId, Map<String, String> metadata,
            List<String> tags, List<String> keyNames, List<NetworkRequest> networks, String project,
            boolean shared, String adminPass) {
    }

    /** Creates a server, its root volume and its NICs, charging quota first. Caller holds the monitor. */
    Server createServer(ServerSpec spec) {
        Flavor f = flavors.get(spec.flavorId());
        if (f == null || f.deleted()) {
            throw EmulatorFault.notFound("Flavor " + spec.flavorId() + " not found.");
        }
        if (!f.allowCreate()) {
            throw EmulatorFault.forbidden("Flavor " + f.id() + " is not allowed for server creation.");
        }
        Image img = image(spec.userId(), spec.imageId());
        for (String k : spec.keyNames()) {
            if (!keypairs.getOrDefault(spec.userId(), Map.of()).containsKey(k)) {
                throw EmulatorFault.notFound("Keypair " + k + " not found.");
            }
        }
        List<Runnable> nics = new ArrayList<>();
        List<Port> nicPorts = new ArrayList<>();
        if (spec.networks() != null) {
            for (NetworkRequest r : spec.networks()) {
                if (r.portId() != null) {
                    Port p = port(spec.userId(), r.portId());
                    if (p.deviceId != null) {
                        throw EmulatorFault.conflict("Port " + p.id + " is already in use.");
                    }
                    nicPorts.add(p);
                } else {
                    Network n = network(spec.userId(), r.networkId());
                    if (n.deleted) {
                        throw EmulatorFault.badRequest("Network " + n.id + " has been deleted.");
                    }
                    checkAddress(spec.userId(), n, r.fixedIp());
                }
            }
        }
        String project = spec.project() == null ? defaultProject(spec.userId()) : spec.project();
        Map<String, Long> charges = new LinkedHashMap<>(vmResources(f, true));
        charges.put("cyclades.disk", ((long) f.diskGiB()) << 30);
        charge(project, spec.userId(), charges);

        Instant now = now();
        Server s = new Server(nextServer++, spec.userId(), img.id, now);
        s.name = spec.name();
        s.project = project;
        s.shared = spec.shared();
        s.flavorId = f.id();
        s.metadata.putAll(spec.metadata());
        spec.tags().forEach(t -> s.tags.put(t, "PENDADD"));
        s.keyNames.addAll(spec.keyNames());
        s.runningCharged = true;
        s.adminPass = spec.adminPass() != null ? spec.adminPass() : Util.password();
        s.passwordExpiry = now.plus(PASSWORD_TTL);
        servers.put(s.id, s);

        Volume root = new Volume(nextVolume++, s.userId, f.diskGiB(), f.volumeTypeId(), now);
        root.name = "";
        root.project = project;
        root.serverId = s.id;
        root.index = 0;
        root.imageId = img.isSnapshot ? null : img.id;
        root.snapshotId = img.isSnapshot ? img.id : null;
        root.deleteOnTermination = true;
        root.status = "creating";
        root.pending = "in_use";
        root.pendingStart = now;
        volumes.put(root.id, root);

        if (spec.networks() == null) {
            Network pub = networks.get(PUBLIC_NETWORK);
            Port p = newPort(s.userId, pub, now);
            allocateFixed(p, pub, null, true);
            attach(p, s, now);
        } else {
            for (Port p : nicPorts) {
                attach(p, s, now);
            }
            for (NetworkRequest r : spec.networks()) {
                if (r.portId() == null) {
                    Network n = networks.get(r.networkId());
                    Port p = newPort(s.userId, n, now);
                    allocateFixed(p, n, r.fixedIp(), false);
                    attach(p, s, now);
                }
            }
        }
        return s;
    }

    /** Deletes a server: always accepted; quota and addresses are released at once, the row stays. */
    void deleteServer(Server s) {
        Flavor f = flavors.get(s.flavorId);
        release(s.project, s.userId, vmResources(f, s.runningCharged));
        s.runningCharged = false;
        Instant now = now();
        for (Port p : ports.values()) {
            if (!p.deleted && Integer.valueOf(s.id).equals(p.deviceId)) {
                deletePort(p, now);
            }
        }
        for (Volume v : volumes.values()) {
            if (!v.deleted && Integer.valueOf(s.id).equals(v.serverId)) {
                if (v.deleteOnTermination) {
                    release(v.project, v.userId, disk(v.sizeGiB));
                    v.status = "deleting";
                    v.pending = "deleted";
                } else {
                    v.status = "detaching";
                    v.pending = "available";
                }
                v.pendingStart = now;
                v.updated = now;
            }
        }
        s.task = "DESTROYING";
        s.taskStart = now;
        s.updated = now;
    }

    /** Starts an asynchronous server task. */
    void task(Server s, String task) {
        s.task = task;
        s.taskStart = now();
        s.updated = s.taskStart;
    }

    // ---- ports and addresses ----

    Port newPort(String user, Network n, Instant now) {
        int id = nextPort++;
        String mac = String.format("aa:00:00:%02x:%02x:%02x", (id >> 16) & 255, (id >> 8) & 255, id & 255);
        Port p = new Port(id, user, n.id, mac, now);
        ports.put(id, p);
        n.updated = now;
        return p;
    }

    void attach(Port p, Server s, Instant now) {
        p.deviceId = s.id;
        p.buildStart = now;
        p.updated = now;
    }

    /**
     * Validates an address requested on a network before anything is created: on a public network it
     * must be one of the caller's free floating IPs; on a private one it must be free and in a subnet.
     */
    void checkAddress(String user, Network n, String address) {
        if (n.isPublic) {
            if (address == null) {
                throw EmulatorFault.badRequest("A floating IP is required to connect to public network " + n.id + ".");
            }
            FloatingIp fip = floatingIpByAddress(user, n, address);
            if (fip.portId != null) {
                throw EmulatorFault.conflict("Floating IP " + address + " is already in use.");
            }
            return;
        }
        if (address == null) {
            return;
        }
        Subnet sub = subnetFor(n, address);
        if (sub.used.contains(address) || address.equals(sub.gateway)) {
            throw EmulatorFault.conflict("IP address '" + address + "' is already in use.");
        }
    }

    FloatingIp floatingIpByAddress(String user, Network n, String address) {
        for (FloatingIp f : floatingIps.values()) {
            if (!f.deleted && f.address.equals(address) && f.networkId == n.id && f.userId.equals(user)) {
                return f;
            }
        }
        throw EmulatorFault.notFound("Floating IP '" + address + "' not found.");
    }

    Subnet subnetFor(Network n, String address) {
        if (Util.isIpv4(address)) {
            long a = Util.ipv4(address);
            for (int sid : n.subnets) {
                Subnet sub = subnets.get(sid);
                if (sub.ipVersion == 4) {
                    long[] range = Util.cidr4(sub.cidr);
                    if (a > range[0] && a < range[1]) {
                        return sub;
                    }
                }
            }
        }
        throw EmulatorFault.badRequest("IP address '" + address + "' does not belong to network " + n.id + ".");
    }

    /**
     * Gives a new port its addresses: the requested one (a floating IP on a public network), or the
     * next free IPv4 of the network's pool when {@code anyPublic}, plus the EUI-64 IPv6 address of
     * an IPv6 subnet.
     */
    void allocateFixed(Port p, Network n, String address, boolean anyPublic) {
        Subnet v4 = null;
        Subnet v6 = null;
        for (int sid : n.subnets) {
            Subnet sub = subnets.get(sid);
            if (sub.ipVersion == 4) {
                v4 = sub;
            } else {
                v6 = sub;
            }
        }
        if (n.isPublic && address != null) {
            FloatingIp fip = floatingIpByAddress(p.userId, n, address);
            fip.portId = p.id;
            fip.updated = now();
            p.floatingIpId = fip.id;
            p.ips.add(new FixedIp(fip.address, fip.subnetId, 4));
        } else if (address != null) {
            Subnet sub = subnetFor(n, address);
            sub.used.add(address);
            p.ips.add(new FixedIp(address, sub.id, 4));
        } else if (v4 != null && (!n.isPublic || anyPublic)) {
            String a = nextFree(v4);
            if (a == null) {
                throw new EmulatorFault(503, "serviceUnavailable", "No more free IP addresses in network " + n.id);
            }
            v4.used.add(a);
            p.ips.add(new FixedIp(a, v4.id, 4));
        }
        if (v6 != null) {
            p.ips.add(new FixedIp(Util.eui64(v6.cidr, p.mac), v6.id, 6));
        }
    }

    String nextFree(Subnet sub) {
        for (long[] pool : sub.pools) {
            for (long a = pool[0]; a <= pool[1]; a++) {
                String s = Util.ipv4(a);
                if (!sub.used.contains(s) && !s.equals(sub.gateway)) {
                    return s;
                }
            }
        }
        return null;
    }

    /** Removes a port: its fixed addresses return to the pool, its floating IP stays reserved. */
    void deletePort(Port p, Instant now) {
        for (FixedIp ip : p.ips) {
            if (ip.version() == 4 && p.floatingIpId == null) {
                Subnet sub = subnets.get(ip.subnetId());
                if (sub != null) {
                    sub.used.remove(ip.address());
                }
            }
        }
        if (p.floatingIpId != null) {
            FloatingIp fip = floatingIps.get(p.floatingIpId);
            fip.portId = null;
            fip.updated = now;
        }
        if (p.deviceId != null) {
            Server s = servers.get(p.deviceId);
            if (s != null) {
                s.updated = now;
            }
        }
        p.deleted = true;
        p.updated = now;
        Network n = networks.get(p.networkId);
        n.updated = now;
    }

    /** Called once by the catalogue after it put the public network with its fixed id. */
    void createNetworkIdAfterPublic() {
        nextNetwork = Math.max(nextNetwork, PUBLIC_NETWORK + 1);
    }

    // ---- networks, floating IPs, volumes (shared by HTTP handlers and the seeding API) ----

    Network createNetwork(String user, String type, String name, String project, boolean shared) {
        if (type == null) {
            throw EmulatorFault.badRequest("Malformed request. Missing 'type' attribute.");
        }
        if (!NETWORK_TYPES.contains(type)) {
            throw EmulatorFault.badRequest("Invalid network type '" + type + "'");
        }
        if (!ENABLED_NETWORK_TYPES.contains(type)) {
            throw EmulatorFault.forbidden("Cannot create network of type '" + type + "'.");
        }
        if (name.length() > 128) {
            throw EmulatorFault.badRequest("Network name is too long.");
        }
        String p = project == null ? defaultProject(user) : project;
        charge(p, user, Map.of("cyclades.network.private", 1L));
        Network n = new Network(nextNetwork++, user, type, false, false, now());
        n.name = name;
        n.project = p;
        n.shared = shared;
        networks.put(n.id, n);
        return n;
    }

    /** Adds a subnet to a network (validated by the caller), with its allocation pools. */
    Subnet addSubnet(Network n, String user, boolean isPublic, int version, String cidr, String gateway, boolean dhcp,
            boolean slaac, List<long[]> pools, String name) {
        Subnet sub = new Subnet(nextSubnet++, n.id, user, isPublic, version, cidr, gateway, dhcp, slaac, now());
        sub.name = name;
        sub.pools.addAll(pools);
        subnets.put(sub.id, sub);
        n.subnets.add(sub.id);
        n.updated = sub.created;
        return sub;
    }

    FloatingIp reserveFloatingIp(String user, Integer networkId, String address, String project, boolean shared) {
        Network n;
        if (networkId == null) {
            n = networks.values().stream().filter(x -> x.isPublic && x.floatingPool && !x.deleted
                    && hasFreeV4(x)).findFirst().orElseThrow(
                            () -> EmulatorFault.conflict("Cannot allocate floating IP: no floating IP pool available."));
        } else {
            n = networks.get(networkId);
            if (n == null || !visible(n, user)) {
                throw EmulatorFault.notFound("Network " + networkId + " not found.");
            }
            if (!n.floatingPool) {
                throw EmulatorFault.conflict("Network " + networkId + " is not a floating IP pool.");
            }
        }
        Subnet v4 = n.subnets.stream().map(subnets::get).filter(s -> s.ipVersion == 4).findFirst()
                .orElseThrow(() -> EmulatorFault.conflict("Network " + n.id + " has no IPv4 subnet."));
        String a;
        if (address != null) {
            if (!Util.isIpv4(address)) {
                throw EmulatorFault.badRequest("Invalid floating IP address '" + address + "'");
            }
            long v = Util.ipv4(address);
            boolean inPool = v4.pools.stream().anyMatch(pl -> v >= pl[0] && v <= pl[1]);
            if (!inPool) {
                throw EmulatorFault.badRequest("IP address '" + address + "' does not belong to the pool.");
            }
            if (v4.used.contains(address)) {
                throw EmulatorFault.conflict("IP address '" + address + "' is already in use.");
            }
            a = address;
        } else {
            a = nextFree(v4);
            if (a == null) {
                throw EmulatorFault.conflict("Cannot allocate floating IP: pool of network " + n.id + " is full.");
            }
        }
        String p = project == null ? defaultProject(user) : project;
        charge(p, user, Map.of("cyclades.floating_ip", 1L));
        v4.used.add(a);
        FloatingIp f = new FloatingIp(nextFloatingIp++, user, a, n.id, v4.id, now());
        f.project = p;
        f.shared = shared;
        floatingIps.put(f.id, f);
        return f;
    }

    private boolean hasFreeV4(Network n) {
        return n.subnets.stream().map(subnets::get).anyMatch(s -> s.ipVersion == 4 && nextFree(s) != null);
    }

    /** What a volume create asks for. */
    record VolumeSpec(String userId, String name, String description, int sizeGiB, Integer serverId,
            Integer volumeTypeId, String snapshotId, String imageId, String project, boolean shared,
            Map<String, String> metadata, boolean deleteOnTermination) {
    }

    Volume createVolume(VolumeSpec spec) {
        if (spec.sizeGiB() > MAX_VOLUME_SIZE) {
            throw EmulatorFault.badRequest("Volume size cannot exceed " + MAX_VOLUME_SIZE + " GiB.");
        }
        if (spec.snapshotId() != null && spec.imageId() != null) {
            throw EmulatorFault.badRequest("Cannot specify both 'snapshot_id' and 'imageRef'.");
        }
        Server server = null;
        if (spec.serverId() != null) {
            Server s = servers.get(spec.serverId());
            if (s == null || !s.userId.equals(spec.userId()) || s.deleted || "DESTROYING".equals(s.task)) {
                throw EmulatorFault.badRequest("Server " + spec.serverId() + " not found.");
            }
            if ("ERROR".equals(s.operstate)) {
                throw EmulatorFault.badRequest("Cannot attach a volume to a server in ERROR state.");
            }
            server = s;
        }
        Integer typeId = spec.volumeTypeId();
        if (typeId == null) {
            if (server == null) {
                throw EmulatorFault.badRequest("Volume type is required when no server is given.");
            }
            typeId = flavors.get(server.flavorId).volumeTypeId();
        }
        VolumeType type = volumeTypes.get(typeId);
        if (type == null) {
            throw EmulatorFault.badRequest("Volume type " + typeId + " not found.");
        }
        if (!type.detachable()) {
            throw EmulatorFault.badRequest("Volume type '" + type.name() + "' is not detachable: only servers' root "
                    + "volumes may use it.");
        }
        if (server != null) {
            checkAttachable(server, type);
        }
        if (spec.snapshotId() != null) {
            Image snap = images.get(spec.snapshotId());
            if (snap == null || !snap.isSnapshot || !visible(snap, spec.userId())) {
                throw EmulatorFault.badRequest("Snapshot " + spec.snapshotId() + " not found.");
            }
        }
        if (spec.imageId() != null) {
            Image img = images.get(spec.imageId());
            if (img == null || !visible(img, spec.userId())) {
                throw EmulatorFault.badRequest("Image " + spec.imageId() + " not found.");
            }
        }
        if (spec.metadata().size() > MAX_METADATA) {
            throw EmulatorFault.badRequest("Volumes cannot have more than " + MAX_METADATA + " metadata items.");
        }
        String project = spec.project() == null ? defaultProject(spec.userId()) : spec.project();
        charge(project, spec.userId(), disk(spec.sizeGiB()));
        Instant now = now();
        Volume v = new Volume(nextVolume++, spec.userId(), spec.sizeGiB(), type.id(), now);
        v.name = spec.name();
        v.description = spec.description() == null ? "" : spec.description();
        v.project = project;
        v.shared = spec.shared();
        v.snapshotId = spec.snapshotId();
        v.imageId = spec.imageId();
        v.metadata.putAll(spec.metadata());
        v.deleteOnTermination = spec.deleteOnTermination();
        v.status = "creating";
        v.pendingStart = now;
        if (server != null) {
            v.serverId = server.id;
            v.index = nextIndex(server);
            v.pending = "in_use";
            server.updated = now;
        } else {
            v.pending = "available";
        }
        volumes.put(v.id, v);
        return v;
    }

    void checkAttachable(Server s, VolumeType type) {
        Flavor f = flavors.get(s.flavorId);
        if (!f.diskTemplate().equals(type.diskTemplate())) {
            throw EmulatorFault.badRequest("Volume type '" + type.name() + "' does not match the disk template '"
                    + f.diskTemplate() + "' of server " + s.id + ".");
        }
    }

    int nextIndex(Server s) {
        int max = -1;
        for (Volume v : volumes.values()) {
            if (!v.deleted && Integer.valueOf(s.id).equals(v.serverId)) {
                max = Math.max(max, v.index);
            }
        }
        return max + 1;
    }

    /** Volumes attached to a server, deleted ones excluded, root first. */
    List<Volume> attached(Server s) {
        List<Volume> out = new ArrayList<>();
        for (Volume v : volumes.values()) {
            if (!v.deleted && Integer.valueOf(s.id).equals(v.serverId)) {
                out.add(v);
            }
        }
        out.sort((a, b) -> Integer.compare(a.index, b.index));
        return out;
    }

    /** A new Plankton image id for a location: stable, so re-registering updates the same image. */
    static String imageId(String location) {
        return UUID.nameUUIDFromBytes(location.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    Optional<Keypair> keypair(String user, String name) {
        return Optional.ofNullable(keypairs.getOrDefault(user, Map.of()).get(name));
    }

    Keypair addKeypair(String user, String name, String publicKey, String fingerprint) {
        Keypair k = new Keypair(nextKeypair++, name, publicKey, fingerprint, now());
        keypairs.computeIfAbsent(user, x -> new LinkedHashMap<>()).put(name, k);
        return k;
    }

    // ---- seeding entry points (public: used by org.synnefo.reactive.emulator.CycladesSeed) ----

    /** Creates a server for a user as {@code POST /servers} would (default networking, quota charged). */
    public int seedServer(String userUuid, String name, int flavorId, String imageId, String project) {
        return tx(() -> createServer(new ServerSpec(userUuid, name, flavorId, imageId, Map.of(), List.of(),
                List.of(), null, project, false, null)).id);
    }

    /** Creates a private MAC_FILTERED network with an IPv4 subnet; returns its id. */
    public String seedNetwork(String userUuid, String name, String cidr, String project) {
        return tx(() -> {
            Network n = createNetwork(userUuid, "MAC_FILTERED", name, project, false);
            if (cidr != null) {
                long[] range = Util.cidr4(cidr);
                addSubnet(n, userUuid, false, 4, cidr, Util.ipv4(range[0] + 1), true, false,
                        List.<long[]>of(new long[] {range[0] + 2, range[1] - 1}), name + "-subnet");
            }
            return String.valueOf(n.id);
        });
    }

    /** Creates a standalone (detachable) volume, or one attached to {@code serverId}; returns its id. */
    public String seedVolume(String userUuid, String name, int sizeGiB, Integer serverId, String project) {
        return tx(() -> {
            Integer type = serverId == null ? 2 : null;
            return String.valueOf(createVolume(new VolumeSpec(userUuid, name, "", sizeGiB, serverId, type, null, null,
                    project, false, Map.of(), true)).id);
        });
    }

    /** Reserves a floating IP from the public pool; returns its address. */
    public String seedFloatingIp(String userUuid, String project) {
        return tx(() -> reserveFloatingIp(userUuid, null, null, project, false).address);
    }

    /** The API status of a server right now (BUILD, ACTIVE, ...), for seeding code that waits. */
    public String serverStatus(int serverId) {
        return tx(() -> {
            Server s = servers.get(serverId);
            return s == null ? null : status(s);
        });
    }

    String baseUrl() {
        String b = context.state().publicBaseUrl();
        return b == null ? "" : b;
    }
}
