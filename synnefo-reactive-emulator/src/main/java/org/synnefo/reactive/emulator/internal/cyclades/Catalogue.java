package org.synnefo.reactive.emulator.internal.cyclades;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Flavor;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Image;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.Network;
import org.synnefo.reactive.emulator.internal.cyclades.Entities.VolumeType;

/**
 * What a fresh cloud offers before any user acts: volume types, flavors named like a real
 * deployment's ({@code C<cpu>R<ram>D<disk><template>}), public system images with the properties
 * clients pick by ({@code OS}, {@code osfamily}, {@code users}...), and the public network with an
 * IPv4 floating IP pool and an IPv6 subnet.
 */
final class Catalogue {

    private Catalogue() {
    }

    static void seed(CycladesBackend b) {
        b.volumeTypes.put(1, new VolumeType(1, "drbd", "drbd", false));
        b.volumeTypes.put(2, new VolumeType(2, "archipelago", "ext_archipelago", true));

        int id = 1;
        int[][] drbd = {{1, 1024, 20}, {1, 2048, 20}, {2, 2048, 20}, {2, 2048, 40}, {2, 4096, 40}, {4, 4096, 60},
            {4, 8192, 80}};
        for (int[] f : drbd) {
            b.flavors.put(id, flavor(id, f, 1, "drbd", true));
            id++;
        }
        int[][] archip = {{1, 1024, 20}, {2, 2048, 20}, {2, 4096, 40}, {4, 4096, 60}, {8, 8192, 100}};
        for (int[] f : archip) {
            b.flavors.put(id, flavor(id, f, 2, "ext_archipelago", true));
            id++;
        }
        b.flavors.put(id, flavor(id, new int[] {16, 16384, 160}, 1, "drbd", false));

        Instant t = b.now().minusSeconds(86400 * 30);
        image(b, "c4c3f9a8-2e1b-4d8e-9a2c-5b7e0f1d3a01", "Debian Base", "debian_base-8.0-x86_64.diskdump",
                2_242_969_600L, t, Map.of("os", "debian", "osfamily", "linux", "users", "root", "root_partition", "1",
                        "description", "Debian 8.0 (Jessie) Base System", "kernel", "3.16.0-4-amd64",
                        "gui", "No GUI", "sortorder", "1", "swap", "5:1024"));
        image(b, "5a9f4c1e-7d3b-4f2a-8c6e-0b1d2e3f4a02", "Ubuntu Server", "ubuntu_server-16.04-x86_64.diskdump",
                2_684_354_560L, t.plusSeconds(60), Map.of("os", "ubuntu", "osfamily", "linux", "users", "user",
                        "root_partition", "1", "description", "Ubuntu 16.04 LTS Server", "kernel", "4.4.0",
                        "gui", "No GUI", "sortorder", "2"));
        image(b, "9e2d7b3c-1a4f-4e6d-b8c0-3f5a6b7c8d03", "CentOS", "centos-7-x86_64.diskdump",
                2_147_483_648L, t.plusSeconds(120), Map.of("os", "centos", "osfamily", "linux", "users", "root",
                        "root_partition", "1", "description", "CentOS 7 minimal", "kernel", "3.10.0",
                        "gui", "No GUI", "sortorder", "3"));
        image(b, "1b8e6f2a-3c4d-4a5b-9e7f-6d0c1b2a3e04", "Windows Server 2012", "windows-2012r2-x86_64.diskdump",
                10_737_418_240L, t.plusSeconds(180), Map.of("os", "windows", "osfamily", "windows",
                        "users", "Administrator", "root_partition", "2", "description", "Windows Server 2012 R2",
                        "gui", "Windows", "sortorder", "4"));

        Network pub = new Network(CycladesBackend.PUBLIC_NETWORK, null, "IP_LESS_ROUTED", true, true, t);
        pub.name = "Public IPv4 + IPv6";
        pub.project = null;
        b.networks.put(pub.id, pub);
        advance(b);
        b.addSubnet(pub, null, true, 4, "203.0.113.0/24", "203.0.113.1", true, false,
                List.<long[]>of(new long[] {Util.ipv4("203.0.113.2"), Util.ipv4("203.0.113.254")}), "public-v4");
        b.addSubnet(pub, null, true, 6, "2001:db8:1::/64", "2001:db8:1::1", true, true, List.of(), "public-v6");
        pub.updated = t;
    }

    /** Skips the public network's id so user networks start after it. */
    private static void advance(CycladesBackend b) {
        // The public network was put with an explicit id: burn that id in the counter.
        b.createNetworkIdAfterPublic();
    }

    private static Flavor flavor(int id, int[] f, int volumeType, String template, boolean allowCreate) {
        String name = "C" + f[0] + "R" + f[1] + "D" + f[2] + template;
        return new Flavor(id, name, f[0], f[1], f[2], volumeType, template, allowCreate, true, false);
    }

    private static void image(CycladesBackend b, String id, String name, String file, long size, Instant created,
            Map<String, String> props) {
        String location = "pithos://" + CycladesBackend.SYSTEM_UUID + "/images/" + file;
        Image i = new Image(id, location, created);
        i.owner = CycladesBackend.SYSTEM_UUID;
        i.name = name;
        i.size = size;
        i.checksum = String.format("%064x", new java.math.BigInteger(1,
                name.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        i.isPublic = true;
        i.description = props.getOrDefault("description", "");
        new java.util.TreeMap<>(props).forEach(i.properties::put);
        b.images.put(id, i);
    }
}
