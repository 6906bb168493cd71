package org.synnefo.reactive.emulator.internal.cyclades;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mutable records of the Cyclades model. They are only touched while holding the
 * {@link CycladesBackend} monitor, so they need no synchronization of their own.
 */
final class Entities {

    private Entities() {
    }

    /** A flavor of the catalogue. */
    record Flavor(int id, String name, int vcpus, int ramMiB, int diskGiB, int volumeTypeId, String diskTemplate,
            boolean allowCreate, boolean isPublic, boolean deleted) {
    }

    /** A volume type of the catalogue. */
    record VolumeType(int id, String name, String diskTemplate, boolean detachable) {
    }

    /** A virtual machine. {@code operstate} is the internal state; {@code task} the pending action. */
    static final class Server {
        final int id;
        final String userId;
        final Instant created;
        String name;
        String project;
        boolean shared;
        int flavorId;
        Integer pendingFlavor;
        final String imageId;
        final Map<String, String> metadata = new LinkedHashMap<>();
        final Map<String, String> tags = new LinkedHashMap<>();
        final List<String> keyNames = new ArrayList<>();
        Instant updated;
        String operstate = "BUILD";
        String task = "BUILDING";
        Instant taskStart;
        boolean deleted;
        boolean runningCharged;
        String adminPass;
        Instant passwordExpiry;
        final List<Diagnostic> diagnostics = new ArrayList<>();

        Server(int id, String userId, String imageId, Instant created) {
            this.id = id;
            this.userId = userId;
            this.imageId = imageId;
            this.created = created;
            this.updated = created;
            this.taskStart = created;
        }
    }

    /** One diagnostic message of a server. */
    record Diagnostic(String level, Instant created, String source, String message, String details) {
    }

    /** A network; public ones have no owner. */
    static final class Network {
        final int id;
        final String userId;
        final String type;
        final boolean isPublic;
        final boolean floatingPool;
        final Instant created;
        String name;
        String project;
        boolean shared;
        Instant updated;
        boolean deleted;
        final List<Integer> subnets = new ArrayList<>();

        Network(int id, String userId, String type, boolean isPublic, boolean floatingPool, Instant created) {
            this.id = id;
            this.userId = userId;
            this.type = type;
            this.isPublic = isPublic;
            this.floatingPool = floatingPool;
            this.created = created;
            this.updated = created;
        }
    }

    /** A subnet; IPv4 pools are kept as integer ranges. */
    static final class Subnet {
        final int id;
        final int networkId;
        final String userId;
        final boolean isPublic;
        final int ipVersion;
        final String cidr;
        final String gateway;
        final boolean dhcp;
        final boolean slaac;
        final List<long[]> pools = new ArrayList<>();
        final List<String> dns = new ArrayList<>();
        final Set<String> used = new LinkedHashSet<>();
        final Instant created;
        String name;
        Instant updated;

        Subnet(int id, int networkId, String userId, boolean isPublic, int ipVersion, String cidr, String gateway,
                boolean dhcp, boolean slaac, Instant created) {
            this.id = id;
            this.networkId = networkId;
            this.userId = userId;
            this.isPublic = isPublic;
            this.ipVersion = ipVersion;
            this.cidr = cidr;
            this.gateway = gateway;
            this.dhcp = dhcp;
            this.slaac = slaac;
            this.created = created;
            this.updated = created;
        }
    }

    /** One address of a port. */
    record FixedIp(String address, int subnetId, int version) {
    }

    /** A port (a NIC when it has a device). State DOWN, BUILD (until {@code buildStart + delay}), ACTIVE. */
    static final class Port {
        final int id;
        final String userId;
        final int networkId;
        final String mac;
        final Instant created;
        final List<FixedIp> ips = new ArrayList<>();
        final List<String> securityGroups = new ArrayList<>();
        String name = "";
        Integer deviceId;
        Integer floatingIpId;
        String firewallProfile;
        Instant buildStart;
        Instant updated;
        boolean deleted;

        Port(int id, String userId, int networkId, String mac, Instant created) {
            this.id = id;
            this.userId = userId;
            this.networkId = networkId;
            this.mac = mac;
            this.created = created;
            this.updated = created;
        }
    }

    /** A floating IP reserved from a public pool network. */
    static final class FloatingIp {
        final int id;
        final String userId;
        final String address;
        final int networkId;
        final int subnetId;
        final Instant created;
        String project;
        boolean shared;
        Integer portId;
        Instant updated;
        boolean deleted;

        FloatingIp(int id, String userId, String address, int networkId, int subnetId, Instant created) {
            this.id = id;
            this.userId = userId;
            this.address = address;
            this.networkId = networkId;
            this.subnetId = subnetId;
            this.created = created;
            this.updated = created;
        }
    }

    /** A block storage volume. {@code status} is the settled state; {@code pending} completes after the delay. */
    static final class Volume {
        final int id;
        final String userId;
        final int sizeGiB;
        final int volumeTypeId;
        final Instant created;
        String name;
        String description = "";
        String project;
        boolean shared;
        String status;
        String pending;
        Instant pendingStart;
        Integer serverId;
        int index = -1;
        String snapshotId;
        String imageId;
        boolean deleteOnTermination;
        final Map<String, String> metadata = new LinkedHashMap<>();
        Instant updated;
        boolean deleted;

        Volume(int id, String userId, int sizeGiB, int volumeTypeId, Instant created) {
            this.id = id;
            this.userId = userId;
            this.sizeGiB = sizeGiB;
            this.volumeTypeId = volumeTypeId;
            this.created = created;
            this.updated = created;
        }
    }

    /**
     * A Plankton image (or a snapshot: an image with {@code isSnapshot}). Snapshots start in
     * {@code CREATING} until {@code pendingStart + delay}.
     */
    static final class Image {
        final String id;
        final String location;
        final Instant created;
        String owner;
        String name;
        long size;
        String checksum;
        String diskFormat = "diskdump";
        String containerFormat = "bare";
        String status = "AVAILABLE";
        String pending;
        Instant pendingStart;
        boolean isPublic;
        boolean isSnapshot;
        String description = "";
        Integer volumeId;
        final Map<String, String> properties = new LinkedHashMap<>();
        final Set<String> members = new LinkedHashSet<>();
        final Map<String, String> snapshotMeta = new LinkedHashMap<>();
        Instant updated;
        Instant deletedAt;

        Image(String id, String location, Instant created) {
            this.id = id;
            this.location = location;
            this.created = created;
            this.updated = created;
        }
    }

    /** An SSH key pair of a user. */
    static final class Keypair {
        final int id;
        final String name;
        final String publicKey;
        final String fingerprint;
        final Instant created;

        Keypair(int id, String name, String publicKey, String fingerprint, Instant created) {
            this.id = id;
            this.name = name;
            this.publicKey = publicKey;
            this.fingerprint = fingerprint;
            this.created = created;
        }
    }
}
