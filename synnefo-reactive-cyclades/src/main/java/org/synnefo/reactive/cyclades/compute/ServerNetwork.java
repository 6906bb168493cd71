package org.synnefo.reactive.cyclades.compute;

import java.util.Objects;

/**
 * One NIC to create with a server: a network (optionally with a fixed IP, which on a public network must
 * be one of the caller's floating IPs), or an existing port.
 *
 * @param networkId the network id, or {@code null} when {@code portId} is set
 * @param fixedIp the IPv4 address to use, or {@code null}
 * @param portId an existing port, or {@code null}
 */
public record ServerNetwork(String networkId, String fixedIp, String portId) {

    /** Checks that exactly one of network and port is given. */
    public ServerNetwork {
        if ((networkId == null) == (portId == null)) {
            throw new IllegalArgumentException("give either a network id or a port id");
        }
        if (fixedIp != null && networkId == null) {
            throw new IllegalArgumentException("a fixed IP needs a network id");
        }
    }

    /** @param networkId the network @return a NIC on that network */
    public static ServerNetwork network(String networkId) {
        return new ServerNetwork(Objects.requireNonNull(networkId), null, null);
    }

    /** @param networkId the network @param fixedIp the address @return a NIC with that address */
    public static ServerNetwork network(String networkId, String fixedIp) {
        return new ServerNetwork(Objects.requireNonNull(networkId), Objects.requireNonNull(fixedIp), null);
    }

    /** @param portId an existing port @return a NIC using that port */
    public static ServerNetwork port(String portId) {
        return new ServerNetwork(null, null, Objects.requireNonNull(portId));
    }
}
